package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.storage.BucketReader;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.Tmpfs;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Puts on a full disk: the data directory is a 1 MiB tmpfs mounted by the test (skipped where mounting is not
 * permitted; it needs root). Once the file system is full, a Put that has to write answers 500 and the node logs
 * an ERROR line with the cause; no bucket file holds a torn or repeated record (every file reads whole, every
 * record once); the ERROR line comes once, not once per refused Put; and after the file system grows, Puts succeed
 * again and every record answered 200 is served once,
 * also after a restart.
 */
class LogfilesDiskFullTest
{
    private static final String CHANNEL = "full";
    private static final long BASE_KEY = 0x60000000L;
    private static final int BUCKETS = 4;
    private static final int VALUE_LENGTH = 1000;
    private static final int MAX_PUTS = 20_000;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRefuseCleanlyOnAFullDiskKeepEveryFileWholeAndResumeOnceThereIsRoom() throws IOException
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("disk"), "1m", "the full-disk Put"))
        {
            final Path dataDir = disk.path().resolve("data");
            final Map<String, Long> acknowledged = new HashMap<>();
            try (LogCapture log = new LogCapture())
            {
                try (LogfilesNode node = TestNodes.launch(dataDir);
                    LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
                {
                    int refused = 0;
                    for (int i = 0; i < MAX_PUTS && refused < 20; i++)
                    {
                        final long key = key(i);
                        final String value = value(i);
                        final SwarmStatus status = client.put(CHANNEL, key, value.getBytes(StandardCharsets.US_ASCII));
                        if (SwarmStatus.OK == status)
                        {
                            acknowledged.put(value, key);
                        }
                        else
                        {
                            assertEquals(SwarmStatus.ERROR, status, "the status of a Put the disk has no room for");
                            refused++;
                        }
                    }
                    assertTrue(refused > 0, "1 MiB took " + MAX_PUTS + " records of " + VALUE_LENGTH + " bytes");
                    assertTrue(log.count(Level.SEVERE, "No space left on device") > 0, log::toString);
                    assertEquals(1, log.count(Level.SEVERE, "Put to " + CHANNEL + " failed"),
                        "one ERROR line for the failed Puts, not one each: " + log);
                    checkFilesWhole(dataDir, acknowledged);

                    disk.resize("64m");
                    for (int i = MAX_PUTS; i < MAX_PUTS + 200; i++)
                    {
                        final String value = value(i);
                        assertEquals(SwarmStatus.OK, client.put(CHANNEL, key(i),
                            value.getBytes(StandardCharsets.US_ASCII)), "a Put once there is room again");
                        acknowledged.put(value, key(i));
                    }
                    checkServed(client, acknowledged);
                }
            }
            checkFilesWhole(dataDir, acknowledged);
            try (LogfilesNode node = TestNodes.launch(dataDir);
                LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
            {
                checkServed(client, acknowledged);
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldFailTheStopWhenBufferedRecordsCannotBeWritten() throws IOException
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("disk"), "1m", "the full-disk stop"))
        {
            final Path dataDir = disk.path().resolve("data");
            try (LogCapture ignored = new LogCapture())
            {
                final LogfilesNode node = TestNodes.launch(dataDir, context -> context
                    .writeBufferSize(256 * 1024).writeFlush(java.time.Duration.ofHours(1)));
                try (LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
                {
                    for (int i = 0; i < 100; i++)
                    {
                        assertEquals(SwarmStatus.OK, client.put(CHANNEL, key(i),
                            value(i).getBytes(StandardCharsets.US_ASCII)), "a Put into the write buffer");
                    }
                }
                disk.fill("filler");
                // The records are in the write buffer only: a stop that cannot write them is no clean stop.
                assertThrows(java.io.UncheckedIOException.class, node::close);
            }
        }
    }

    /**
     * Every bucket file reads to its end without a damaged record, and holds only records that were put, once.
     */
    private static void checkFilesWhole(final Path dataDir, final Map<String, Long> acknowledged) throws IOException
    {
        final List<String> seen = new ArrayList<>();
        final List<Path> buckets;
        try (Stream<Path> files = Files.walk(dataDir.resolve(CHANNEL)))
        {
            buckets = files.filter(Files::isRegularFile).toList();
        }
        try (BucketReader reader = new BucketReader(64 * 1024))
        {
            for (final Path bucket : buckets)
            {
                if (!reader.open(bucket))
                {
                    assertEquals(0, Files.size(bucket), bucket + " is neither empty nor a bucket");
                    continue;
                }
                while (reader.next())
                {
                    final String value = reader.valueBuffer().getStringWithoutLengthAscii(reader.valueOffset(),
                        reader.valueLength());
                    if (!Long.valueOf(reader.key()).equals(acknowledged.get(value)))
                    {
                        fail(bucket + " holds a record no Put was answered 200 for, at offset " +
                            reader.recordOffset());
                    }
                    seen.add(value);
                }
                assertEquals(Files.size(bucket), reader.position(), bucket + " has a damaged tail: " +
                    reader.endReason());
                reader.close();
            }
        }
        final List<String> sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        for (int i = 1; i < sorted.size(); i++)
        {
            if (sorted.get(i).equals(sorted.get(i - 1)))
            {
                fail("a record is in the files twice: " + sorted.get(i).substring(0, 16));
            }
        }
    }

    private static void checkServed(final LogfilesClient client, final Map<String, Long> acknowledged)
        throws IOException
    {
        final Map<String, Integer> served = new HashMap<>();
        assertEquals(SwarmStatus.OK, client.getAll(CHANNEL, (key, buffer, offset, length) ->
            served.merge(buffer.getStringWithoutLengthAscii(offset, length), 1, Integer::sum)));
        for (final String value : acknowledged.keySet())
        {
            assertEquals(1, served.getOrDefault(value, 0), "a record answered 200: " + value.substring(0, 16));
        }
        assertEquals(acknowledged.size(), served.size(), "records served that no Put was answered 200 for");
    }

    private static long key(final int i)
    {
        return BASE_KEY + (i % BUCKETS) * 4096L + i % 4096;
    }

    private static String value(final int i)
    {
        final StringBuilder value = new StringBuilder(String.format("value %08d ", i));
        while (value.length() < VALUE_LENGTH)
        {
            value.append((char)('a' + i % 26));
        }
        return value.toString();
    }
}
