package org.swarmjvm.queue.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.protocol.queue.client.QueueClientException;
import org.swarmjvm.support.launch.NodeRunner;
import org.swarmjvm.queue.node.storage.QueueStore;
import org.swarmjvm.queue.node.storage.RingDumpFile;
import org.swarmjvm.queue.node.storage.StorageFileDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged files, met as an operator meets them: records written through the node, the node killed (ring files)
 * or stopped (dumps), files damaged on disk, the node started once more. Every damaged file is reported in that
 * one start and moved to {@code quarantine/}, the node starts with the rest, the intact records before the damage
 * are served, and a channel whose file was damaged takes and serves new records.
 */
class QueueDamagedFilesTest
{
    private static final int RECORDS = 10;
    /** Every record is "<channel>-record-NN", 15 bytes for a 5-letter channel: 23 bytes in a ring or dump. */
    private static final int RECORD_BYTES = 8 + 15;
    /** A ring of 100 bytes holds 4 records, the rest of a channel's records go to the disk overflow. */
    private static final int OVERFLOW_RING_BYTES = 100;
    private static final int RING_RECORDS = 4;
    private static final int OVERFLOW_RECORDS = 12;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private NodeProcess node;

    @AfterEach
    void stop()
    {
        if (null != node)
        {
            node.close();
        }
    }

    @Test
    @Timeout(180)
    void shouldQuarantineDamagedRingFilesAndServeTheRecordsBeforeTheDamage() throws IOException
    {
        final List<String> channels = List.of("ringa", "ringb", "ringc", "ringd");
        node = start();
        pushAll(channels);
        node.kill9();
        node.awaitExit(TIMEOUT);

        final Map<String, Path> rings = ringFilesByChannel();
        final Path truncated = rings.get("ringa");
        final Path badHeader = rings.get("ringb");
        final Path badLength = rings.get("ringc");
        final int dataOffset = StorageFileDescriptor.dataOffset("ringa".length());
        try (FileChannel file = FileChannel.open(truncated, StandardOpenOption.WRITE))
        {
            file.truncate(dataOffset + 4L * RECORD_BYTES + 10);
        }
        write(badHeader, StorageFileDescriptor.MAGIC_OFFSET, "XXXXXXXX".getBytes(StandardCharsets.US_ASCII));
        write(badLength, dataOffset + 5L * RECORD_BYTES, u64(0x7fff_ffff_ffffL));

        node = start();
        try (QueueClient client = client())
        {
            assertRecordsFrom(client, "ringa", 0, 4);
            assertRecordsFrom(client, "ringb", 0, 0);
            assertRecordsFrom(client, "ringc", 0, 5);
            assertRecordsFrom(client, "ringd", 0, RECORDS);
            for (final String channel : channels)
            {
                client.push(channel, record(channel, 99));
                assertArrayEquals(record(channel, 99), client.pop(channel), "new records of " + channel);
            }
            client.push("ringc", record("ringc", 98));
        }
        assertEquals(0, node.terminate(TIMEOUT), "the shutdown writes every channel");
        final String log = Files.readString(work.resolve("node.log"));
        for (final Path damaged : List.of(truncated, badHeader, badLength))
        {
            assertTrue(log.lines().anyMatch(line -> line.contains(damaged.getFileName().toString()) &&
                line.contains("offset") && line.contains(QueueStore.QUARANTINE_DIRECTORY)), log);
        }
        assertEquals(List.of(badHeader, badLength, truncated).stream().map(p -> p.getFileName().toString()).sorted()
            .toList(), quarantined());

        node = start();
        try (QueueClient client = client())
        {
            assertArrayEquals(record("ringc", 98), client.pop("ringc"), "written at shutdown, loaded again");
            assertNull(client.pop("ringc"));
        }
    }

