package org.swarmjvm.logfiles.node.storage;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The order in which a channel's buffers reach their files, watched through the file system's change events: the
 * oldest records first, whatever writes them. A node killed between two of those writes then keeps an unbroken
 * prefix of a log written in timestamp order; writing the most recently used bucket first left whole buckets
 * missing before records that survived (seen by the million-record kill -9 test).
 */
class LogfilesChannelWriteOrderTest
{
    private static final String CHANNEL = "order";
    private static final long BUCKET_A = 0x60000000L;
    private static final long BUCKET_B = 0x60001000L;
    private static final long BUCKET_C = 0x60002000L;
    private static final long BUCKET_D = 0x60003000L;
    private static final int WRITE_BUFFER = 1024;

    @TempDir
    Path dataDir;

    private LogfilesStorage storage;
    private WatchService watcher;

    @AfterEach
    void close() throws IOException
    {
        if (null != watcher)
        {
            watcher.close();
        }
        if (null != storage)
        {
            storage.close();
        }
    }

    @Test
    void shouldFlushTheBucketWithTheOldestRecordsFirst() throws Exception
    {
        open();
        put(BUCKET_A, 1);
        put(BUCKET_B, 2);
        put(BUCKET_C, 3);
        put(BUCKET_A, 4);
        watchSlot();

        storage.flush();

        assertEquals(List.of("000", "001", "002"), bucketsWritten(3));
    }

    @Test
    void shouldWriteOlderBuffersBeforeAFullOne() throws Exception
    {
        open();
        put(BUCKET_A, 1);
        put(BUCKET_B, 2);
        put(BUCKET_C, 3);
        watchSlot();

        for (int i = 4; i < 40; i++) // 55 bytes a record: C's buffer fills at least once
        {
            put(BUCKET_C, i);
        }

        assertEquals(List.of("000", "001", "002"), bucketsWritten(3));
    }

    @Test
    void shouldWriteOlderBuffersBeforeAnEvictedOne() throws Exception
    {
        open();
        put(BUCKET_A, 1);
        put(BUCKET_B, 2);
        put(BUCKET_C, 3);
        put(BUCKET_A, 4); // B is now the least recently used, but A holds the oldest record
        watchSlot();

        put(BUCKET_D, 5);

        assertEquals(List.of("000", "001", "003"), bucketsWritten(3), "A, then the evicted B, then D's header; " +
            "C, younger, stays in its buffer");
    }

    @Test
    void shouldWriteEveryOlderBufferBeforeStreamingARecordLargerThanABuffer() throws Exception
    {
        open();
        put(BUCKET_C, 1);
        storage.flush(); // C is open with an empty buffer
        put(BUCKET_A, 2);
        put(BUCKET_B, 3);
        watchSlot();

        final byte[] large = new byte[3 * WRITE_BUFFER];
        Arrays.fill(large, (byte)'x');
        storage.append(CHANNEL, BUCKET_C, new UnsafeBuffer(large), 0, large.length);

        assertEquals(List.of("000", "001", "002"), bucketsWritten(3));
    }

    private void open() throws IOException
    {
        storage = LogfilesStorage.open(new StorageSettings(dataDir, WRITE_BUFFER, 4096, 3));
    }

    private void put(final long bucketStart, final int record) throws IOException
    {
        final byte[] value = ("record " + record + " ").repeat(4).getBytes(StandardCharsets.US_ASCII);
        storage.append(CHANNEL, bucketStart + record, new UnsafeBuffer(value), 0, value.length);
    }

    /** Watches the slot directory all four buckets live in, once their files exist. */
    private void watchSlot() throws IOException
    {
        watcher = FileSystems.getDefault().newWatchService();
        BucketLayout.bucketPath(dataDir.resolve(CHANNEL), BUCKET_A).getParent()
            .register(watcher, StandardWatchEventKinds.ENTRY_MODIFY);
    }

    /**
     * The bucket files in the order of their first modification, until {@code count} (the watch service folds a
     * file's later modifications into its first one while that is not taken).
     */
    private List<String> bucketsWritten(final int count) throws InterruptedException
    {
        final List<String> written = new ArrayList<>();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (written.size() < count)
        {
            final WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (null == key)
            {
                break;
            }
            for (final WatchEvent<?> event : key.pollEvents())
            {
                final String file = event.context().toString();
                if (!written.contains(file))
                {
                    written.add(file);
                }
            }
            key.reset();
        }
        return written;
    }
}
