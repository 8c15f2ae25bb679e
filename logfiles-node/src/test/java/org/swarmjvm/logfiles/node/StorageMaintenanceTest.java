package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.logfiles.node.storage.StorageSettings;
import org.swarmjvm.node.work.NodeTimers;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The storage timers' thread waits for its next timer, not for a millisecond at a time, and still stops at once.
 */
class StorageMaintenanceTest
{
    @TempDir
    Path dataDir;

    @Test
    void waitingBetweenTimersLastsUntilTheNextOneIsDue() throws Exception
    {
        final Duration flush = Duration.ofMillis(300);
        try (LogfilesStorage storage = LogfilesStorage.open(StorageSettings.defaults(dataDir)))
        {
            final long created = System.nanoTime();
            final NodeTimers timers = newTimers();
            StorageMaintenance.schedule(timers, storage, flush, Duration.ofHours(1));
            timers.idleStrategy().idle(0);
            final long waited = System.nanoTime() - created;
            assertTrue(waited >= flush.toNanos(), "the idle thread woke after " + waited / 1000 + " us, " +
                "before the flush was due");
        }
    }

    @Test
    void stoppingWakesTheThreadWaitingForATimerHoursAway() throws Exception
    {
        try (LogfilesStorage storage = LogfilesStorage.open(StorageSettings.defaults(dataDir)))
        {
            final NodeTimers timers = newTimers();
            StorageMaintenance.schedule(timers, storage, Duration.ofHours(1), Duration.ofHours(2));
            timers.start();
            // Without the wake-up the runner would wait its 5 s close timeout, then interrupt the thread.
            assertTimeoutPreemptively(Duration.ofSeconds(3), timers::close);
        }
    }

    private static NodeTimers newTimers()
    {
        return new NodeTimers("logfiles", System::nanoTime, Throwable::printStackTrace);
    }
}
