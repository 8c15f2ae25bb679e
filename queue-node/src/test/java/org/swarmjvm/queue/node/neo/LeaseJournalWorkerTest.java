package org.swarmjvm.queue.node.neo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.QueueNode;
import org.swarmjvm.queue.node.config.QueueNodeContext;
import org.swarmjvm.queue.node.storage.LeaseSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A channel's first Take makes its lease journal, a file written in full: the blocking worker writes it, not the
 * poller thread, which serves every connection. Told by the bytes each thread of this JVM has written, as Linux
 * counts them per thread ({@code /proc/self/task/<tid>/io}, {@code wchar}); skipped where that is not readable.
 */
class LeaseJournalWorkerTest
{
    /** The node's threads are {@code <name>-poller} and {@code <name>-worker}: within the 15 characters kept. */
    private static final String NODE_NAME = "leasejm";
    private static final long JOURNAL_BYTES = 16L << 20;
    private static final Path TASKS = Path.of("/proc/self/task");

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldWriteANewLeaseJournalOnTheWorkerThreadNotThePoller() throws Exception
    {
        assumeTrue(Files.isReadable(TASKS), "per-thread I/O counts of Linux");
        final QueueNodeContext context = NeoQueueNodes.context(dir,
            new LeaseSettings(LeaseSettings.DEFAULT_MAX_DELIVERIES, LeaseSettings.DEFAULT_DEAD_LETTER_SUFFIX,
                JOURNAL_BYTES));
        context.node().name(NODE_NAME);
        try (QueueNode node = QueueNode.launch(context);
            QueueNeoClient client = new QueueNeoClient(
                NeoClient.connect("127.0.0.1", node.neoPort(), "test", NeoRawConnection.ZERO_KEY)))
        {
            final byte[] job = "job".getBytes(StandardCharsets.US_ASCII);
            assertEquals(QueueNeoRequest.PUSH_PUSHED, client.push(job, "jobs").get());
            final long pollerBefore = written(NODE_NAME + "-poller");
            final long workerBefore = written(NODE_NAME + "-worker");

            final QueueNeoClient.TakeResult taken = client.take("jobs", Duration.ofHours(1)).get();
            assertTrue(taken.taken());
            assertArrayEquals(job, taken.value());

            final long poller = written(NODE_NAME + "-poller") - pollerBefore;
            final long worker = written(NODE_NAME + "-worker") - workerBefore;
            assertEquals(JOURNAL_BYTES, Files.size(dir.resolve("data").resolve("leases").resolve("jobs.leases")));
            assertTrue(worker >= JOURNAL_BYTES, "the worker wrote the journal: " + worker + " bytes");
            assertTrue(poller < JOURNAL_BYTES / 16, "the poller wrote only its answers: " + poller + " bytes");
        }
    }

    /**
     * @return the bytes the one thread of that name has passed to write calls (files and sockets).
     */
    private static long written(final String threadName) throws IOException
    {
        try (Stream<Path> tasks = Files.list(TASKS))
        {
            final Path task = tasks.filter(t -> threadName.equals(comm(t))).findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + threadName));
            return Files.readAllLines(task.resolve("io")).stream().filter(line -> line.startsWith("wchar:"))
                .mapToLong(line -> Long.parseLong(line.substring("wchar:".length()).trim())).sum();
        }
    }

    private static String comm(final Path task)
    {
        try
        {
            return Files.readString(task.resolve("comm")).trim();
        }
        catch (final IOException ex)
        {
            // the thread ended meanwhile
            return "";
        }
    }
}
