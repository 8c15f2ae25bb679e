package org.swarmjvm.queue.node.storage;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lease table over real journal files: compaction keeps the live records, a restart gives back what was
 * leased, a record the journal cannot hold stays in the storage, a removed channel takes its journal along.
 */
class LeaseTableTest
{
    private static final ChannelSizes SIZES = new ChannelSizes(1_000_000, Map.of());
    private static final LeaseSettings SMALL_JOURNAL = new LeaseSettings(5, "-dead", LeaseSettings.MIN_JOURNAL_LENGTH);
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;

    @TempDir
    Path data;

    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer();
    private final LeaseGrant grant = new LeaseGrant();
    /** The blocking worker's tasks, run by {@link #runWorker()}: this thread stands in for the worker's. */
    private final ArrayDeque<Runnable> workerTasks = new ArrayDeque<>();
    private final Executor worker = workerTasks::add;

    @Test
    void shouldKeepLeasedRecordsThroughCompactionsAndGiveThemBackAfterARestart()
    {
        final long[] kept = new long[50];
        try (QueueStore store = new QueueStore(data, SIZES, true, SMALL_JOURNAL).open())
        {
            final QueueOperations operations = new QueueOperations(store);
            for (int i = 0; i < kept.length; i++)
            {
                push(store, "kept-" + i);
                assertEquals("kept-" + i, take(operations));
                kept[i] = grant.leaseId();
            }
            // 10 000 records through a journal whose half holds some 500: it is compacted many times.
            for (int i = 0; i < 10_000; i++)
            {
                push(store, "churn-" + i);
                assertEquals("churn-" + i, take(operations));
                assertTrue(operations.ack(name(), 0, 4, grant.leaseId()), "ack " + i);
            }
            for (int i = 0; i < kept.length; i += 2)
            {
                assertTrue(operations.ack(name(), 0, 4, kept[i]), "kept " + i + " still leased");
            }
            assertEquals(kept.length / 2, store.channel("jobs").leases().leased());
        }
        try (QueueStore store = new QueueStore(data, SIZES, true, SMALL_JOURNAL).open())
        {
            final QueueOperations operations = new QueueOperations(store);
            assertFalse(operations.ack(name(), 0, 4, kept[1]), "a restart ends every lease");
            for (int i = 1; i < kept.length; i += 2)
            {
                assertEquals("kept-" + i, take(operations));
                assertEquals(2, grant.deliveries());
                assertTrue(grant.leaseId() > kept[kept.length - 1], "lease ids are never given twice");
            }
            assertEquals(QueueOperations.POPPED_NOTHING, takeLength(operations));
        }
    }

    @Test
    void shouldLeaveARecordTheJournalCannotHoldInTheStorage()
    {
        try (QueueStore store = new QueueStore(data, SIZES, true, SMALL_JOURNAL).open())
        {
            final QueueOperations operations = new QueueOperations(store);
            push(store, "x".repeat(40_000));
            assertEquals(QueueOperations.NOT_LEASABLE, takeLength(operations));
            assertEquals(40_000, store.channel("jobs").plainStorage().pop(out, 0));
        }
    }

    @Test
    void shouldMakeTheJournalOnTheWorkerAndTakeOnceItIsMade() throws Exception
    {
        try (QueueStore store = new QueueStore(data, SIZES, true, SMALL_JOURNAL).open())
        {
            final QueueOperations operations = new QueueOperations(store);
            push(store, "a");
            final Path journal = data.resolve(QueueStore.LEASE_DIRECTORY).resolve("jobs.leases");
            for (int attempt = 0; attempt < 2; attempt++)
            {
                assertEquals(QueueOperations.MAKING_JOURNAL,
                    operations.take(name(), 0, 4, HOUR_NANOS, System.nanoTime(), out, 0, grant, worker));
                assertFalse(Files.exists(journal), "no file I/O on the Take's thread");
            }
            assertEquals(1, workerTasks.size(), "one making, however many Takes wait for it");
            runWorker();
            assertEquals(SMALL_JOURNAL.journalLength(), Files.size(journal), "written in full by the worker");
            assertEquals("a", take(operations));
            assertTrue(workerTasks.isEmpty());
        }
    }

    @Test
    void shouldDeleteAJournalBeingMadeWhenItsChannelIsRemoved() throws Exception
    {
        try (QueueStore store = new QueueStore(data, SIZES, true, SMALL_JOURNAL).open())
        {
            final QueueOperations operations = new QueueOperations(store);
            push(store, "a");
            assertEquals(QueueOperations.MAKING_JOURNAL,
                operations.take(name(), 0, 4, HOUR_NANOS, System.nanoTime(), out, 0, grant, worker));
            store.remove("jobs");
            runWorker();
            assertFalse(Files.exists(data.resolve(QueueStore.LEASE_DIRECTORY).resolve("jobs.leases")));
            push(store, "b");
            assertEquals("b", take(operations), "the channel made again gets a journal of its own");
        }
    }

