package org.swarmjvm.queue.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.queue.client.QueueClient;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            assertRecords(client, "ringa", 4);
            assertRecords(client, "ringb", 0);
            assertRecords(client, "ringc", 5);
            assertRecords(client, "ringd", RECORDS);
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
            assertRecords(client, "dump0", 5);
            assertRecords(client, "dump1", RECORDS);
            assertRecords(client, "dump2", 3);
            assertRecords(client, "dump3", RECORDS);
            assertRecords(client, "dump4", 0);
            assertRecords(client, "dump5", 7);
            assertRecords(client, "dump6", RECORDS);
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

    private void assertRecords(final QueueClient client, final String channel, final int intact)
    {
        for (int i = 0; i < intact; i++)
        {
            assertArrayEquals(record(channel, i), client.pop(channel), channel + " record " + i + " of " + intact);
        }
        assertNull(client.pop(channel), channel + " has " + intact + " intact records, and no more");
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
        return NodeProcess.startWithConfig(QueueNodeMain.class.getName(), work, port -> String.join("\n",
            "[Server]",
            "address = 127.0.0.1",
            "port = " + port,
            "channel_size_limit = 100000",
            "data_dir = " + work.resolve("data"),
            "[STATS]",
            "file_name = " + work.resolve("stats.log"),
            ""));
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
