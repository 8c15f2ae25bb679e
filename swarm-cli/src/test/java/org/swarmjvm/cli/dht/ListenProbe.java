package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.CliRun;
import org.swarmjvm.cli.SwarmCli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs a long command whose standard error a test watches while it runs.
 */
final class ListenProbe
{
    private ListenProbe()
    {
    }

    static CliRun run(final StringWriter err, final String... args)
    {
        final StringWriter out = new StringWriter();
        final int exitCode = SwarmCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
