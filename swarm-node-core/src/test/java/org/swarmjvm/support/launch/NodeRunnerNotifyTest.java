package org.swarmjvm.support.launch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.QuietLoggers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A program under a {@code Type=notify} unit tells systemd that it is ready only once its launch has returned (its
 * listeners bound, its data loaded), and that it stops before it begins to close; without {@code NOTIFY_SOCKET}
 * nothing is run. The notify program here is a script that appends its arguments to the file the program's launch
 * and close append to, so the file shows the order; the real one is run against a real socket by the package check.
 */
class NodeRunnerNotifyTest
{
    @TempDir
    Path work;
    private Path events;

    @BeforeEach
    void eventsFile()
    {
        events = work.resolve("events");
    }

    @Test
    void shouldTellReadyAfterTheLaunchAndStoppingBeforeTheClose() throws Exception
    {
        assertEquals(List.of(
            "launched",
            "--ready --status=test-node serves",
            "STOPPING=1 --status=test-node stopping: TERM received",
            "closed"), runUntilTerm(new SystemdNotifier(notifyScript(), true), 2));
    }

    @Test
    void shouldRunNothingWithoutANotifySocket() throws Exception
    {
        assertEquals(List.of("launched", "closed"), runUntilTerm(new SystemdNotifier(notifyScript(), false), 1));
    }

    @Test
    void shouldServeAndStopCleanlyWhenTheNotifyProgramCannotRun() throws Exception
    {
        // The warning that systemd was not told is the expected outcome here, not news for the build's output.
        try (QuietLoggers ignored = new QuietLoggers(SystemdNotifier.class.getName()))
        {
            assertEquals(List.of("launched", "closed"), runUntilTerm(
                new SystemdNotifier(work.resolve("no-such-program").toString(), true), 1));
        }
    }

    /**
     * Runs a program that logs its launch and close to {@link #events} until it has written {@code linesBeforeStop}
     * lines there, then sends it TERM; it must stop cleanly.
     *
     * @return the lines of the file.
     */
    private List<String> runUntilTerm(final SystemdNotifier notifier, final int linesBeforeStop) throws Exception
    {
        final NodeRunner runner = new NodeRunner("test-node", notifier);
        final CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
            () -> runner.run(work.resolve("data"), NodeRunnerNotifyTest.this::launch));
        Await.until(linesBeforeStop + " lines in " + events, () -> lines().size() == linesBeforeStop);
        runner.onSignal("TERM");
        assertEquals(NodeRunner.EXIT_STOPPED, status.get());
        return lines();
    }

    private String notifyScript() throws IOException
    {
        final Path script = work.resolve("systemd-notify");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + events + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private AutoCloseable launch()
    {
        append("launched");
        return () -> append("closed");
    }

    private void append(final String line)
    {
        try
        {
            Files.writeString(events, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private List<String> lines()
    {
        try
        {
            return Files.exists(events) ? Files.readAllLines(events) : List.of();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
