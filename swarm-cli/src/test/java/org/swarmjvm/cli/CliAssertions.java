package org.swarmjvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks of what a {@code swarm} command line printed and exited with.
 */
public final class CliAssertions
{
    private CliAssertions()
    {
    }

    /**
     * @param run what happened.
     * @return the run, which exited 0 and printed nothing on standard error.
     */
    public static CliRun assertOk(final CliRun run)
    {
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        return run;
    }

    /**
     * Runs a command line that fails with one line on standard error and nothing on standard output.
     *
     * @param exitCode the exit code expected.
     * @param err      the line expected on standard error, without its line end.
     * @param args     the command line.
     */
    public static void assertFails(final int exitCode, final String err, final String... args)
    {
        final CliRun run = CliRun.run(args);
        assertEquals(exitCode, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertEquals(err + "\n", run.err(), run::toString);
    }

    /**
     * Runs a command line that is wrong: exit 2, a message on standard error (and a hint to try --help).
     *
     * @param why     the mistake, for the failure message.
     * @param message text the error must contain.
     * @param args    the command line.
     */
    public static void assertUsage(final String why, final String message, final String... args)
    {
        final CliRun run = CliRun.run(args);
        assertEquals(ExitCode.USAGE, run.exitCode(), () -> why + ": " + run);
        assertEquals("", run.out(), () -> why + ": " + run);
        assertTrue(run.err().startsWith("swarm: "), () -> why + ": " + run);
        assertTrue(run.err().contains(message), () -> why + ": " + run);
        assertTrue(run.err().lines().count() <= 2, () -> why + ": " + run);
    }
}