    @Test
    @Timeout(180)
    void shouldQuarantineEveryDamagedDumpInOneStartAndServeTheRecordsBeforeTheDamage() throws IOException
    {
        final List<String> channels = List.of("dump0", "dump1", "dump2", "dump3", "dump4", "dump5", "dump6");
        node = start();
        pushAll(channels);
        assertEquals(0, node.terminate(TIMEOUT));
        final Path data = work.resolve("data");
        final int header = RingDumpFile.HEADER_LENGTH;
        try (FileChannel file = FileChannel.open(data.resolve("dump0.rq"), StandardOpenOption.WRITE))
        {
            file.truncate(header + 5L * RECORD_BYTES + 12);
        }
        write(data.resolve("dump1.rq"), RingDumpFile.COUNT_OFFSET, new byte[]{-1, -1, -1, -1});
        write(data.resolve("dump2.rq"), header + 3L * RECORD_BYTES, u64(1L << 40));
        write(data.resolve("dump3.rq"), RingDumpFile.DATA_LENGTH_OFFSET, u64(12345));
        try (FileChannel file = FileChannel.open(data.resolve("dump4.rq"), StandardOpenOption.WRITE))
        {
            file.truncate(5);
        }
        write(data.resolve("dump5.rq"), header + 7L * RECORD_BYTES, u64(-3));

        node = start();
        try (QueueClient client = client())
        {
            assertRecordsFrom(client, "dump0", 0, 5);
            assertRecordsFrom(client, "dump1", 0, RECORDS);
            assertRecordsFrom(client, "dump2", 0, 3);
            assertRecordsFrom(client, "dump3", 0, RECORDS);
            assertRecordsFrom(client, "dump4", 0, 0);
            assertRecordsFrom(client, "dump5", 0, 7);
            assertRecordsFrom(client, "dump6", 0, RECORDS);
            client.push("dump2", record("dump2", 99));
            assertArrayEquals(record("dump2", 99), client.pop("dump2"));
        }
        final String log = Files.readString(work.resolve("node.log"));
        for (int i = 0; i < 6; i++)
        {
            final String name = "dump" + i + RingDumpFile.SUFFIX;
            assertTrue(log.lines().anyMatch(line -> line.contains(name) && line.contains("offset") &&
                line.contains(QueueStore.QUARANTINE_DIRECTORY)), log);
        }
        assertEquals(List.of("dump0.rq", "dump1.rq", "dump2.rq", "dump3.rq", "dump4.rq", "dump5.rq"), quarantined());
        assertEquals(0, node.terminate(TIMEOUT));
    }

    @Test
    @Timeout(180)
    void shouldServeTheDiskRecordsOfAStorageWhoseRingFileHeaderIsDamaged() throws IOException
    {
        // 4 records fit a ring of 100 bytes, the other 8 of each channel go to the disk overflow, interleaved
        final Map<String, Integer> popped = new LinkedHashMap<>();
        popped.put("zeroa", 0);
        popped.put("short", 6);
        popped.put("randa", 5);
        popped.put("whole", 1);
        node = start(OVERFLOW_RING_BYTES);
        pushInterleaved(popped.keySet(), OVERFLOW_RECORDS);
        try (QueueClient client = client())
        {
            popped.forEach((channel, count) ->
            {
                for (int i = 0; i < count; i++)
                {
                    assertArrayEquals(record(channel, i), client.pop(channel));
                }
            });
        }
        node.kill9();
        node.awaitExit(TIMEOUT);

        final Map<String, Path> rings = ringFilesByChannel();
        final int dataOffset = StorageFileDescriptor.dataOffset("zeroa".length());
        write(rings.get("zeroa"), 0, new byte[dataOffset]);
        try (FileChannel file = FileChannel.open(rings.get("short"), StandardOpenOption.WRITE))
        {
            file.truncate(StorageFileDescriptor.CHANNEL_OFFSET / 2);
        }
        final byte[] noise = new byte[dataOffset];
        new Random(27).nextBytes(noise);
        write(rings.get("randa"), 0, noise);

        node = start(OVERFLOW_RING_BYTES);
        try (QueueClient client = client())
        {
            assertRecordsFrom(client, "zeroa", RING_RECORDS, OVERFLOW_RECORDS);
            assertRecordsFrom(client, "short", 6, OVERFLOW_RECORDS);
            for (int i = 5; i < 8; i++)
            {
                assertArrayEquals(record("randa", i), client.pop("randa"), "randa record " + i);
            }
            assertRecordsFrom(client, "whole", 1, OVERFLOW_RECORDS);
        }
        final String log = Files.readString(work.resolve("node.log"));
        final Map<String, Integer> recovered = Map.of("zeroa", 8, "short", 6, "randa", 7);
        recovered.forEach((channel, count) ->
        {
            final String file = rings.get(channel).getFileName().toString();
            assertEquals(1, log.lines().filter(line -> line.contains(file)).count(), "one line for " + file + log);
            assertTrue(log.lines().anyMatch(line -> line.contains(file) && line.contains(" SEVERE ") &&
                line.contains(QueueStore.QUARANTINE_DIRECTORY) && line.contains("'" + channel + "'") &&
                line.contains(count + " records")), "what was quarantined and recovered: " + log);
        });
        assertEquals(recovered.keySet().stream().map(channel -> rings.get(channel).getFileName().toString())
            .sorted().toList(), quarantined());

        assertEquals(0, node.terminate(TIMEOUT), "the shutdown writes the recovered records to the index");
        node = start(OVERFLOW_RING_BYTES);
        try (QueueClient client = client())
        {
            assertRecordsFrom(client, "randa", 8, OVERFLOW_RECORDS);
            assertNull(client.pop("zeroa"));
        }
    }

