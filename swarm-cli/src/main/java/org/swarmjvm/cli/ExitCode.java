package org.swarmjvm.cli;

/**
 * The exit codes of {@code swarm}, the same for every subcommand, so scripts can test them.
 */
public final class ExitCode
{
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The answer is "no": {@code dht get} found no record, {@code dht exists} none, {@code queue pop} an empty
     * queue. */
    public static final int NOT_FOUND = 1;
    /** The command line is wrong: unknown option, missing argument, bad key or channel, unreadable file. */
    public static final int USAGE = 2;
    /** A node could not be reached or the connection broke: refused, unknown host, timeout, closed. */
    public static final int UNREACHABLE = 3;
    /** A node answered the request with an error status (the message names it). */
    public static final int STATUS = 4;
    /** A node is not what the command expects: it failed the handshake (not a DHT node, wrong API version,
     * ranges that overlap or leave a gap). */
    public static final int WRONG_NODE = 5;
    /** A bug: an unexpected exception, printed with its stack trace. */
    public static final int SOFTWARE = 70;

    private ExitCode()
    {
    }
}
