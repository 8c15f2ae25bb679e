package org.swarmjvm.logfiles.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.storage.BucketReader;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.logfiles.LogfilesConst;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million records over two thousand buckets, then {@code kill -9} while more are being written: after the
 * restart every record acknowledged before the last flush is served, and a GetRange over the whole span returns
 * the stored records in timestamp order with nothing missing in between and nothing damaged.
 */
@Timeout(180)
class LogfilesNodeMillionRecordsCrashTest
{
    private static final String CHANNEL = "million";
    private static final int FLUSHED_RECORDS = 1_000_000;
    private static final long FIRST_KEY = 0x60000000L;
    /** Eight keys apart: 512 records per 4096-key bucket, 1,954 buckets for the first million. */
    private static final long KEY_STEP = 8;

    @TempDir
    Path dir;

    @Test
    void shouldServeEveryFlushedRecordInTimestampOrderAfterKillNineUnderLoad() throws Exception
    {
        final Path dataDir = dir.resolve("data");
        final NodeProcess process = LogfilesNodeCrashTest.start(dir, dataDir, 50);
        final AtomicInteger acknowledgedAfterFlush = new AtomicInteger();
        final AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = null;
        try
        {
            final InetSocketAddress address = process.address();
            try (LogfilesClient client = new LogfilesClient(address))
            {
                putBatches(client, 0, FLUSHED_RECORDS, null);
            }
            // Acknowledged records reach the bucket files by the flush timer alone: no read, no bucket switch.
            awaitOnDisk(dataDir, FLUSHED_RECORDS);

            writer = new Thread(() ->
            {
                try (LogfilesClient client = new LogfilesClient(address))
                {
                    putBatches(client, FLUSHED_RECORDS, Integer.MAX_VALUE, acknowledgedAfterFlush);
                }
                catch (final IOException | RuntimeException ex)
                {
                    writerFailure.set(ex); // expected once the node is killed
                }
            }, "writer-until-killed");
            writer.start();
            Await.until("writes go on after the flush", () -> acknowledgedAfterFlush.get() >= 20_000);
        }
        finally
        {
            process.kill9();
        }
        writer.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(null != writerFailure.get(), "the writer saw the node go away");

        try (LogfilesNode node = TestNodes.launch(dataDir);
            LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
        {
            final int[] served = {0};
            final String[] mismatch = {null};
            assertEquals(SwarmStatus.OK, client.getRange(CHANNEL, FIRST_KEY, Long.MAX_VALUE,
                (key, buffer, offset, length) ->
                {
                    final int i = served[0]++;
                    if (null == mismatch[0] && (key != key(i) ||
                        !value(i).equals(buffer.getStringWithoutLengthAscii(offset, length))))
                    {
                        mismatch[0] = "record " + i + ": key " + Long.toHexString(key) + " value " +
                            buffer.getStringWithoutLengthAscii(offset, length);
                    }
                }));
            assertNull(mismatch[0], "records in timestamp order, none missing or damaged");
            assertTrue(served[0] >= FLUSHED_RECORDS, "every flushed record is served: " + served[0]);
        }
    }

    /** Puts records {@code from} until {@code to} (exclusive) in key order, batch by batch, counting the acked. */
    private static void putBatches(
        final LogfilesClient client, final int from, final int to, final AtomicInteger acknowledged) throws IOException
    {
        final RecordBatchWriter batch = new RecordBatchWriter(LogfilesConst.BATCH_SIZE);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[32]);
        int i = from;
        while (i < to)
        {
            final int batchStart = i;
            batch.reset();
            while (i < to)
            {
                final int length = value.putStringWithoutLengthAscii(0, value(i));
                if (!batch.appendRecord(key(i), value, 0, length))
                {
                    break;
                }
                i++;
            }
            assertEquals(SwarmStatus.OK, client.putBatch(CHANNEL, batch));
            if (null != acknowledged)
            {
                acknowledged.addAndGet(i - batchStart);
            }
        }
    }

    private static long key(final int i)
    {
        return FIRST_KEY + i * KEY_STEP;
    }

    private static String value(final int i)
    {
        return "record " + i;
    }

    private static void awaitOnDisk(final Path dataDir, final int records)
    {
        Await.until(records + " records in the bucket files", () -> onDisk(dataDir.resolve(CHANNEL)) >= records,
            Duration.ofSeconds(90));
    }

    private static int onDisk(final Path channelDir)
    {
        int count = 0;
        try (BucketReader reader = new BucketReader(64 * 1024);
            Stream<Path> walk = Files.walk(channelDir))
        {
            for (final Path bucket : (Iterable<Path>)walk.filter(Files::isRegularFile)::iterator)
            {
                if (reader.open(bucket))
                {
                    while (reader.next())
                    {
                        count++;
                    }
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return -1; // the channel folder is not there yet
        }
        return count;
    }
}
