package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Failures;
import org.swarmjvm.cli.NodeCommand;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoCredentials;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.queue.QueueConst;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the leased-delivery subcommands share: the CHANNEL argument, one node's neo port (a lease lives on the node
 * that gave it), the neo credentials, and the wait for each answer. A subcommand implements
 * {@link #run(QueueNeoClient, Output)}.
 */
abstract class LeaseSubcommand extends NodeCommand
{
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "channel name")
    String channel;

    @Option(names = "--credentials", paramLabel = "FILE", required = true,
        description = "neo credentials, as the node's credentials file: name:key lines (256 hex digits)")
    Path credentials;

    @Option(names = "--client", paramLabel = "NAME",
        description = "the client name of the credentials to use (default: the file's only one)")
    String clientName;

    /** The node asked, for messages. */
    NodeAddress node;

    /** The connection: still open after a failed request when the node answered Error. */
    private NeoClient connection;

    @Override
    protected void prepare()
    {
        checkChannel(channel, QueueConst.MAX_CHANNEL_NAME_LENGTH);
    }

    @Override
    protected final int run(final List<NodeAddress> addresses, final Output output)
    {
        if (1 != addresses.size())
        {
            throw new CliException(ExitCode.USAGE, "a lease lives on the node that gave it: give one node's neo " +
                "port, not " + addresses.size() + " nodes");
        }
        node = addresses.get(0);
        final Map.Entry<String, byte[]> login = login();
        try
        {
            connection = NeoClient.connect(node.address(), node.port(), login.getKey(), login.getValue());
        }
        catch (final IOException ex)
        {
            throw Failures.ofIo("the neo handshake", node, ex);
        }
        try (QueueNeoClient client = new QueueNeoClient(connection))
        {
            return run(client, output);
        }
    }

    /**
     * Runs the command.
     *
     * @param client authenticated on the node given.
     * @param output standard output.
     * @return the exit code.
     */
    abstract int run(QueueNeoClient client, Output output);

    /**
     * Waits for a request's answer.
     *
     * @param request the request's name, for messages.
     * @param answer  its future.
     * @param <T>     the answer's type.
     * @return the answer.
     * @throws CliException (status) when the node answered Error, (unreachable) when the connection failed or the
     *                      answer did not come within the timeout.
     */
    <T> T await(final String request, final CompletableFuture<T> answer)
    {
        try
        {
            return answer.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof IOException && !connection.isOpen())
            {
                throw Failures.ofIo(request, node, (IOException)ex.getCause());
            }
            throw new CliException(ExitCode.STATUS, request + " to " + node + ": " + ex.getCause().getMessage(),
                ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            throw new CliException(ExitCode.UNREACHABLE, request + " to " + node + ": no answer within " +
                timeout().toSeconds() + " s", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.UNREACHABLE, request + " to " + node + " interrupted", ex);
        }
    }

    private Map.Entry<String, byte[]> login()
    {
        final Map<String, byte[]> keys;
        try
        {
            keys = NeoCredentials.read(credentials);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new CliException(ExitCode.USAGE, "cannot read credentials " + credentials + ": " +
                ex.getMessage(), ex);
        }
        if (null == clientName)
        {
            if (1 != keys.size())
            {
                throw new CliException(ExitCode.USAGE, credentials + " holds " + keys.size() + " clients: give " +
                    "--client NAME");
            }
            return keys.entrySet().iterator().next();
        }
        if (!keys.containsKey(clientName))
        {
            throw new CliException(ExitCode.USAGE, "no client '" + clientName + "' in " + credentials);
        }
        return Map.entry(clientName, keys.get(clientName));
    }
}