    @Test
    void shouldDeleteTheJournalWithItsChannel() throws Exception
    {
        try (QueueStore store = new QueueStore(data, SIZES, true, SMALL_JOURNAL).open())
        {
            final QueueOperations operations = new QueueOperations(store);
            push(store, "a");
            take(operations);
            final Path journal = data.resolve(QueueStore.LEASE_DIRECTORY).resolve("jobs.leases");
            assertTrue(Files.exists(journal));
            store.remove("jobs");
            assertFalse(Files.exists(journal));
            assertEquals(QueueOperations.POPPED_NOTHING, takeLength(operations));
        }
    }

    @Test
    void shouldQuarantineADamagedJournalAndServeTheChannel() throws Exception
    {
        final Path journal = Files.createDirectories(data.resolve(QueueStore.LEASE_DIRECTORY)).resolve("jobs.leases");
        Files.write(journal, "not a lease journal, but long enough to be one".repeat(2000).getBytes(
            StandardCharsets.US_ASCII));
        try (QueueStore store = new QueueStore(data, SIZES, true, SMALL_JOURNAL).open())
        {
            assertFalse(Files.exists(journal), "moved away");
            try (Stream<Path> kept = Files.walk(data.resolve(QueueStore.QUARANTINE_DIRECTORY)))
            {
                assertEquals(1, kept.filter(path -> path.getFileName().toString().equals("jobs.leases")).count());
            }
            final QueueOperations operations = new QueueOperations(store);
            push(store, "fresh");
            assertEquals("fresh", take(operations));
            assertEquals(1, grant.deliveries());
        }
    }

    @Test
    void shouldExpireEachLeaseAtItsEndWhateverOrderTheEndsWereSetIn()
    {
        // A clock near the end of the long range: nanoTime may stand anywhere, and ends are compared by difference.
        final long base = Long.MAX_VALUE - 15 * SECOND_NANOS;
        try (QueueStore store = new QueueStore(data, SIZES, true, SMALL_JOURNAL).open())
        {
            final QueueOperations operations = new QueueOperations(store);
            push(store, "long");
            push(store, "short");
            assertEquals("long", take(operations, HOUR_NANOS, base));
            final long longLease = grant.leaseId();
            assertEquals("short", take(operations, 10 * SECOND_NANOS, base));
            assertEquals(0, operations.expireLeases(base + 5 * SECOND_NANOS));
            assertEquals(1, operations.expireLeases(base + 10 * SECOND_NANOS), "the short lease ends first");
            assertTrue(operations.extend(name(), 0, 4, longLease, SECOND_NANOS, base + 11 * SECOND_NANOS),
                "the long lease cut short");
            assertEquals(0, operations.expireLeases(base + 11 * SECOND_NANOS));
            assertEquals(1, operations.expireLeases(base + 12 * SECOND_NANOS), "at its new, earlier end");

            assertEquals("long", take(operations, HOUR_NANOS, base + 13 * SECOND_NANOS));
            assertEquals("short", take(operations, SECOND_NANOS, base + 13 * SECOND_NANOS));
            assertEquals(1, operations.expireLeases(base + 14 * SECOND_NANOS),
                "a lease taken after a longer one ends first");
            assertEquals(1, store.channel("jobs").leases().leased());
        }
    }

    private static UnsafeBuffer name()
    {
        return new UnsafeBuffer("jobs".getBytes(StandardCharsets.US_ASCII));
    }

    private static void push(final QueueStore store, final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        store.getOrCreate("jobs").push(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private int takeLength(final QueueOperations operations)
    {
        return takeLength(operations, HOUR_NANOS, System.nanoTime());
    }

    /** A Take, and when it waits for its journal, the worker's tasks and the Take again, as the node does. */
    private int takeLength(final QueueOperations operations, final long leaseNanos, final long nowNanos)
    {
        final int taken = operations.take(name(), 0, 4, leaseNanos, nowNanos, out, 0, grant, worker);
        if (QueueOperations.MAKING_JOURNAL != taken)
        {
            return taken;
        }
        runWorker();
        return operations.take(name(), 0, 4, leaseNanos, nowNanos, out, 0, grant, worker);
    }

    private void runWorker()
    {
        for (Runnable task = workerTasks.poll(); null != task; task = workerTasks.poll())
        {
            task.run();
        }
    }

    private String take(final QueueOperations operations)
    {
        return take(operations, HOUR_NANOS, System.nanoTime());
    }

    private String take(final QueueOperations operations, final long leaseNanos, final long nowNanos)
    {
        final int length = takeLength(operations, leaseNanos, nowNanos);
        assertTrue(length >= 0, "taken: " + length);
        return out.getStringWithoutLengthAscii(0, length);
    }
}
