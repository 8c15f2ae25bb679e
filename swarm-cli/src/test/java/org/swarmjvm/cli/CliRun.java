package org.swarmjvm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs {@code swarm} in this JVM and keeps what it printed and its exit code.
 *
 * @param exitCode the exit code.
 * @param out      standard output.
 * @param err      standard error.
 */
public record CliRun(int exitCode, String out, String err)
{
    /**
     * @param args command line.
     * @return what happened.
     */
    public static CliRun run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = SwarmCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
