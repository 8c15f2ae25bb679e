package org.swarmjvm.support.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.LogCapture;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A signal that arrives while a program is still starting (a DHT node loading its dumps can take minutes) is logged
 * at once, not when the start ends, and the program then stops cleanly without serving on.
 */
class NodeRunnerSignalTest
{
    @TempDir
    Path work;

    @Test
    void shouldLogASignalDuringTheStartAtOnceAndStopWhenTheStartEnds() throws Exception
    {
        final CountDownLatch loading = new CountDownLatch(1);
        final CountDownLatch loaded = new CountDownLatch(1);
        final NodeRunner runner = new NodeRunner("test-node", new SystemdNotifier("systemd-notify", false));
        try (LogCapture log = new LogCapture())
        {
            final CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> runner.run(
                work.resolve("data"), () ->
                {
                    loading.countDown();
                    awaitUninterruptibly(loaded);
                    return () -> { };
                }));
            loading.await();
            runner.onSignal("TERM");
            log.awaitRecord(Level.INFO, "test-node: TERM received while starting, stops as soon as its start ends");
            assertFalse(status.isDone(), "still starting");
            loaded.countDown();
            assertEquals(NodeRunner.EXIT_STOPPED, status.get());
            assertEquals(1, log.count(Level.INFO, "test-node: TERM received, stopping"), log.toString());
        }
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
