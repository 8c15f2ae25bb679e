package org.swarmjvm.node;

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

    @Test
    void shouldTellReadyAfterTheLaunchAndStoppingBeforeTheClose() throws Exception
    {
        final Path events = work.resolve("events");
        final NodeRunner runner = new NodeRunner("test-node", new SystemdNotifier(notifyScript(events), true));
        final CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
            () -> runner.run(work.resolve("data"), () -> launch(events)));
        Await.until("the ready notice", () -> lines(events).size() == 2);
        runner.onSignal("TERM");
        assertEquals(NodeRunner.EXIT_STOPPED, status.get());
        assertEquals(List.of(
            "launched",
            "--ready --status=test-node serves",
            "STOPPING=1 --status=test-node stopping: TERM received",
            "closed"), lines(events));
    }

    @Test
    void shouldRunNothingWithoutANotifySocket() throws Exception
    {
        final Path events = work.resolve("events");
        final NodeRunner runner = new NodeRunner("test-node", new SystemdNotifier(notifyScript(events), false));
        final CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
            () -> runner.run(work.resolve("data"), () -> launch(events)));
        Await.until("the launch", () -> lines(events).size() == 1);
        runner.onSignal("TERM");
        assertEquals(NodeRunner.EXIT_STOPPED, status.get());
        assertEquals(List.of("launched", "closed"), lines(events));
    }

    @Test
    void shouldServeAndStopCleanlyWhenTheNotifyProgramCannotRun() throws Exception
    {
        final Path events = work.resolve("events");
        final NodeRunner runner = new NodeRunner("test-node",
            new SystemdNotifier(work.resolve("no-such-program").toString(), true));
        // The warning that systemd was not told is the expected outcome here, not news for the build's output.
        try (QuietLoggers ignored = new QuietLoggers(SystemdNotifier.class.getName()))
        {
            final CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> runner.run(work.resolve("data"), () -> launch(events)));
            Await.until("the launch", () -> lines(events).size() == 1);
            runner.onSignal("TERM");
            assertEquals(NodeRunner.EXIT_STOPPED, status.get());
        }
        assertEquals(List.of("launched", "closed"), lines(events));
    }

    private String notifyScript(final Path events) throws IOException
    {
        final Path script = work.resolve("systemd-notify");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + events + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private static AutoCloseable launch(final Path events)
    {
        append(events, "launched");
        return () -> append(events, "closed");
    }

    private static void append(final Path events, final String line)
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

    private static List<String> lines(final Path events)
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
