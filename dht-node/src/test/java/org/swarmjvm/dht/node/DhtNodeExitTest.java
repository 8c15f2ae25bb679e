package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Tmpfs;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.tcm.TcmReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the DHT node process ends, as systemd sees it: 0 after a clean stop by SIGTERM or SIGINT; 1 when the final
 * dump of a channel failed (the previous dump kept, every failed attempt logged); 2, without serving, when its
 * data folder is not writable or another node holds it (the first node serving on, losing nothing).
 */
@Timeout(600)
class DhtNodeExitTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int RECORDS = 100;

    @TempDir
    Path work;

    @Test
    void shouldExitZeroOnSigtermAndOnSigintAfterDumpingEveryChannel() throws IOException
    {
        final Path dataDir = work.resolve("data");
        try (NodeProcess node = start("terminated", dataDir); DhtClient client = connect(node))
        {
            putAll(client, "terminated", RECORDS, 10);
            assertEquals(0, node.stop("TERM", TIMEOUT), node.logTail(20));
        }
        try (NodeProcess node = start("interrupted", dataDir); DhtClient client = connect(node))
        {
            assertEquals(RECORDS, count(client, "terminated"), "dumped at SIGTERM");
            putAll(client, "interrupted", RECORDS, 10);
            assertEquals(0, node.stop("INT", TIMEOUT), node.logTail(20));
            assertTrue(node.logTail(20).contains("dht-node: SIGINT received, stopping"), node.logTail(20));
        }
        assertEquals(RECORDS, recordsIn(dataDir.resolve("interrupted.tcm")), "dumped at SIGINT");
    }

    @Test
    void shouldExitNonZeroAndKeepThePreviousDumpWhenTheFinalDumpDoesNotFit() throws IOException
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("disk"), "1m", "the final dump on a full disk"))
        {
            final Path dataDir = disk.path().resolve("data");
            try (NodeProcess node = start("fits", dataDir); DhtClient client = connect(node))
            {
                putAll(client, "small", RECORDS, 10);
                putAll(client, "big", RECORDS, 10);
                assertEquals(0, node.stop("TERM", TIMEOUT), node.logTail(20));
            }
            final byte[] bigDump = Files.readAllBytes(dataDir.resolve("big.tcm"));

            try (NodeProcess node = start("full", dataDir); DhtClient client = connect(node))
            {
                putAll(client, "big", 3000, 1024);
                assertEquals(1, node.stop("TERM", TIMEOUT), node.logTail(20));
                final String log = node.logTail(Integer.MAX_VALUE);
                assertEquals(2, count(log, "dump of channel big failed (attempt "), log);
                assertEquals(1, count(log, "dump of channel big failed 3 times; the previous dump is kept"), log);
                assertTrue(log.contains("No space left on device"), log);
                assertEquals(1, count(log, "dht-node stopped, but not cleanly (exit status 1): 1 channel(s) " +
                    "could not be dumped"), log);
            }
            assertEquals(List.of("big.tcm", "dht-node.lock", "small.tcm"), files(dataDir),
                "no temporary or partial file");
            assertArrayEquals(bigDump, Files.readAllBytes(dataDir.resolve("big.tcm")), "the previous dump of big");
            assertEquals(RECORDS, recordsIn(dataDir.resolve("small.tcm")), "small is dumped all the same");
        }
    }

    @Test
    void shouldRefuseToStartWhenTheDataFolderIsNotWritable() throws IOException
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("disk"), "1m", "a read-only data folder"))
        {
            // A folder the node used before: only creating a file shows that it cannot be written any more.
            final Path dataDir = Files.createDirectories(disk.path().resolve("data").resolve("deleted")).getParent();
            disk.readOnly();
            final NodeProcess node = DhtNodeProcess.spawn(Files.createDirectories(work.resolve("node")), dataDir);
            assertEquals(2, node.awaitExit(TIMEOUT), node.logTail(20));
            assertEquals(1, count(node.logTail(Integer.MAX_VALUE), "dht-node refuses to start: data folder " +
                dataDir + " is not writable"), node.logTail(20));
        }
    }

    @Test
    void shouldRefuseASecondNodeOnTheSameDataFolderAndServeOnWithTheFirst() throws IOException
    {
        final Path dataDir = work.resolve("data");
        try (NodeProcess first = start("first", dataDir); DhtClient client = connect(first))
        {
            putAll(client, "shared", RECORDS, 10);

            final NodeProcess second = DhtNodeProcess.spawn(Files.createDirectories(work.resolve("second")), dataDir);
            assertEquals(2, second.awaitExit(TIMEOUT), second.logTail(20));
            assertEquals(1, count(second.logTail(Integer.MAX_VALUE), "dht-node refuses to start: data folder " +
                dataDir + " is in use by dht-node pid " + first.pid()), second.logTail(20));

            for (int key = RECORDS; key < 2 * RECORDS; key++)
            {
                client.put("shared", key, value(key, 10));
            }
            assertEquals(2 * RECORDS, count(client, "shared"));
            assertEquals(0, first.stop("TERM", TIMEOUT), first.logTail(20));
        }
        assertEquals(2 * RECORDS, recordsIn(dataDir.resolve("shared.tcm")), "every record dumped by the first node");
    }

    private NodeProcess start(final String name, final Path dataDir) throws IOException
    {
        return DhtNodeProcess.start(Files.createDirectories(work.resolve(name)), dataDir, 100,
            NodeProcess.QUICK_START_FLAGS);
    }

    private static DhtClient connect(final NodeProcess node)
    {
        return DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port())));
    }

    private static void putAll(final DhtClient client, final String channel, final int records, final int length)
    {
        for (int key = 0; key < records; key++)
        {
            client.put(channel, key, value(key, length));
        }
    }

    private static byte[] value(final int key, final int length)
    {
        final byte[] value = new byte[length];
        Arrays.fill(value, (byte)('a' + key % 26));
        return value;
    }

    private static int count(final DhtClient client, final String channel)
    {
        final Map<Long, byte[]> records = new HashMap<>();
        client.getAll(channel, records::put);
        records.forEach((key, value) -> assertArrayEquals(value(key.intValue(), value.length), value));
        return records.size();
    }

    private static long count(final String log, final String fragment)
    {
        return log.lines().filter(line -> line.contains(fragment)).count();
    }

    private static long recordsIn(final Path dump) throws IOException
    {
        long records = 0;
        try (TcmReader reader = TcmReader.open(dump))
        {
            while (reader.next())
            {
                records++;
            }
        }
        return records;
    }

    private static List<String> files(final Path dataDir) throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir))
        {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