    @Test
    @Timeout(300)
    void shouldServeNoPoppedRecordAgainAfterAKillDuringPopsAndADamagedHeader() throws IOException
    {
        final int records = 300;
        node = start(OVERFLOW_RING_BYTES);
        try (QueueClient client = client())
        {
            for (int i = 0; i < records; i++)
            {
                client.push("other", record("other", i));
            }
        }
        // each round: records on disk, kill -9 while a client pops them, the ring file header overwritten
        for (final int killAfter : new int[]{3, 41, 187})
        {
            final String channel = "pops" + killAfter;
            pushInterleaved(List.of(channel), records);
            final List<byte[]> received = new ArrayList<>();
            try (QueueClient client = client())
            {
                node.kill9During(killAfter, TIMEOUT, done ->
                {
                    try
                    {
                        for (int i = 0; i < records; i++)
                        {
                            received.add(client.pop(channel));
                            done.incrementAndGet();
                        }
                    }
                    catch (final QueueClientException ex)
                    {
                        // the kill: the Pop in flight may have taken its record with it (Pop is at most once)
                    }
                });
            }
            node.awaitExit(TIMEOUT);
            final byte[] noise = new byte[StorageFileDescriptor.dataOffset(channel.length())];
            new Random(killAfter).nextBytes(noise);
            write(ringFilesByChannel().get(channel), 0, noise);

            node = start(OVERFLOW_RING_BYTES);
            for (int i = 0; i < received.size(); i++)
            {
                assertArrayEquals(record(channel, i), received.get(i), "popped before the kill");
            }
            try (QueueClient client = client())
            {
                final byte[] first = client.pop(channel);
                final int next = received.size();
                final int from = Arrays.equals(record(channel, next), first) ? next : next + 1;
                assertArrayEquals(record(channel, from), first, "the first record served after " + next +
                    " popped (the one in flight at most lost, none served twice)");
                assertTrue(from >= RING_RECORDS, "the ring records are lost with the header");
                assertRecordsFrom(client, channel, from + 1, records);
            }
        }
        try (QueueClient client = client())
        {
            assertRecordsFrom(client, "other", 0, records);
        }
    }

    @Test
    @Timeout(180)
    void shouldServeTheDiskRecordsOfAStorageWhoseDumpHeaderIsDamaged() throws IOException
    {
        final List<String> channels = List.of("dumpz", "dumpc", "dumpr", "dumpw");
        node = start(OVERFLOW_RING_BYTES);
        pushInterleaved(channels, OVERFLOW_RECORDS);
        try (QueueClient client = client())
        {
            assertArrayEquals(record("dumpc", 0), client.pop("dumpc"));
        }
        assertEquals(0, node.terminate(TIMEOUT));
        final Path data = work.resolve("data");
        write(data.resolve("dumpz.rq"), 0, new byte[RingDumpFile.HEADER_LENGTH]);
        try (FileChannel file = FileChannel.open(data.resolve("dumpc.rq"), StandardOpenOption.WRITE))
        {
            file.truncate(RingDumpFile.HEADER_LENGTH / 2);
        }
        final byte[] noise = new byte[RingDumpFile.HEADER_LENGTH];
        new Random(27).nextBytes(noise);
        write(data.resolve("dumpr.rq"), 0, noise);

        node = start(OVERFLOW_RING_BYTES);
        try (QueueClient client = client())
        {
            assertRecordsFrom(client, "dumpz", RING_RECORDS, OVERFLOW_RECORDS);
            assertRecordsFrom(client, "dumpc", RING_RECORDS, OVERFLOW_RECORDS);
            // random counts in the header: the intact records after it load as far as they parse
            final byte[] first = client.pop("dumpr");
            int from = 0;
            while (from < RING_RECORDS && !Arrays.equals(record("dumpr", from), first))
            {
                from++;
            }
            assertArrayEquals(record("dumpr", from), first);
            assertRecordsFrom(client, "dumpr", from + 1, OVERFLOW_RECORDS);
            assertRecordsFrom(client, "dumpw", 0, OVERFLOW_RECORDS);
        }
        assertEquals(List.of("dumpc.rq", "dumpr.rq", "dumpz.rq"), quarantined());
    }

