package org.swarmjvm.queue.node.storage;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Tmpfs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An append to the disk overflow that did not reserve its room (a record stored without a push request: one
 * dead-lettered) on a full disk, with the data folder on a small tmpfs (skipped where mounting is not permitted).
 * The append fails, leaves no torn record at the end of {@code overflow.dat} and the chain as it was; with room
 * again the next records are appended after the last whole one, and a clean stop and start serves every record
 * that was stored, once, in order.
 */
class DiskOverflowAppendFailureTest
{
    private static final String CHANNEL = "small_q";
    private static final ChannelSizes SIZES = new ChannelSizes(100_000, Map.of("small", 2000L));
    private static final int RECORD_BYTES = 500;
    private static final int MAX_ON_FULL_DISK = 1000;
    private static final int FAILED_APPENDS = 3;

    @TempDir
    Path work;

    @Test
    void shouldCutAFailedAppendBackToTheLastWholeRecordAndServeEveryStoredRecordAfterARestart() throws Exception
    {
        final Path data = work.resolve("data");
        try (Tmpfs disk = Tmpfs.mount(data, "2m", "a failed append to the disk overflow"))
        {
            final List<Integer> stored = new ArrayList<>();
            int next = 0;
            try (QueueStore store = new QueueStore(data, SIZES, true).open())
            {
                final QueueStorage storage = store.getOrCreate(CHANNEL).plainStorage();
                for (; next < 10; next++)
                {
                    push(store, next);
                    stored.add(next);
                }
                assertTrue(storage.overflow().records() > 0, "the ring is full and the overflow used");
                final Path filler = disk.fill("filler");

                int failed = 0;
                for (int tries = 0; tries < MAX_ON_FULL_DISK && failed < FAILED_APPENDS; tries++, next++)
                {
                    final long records = storage.overflow().records();
                    try
                    {
                        push(store, next);
                        stored.add(next);
                    }
                    catch (final QueueStorageException full)
                    {
                        failed++;
                        assertTrue(String.valueOf(full.getCause()).contains("No space left on device"), full + "");
                        assertEquals(records, storage.overflow().records(), "the chain is as it was");
                        assertEquals(store.diskOverflow().fileSize(), Files.size(data.resolve(DiskOverflow.DATA_FILE)),
                            "no torn record after the last whole one");
                    }
                }
                assertEquals(FAILED_APPENDS, failed, "appends fail on the full disk");

                Files.delete(filler);
                for (int i = 0; i < 3; i++, next++)
                {
                    push(store, next);
                    stored.add(next);
                }
            }

            try (QueueStore restarted = new QueueStore(data, SIZES, true).open())
            {
                final QueueStorage storage = restarted.channel(CHANNEL).plainStorage();
                final ExpandableArrayBuffer out = new ExpandableArrayBuffer();
                for (final int i : stored)
                {
                    final int length = storage.pop(out, 0);
                    final byte[] popped = new byte[Math.max(0, length)];
                    out.getBytes(0, popped);
                    assertArrayEquals(record(i), popped, "record " + i);
                }
                assertEquals(-1, storage.pop(out, 0), "no record that failed");
            }
        }
    }

    private static void push(final QueueStore store, final int i)
    {
        final byte[] value = record(i);
        store.getOrCreate(CHANNEL).push(new UnsafeBuffer(value), 0, value.length);
    }

    private static byte[] record(final int i)
    {
        final byte[] value = new byte[RECORD_BYTES];
        Arrays.fill(value, (byte)'d');
        final byte[] label = String.format("record-%05d-", i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, value, 0, label.length);
        return value;
    }
}