    @Test
    @Timeout(180)
    void shouldRefuseToStartOnADamagedOverflowFileWithOneLineNamingIt() throws IOException
    {
        node = start(OVERFLOW_RING_BYTES);
        pushInterleaved(List.of("index"), OVERFLOW_RECORDS);
        assertEquals(0, node.terminate(TIMEOUT));
        node = null;
        final Path data = work.resolve("data");
        for (final Path damaged : List.of(data.resolve("ofchannels.csv"), data.resolve("overflow.dat")))
        {
            final byte[] original = Files.readAllBytes(damaged);
            write(damaged, 0, "XXXXXXXXXXX".getBytes(StandardCharsets.US_ASCII));
            final Path config = Files.writeString(work.resolve("refused.ini"), config(NodeProcess.freePort(),
                OVERFLOW_RING_BYTES));
            final Path logFile = work.resolve("refused.log");
            Files.deleteIfExists(logFile);
            try (NodeProcess refused = NodeProcess.spawn(QueueNodeMain.class.getName(),
                List.of("-c", config.toString()), logFile))
            {
                assertEquals(NodeRunner.EXIT_START_FAILED, refused.awaitExit(TIMEOUT), "the start is refused");
            }
            final String log = Files.readString(logFile);
            final List<String> errors = log.lines().filter(line -> line.contains(" SEVERE ")).toList();
            assertEquals(1, errors.size(), "one ERROR line: " + log);
            assertTrue(errors.get(0).contains("cannot start: " + damaged + ": "), "it names the file: " + log);
            Files.write(damaged, original);
        }
    }

    private void pushInterleaved(final Collection<String> channels, final int records)
    {
        try (QueueClient client = client())
        {
            for (int i = 0; i < records; i++)
            {
                for (final String channel : channels)
                {
                    client.push(channel, record(channel, i));
                }
            }
        }
    }

    /** Pops records {@code from} .. {@code to - 1} of a channel in order, then expects it empty. */
    private static void assertRecordsFrom(final QueueClient client, final String channel, final int from,
        final int to)
    {
        for (int i = from; i < to; i++)
        {
            assertArrayEquals(record(channel, i), client.pop(channel), channel + " record " + i);
        }
        assertNull(client.pop(channel), channel + " has records " + from + ".." + (to - 1) + ", and no more");
    }

    private void pushAll(final List<String> channels)
    {
        try (QueueClient client = client())
        {
            for (final String channel : channels)
            {
                for (int i = 0; i < RECORDS; i++)
                {
                    client.push(channel, record(channel, i));
                }
            }
        }
    }

    private Map<String, Path> ringFilesByChannel() throws IOException
    {
        final Map<String, Path> rings = new HashMap<>();
        try (Stream<Path> files = Files.list(work.resolve("data").resolve(QueueStore.RING_DIRECTORY)))
        {
            for (final Path file : files.toList())
            {
                final ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
                final int length = header.getInt(StorageFileDescriptor.CHANNEL_LENGTH_OFFSET);
                rings.put(new String(header.array(), StorageFileDescriptor.CHANNEL_OFFSET, length,
                    StandardCharsets.US_ASCII), file);
            }
        }
        return rings;
    }

    private List<String> quarantined() throws IOException
    {
        try (Stream<Path> files = Files.walk(work.resolve("data").resolve(QueueStore.QUARANTINE_DIRECTORY)))
        {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static void write(final Path file, final long offset, final byte[] bytes) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private static byte[] u64(final long value)
    {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private NodeProcess start()
    {
        return start(100_000);
    }

    private NodeProcess start(final int ringBytes)
    {
        return NodeProcess.startWithConfig(QueueNodeMain.class.getName(), work, port -> config(port, ringBytes));
    }

    private String config(final int port, final int ringBytes)
    {
        return String.join("\n",
            "[Server]",
            "address = 127.0.0.1",
            "port = " + port,
            "channel_size_limit = " + ringBytes,
            "data_dir = " + work.resolve("data"),
            "[STATS]",
            "file_name = " + work.resolve("stats.log"),
            "");
    }

    private QueueClient client()
    {
        return new QueueClient(List.of(node.address()));
    }

    private static byte[] record(final String channel, final int i)
    {
        return String.format("%s-record-%02d", channel, i).getBytes(StandardCharsets.US_ASCII);
    }
}
