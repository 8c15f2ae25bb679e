package org.swarmjvm.dht.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.dump.DumpTests.asMap;
import static org.swarmjvm.dht.dump.DumpTests.assertSameRecords;
import static org.swarmjvm.dht.dump.DumpTests.client;
import static org.swarmjvm.dht.dump.DumpTests.fill;
import static org.swarmjvm.dht.dump.DumpTests.getAll;
import static org.swarmjvm.dht.dump.DumpTests.launchNode;
import static org.swarmjvm.dht.dump.DumpTests.readDump;
import static org.swarmjvm.dht.dump.DumpTests.records;
import static org.swarmjvm.dht.dump.DumpTests.writeConfig;

@Timeout(300)
class DhtDumpMainTest
{
    private static final List<String> CHANNELS = List.of("big", "small", "tiny");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldRestoreEveryRecordWhenAFreshNodeLoadsTheOneshotDump() throws IOException
    {
        final long seed = System.nanoTime();
        final String context = "seed " + seed;
        final Path dumpDir = dir.resolve("dump");
        final Map<String, Map<Long, String>> original = new java.util.HashMap<>();
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL); DhtClient client = client(node.port()))
        {
            fillThreeChannels(client, new Random(seed));
            for (final String channel : CHANNELS)
            {
                original.put(channel, getAll(client, channel));
            }
            assertEquals(200_000, original.get("big").size(), context);

            assertEquals(0, run("-c", writeConfig(dir, node.port(), dumpDir).toString(), "--oneshot"), err.toString());
        }

        assertTrue(out.toString().matches("dht-dump: dumped 3 channels, 201003 records, \\d+ bytes in " +
            "\\d+\\.\\d{3} s\\R"), out.toString());
        assertEquals("", err.toString());
        try (DhtNode fresh = launchNode(dumpDir, HashRange.FULL); DhtClient client = client(fresh.port()))
        {
            assertEquals(Set.copyOf(CHANNELS), client.getChannels(), context);
            for (final String channel : CHANNELS)
            {
                assertSameRecords(original.get(channel), getAll(client, channel), context + ", channel " + channel);
            }
        }
    }

    @Test
    void shouldWriteTheSameBytesAsTheNodesOwnShutdownDump() throws IOException
    {
        final long seed = System.nanoTime();
        final Path nodeDir = dir.resolve("node");
        final Path dumpDir = dir.resolve("dump");
        try (DhtNode node = launchNode(nodeDir, HashRange.FULL); DhtClient client = client(node.port()))
        {
            fillThreeChannels(client, new Random(seed));
            fill(client, "empty", List.of());

            assertEquals(0, run("-c", writeConfig(dir, node.port(), dumpDir).toString(), "-o"), err.toString());
        }

        // Both iterate the channel map segment by segment, so with no writes in between even the record order
        // matches: the files must be equal byte for byte, padding included.
        for (final String channel : List.of("big", "small", "tiny", "empty"))
        {
            assertArrayEquals(Files.readAllBytes(nodeDir.resolve(channel + ".tcm")),
                Files.readAllBytes(dumpDir.resolve(channel + ".tcm")), "seed " + seed + ", channel " + channel);
        }
    }

    @Test
    void shouldAcceptANodeThatCoversOnlyHalfTheHashRange() throws IOException
    {
        final HashRange lowerHalf = new HashRange(0, 0x7fffffffffffffffL);
        final List<DhtRecord> records = records(new Random(7), 500, 0, 2, 50);
        try (DhtNode node = launchNode(dir.resolve("node"), lowerHalf); DhtClient client = client(node.port()))
        {
            fill(client, "half", records);

            assertEquals(0, run("-c", writeConfig(dir, node.port(), dir.resolve("dump")).toString(), "--oneshot"),
                err.toString());
        }

        assertSameRecords(asMap(records), readDump(dir.resolve("dump").resolve("half.tcm")), "half.tcm");
    }

    @Test
    void shouldAppendOneStatsLinePerCycleInTheOriginalsLayout() throws IOException
    {
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL); DhtClient client = client(node.port()))
        {
            fill(client, "ch1", List.of(new DhtRecord(1, "abc".getBytes(StandardCharsets.US_ASCII))));
            fill(client, "ch2", List.of(new DhtRecord(2, "de".getBytes(StandardCharsets.US_ASCII)),
                new DhtRecord(3, "f".getBytes(StandardCharsets.US_ASCII))));
            final Path config = writeConfig(dir, node.port(), dir.resolve("dump"));

            assertEquals(0, run("-c", config.toString(), "-o"), err.toString());
            assertEquals(0, run("-c", config.toString(), "-o"), err.toString());
        }

        final List<String> lines = Files.readAllLines(dir.resolve("log/stats.log"));
        assertEquals(2, lines.size(), lines.toString());
        for (final String line : lines)
        {
            // Bytes as the original counts them: key (16) + value + 16 per record.
            final String pairs = "records_written:3 bytes_written:" + (3 * 32 + 6) + " last_time_ms:\\d+ " +
                "(channel/ch1/records_written:1 channel/ch1/bytes_written:35 channel/ch2/records_written:2 " +
                "channel/ch2/bytes_written:67|channel/ch2/records_written:2 channel/ch2/bytes_written:67 " +
                "channel/ch1/records_written:1 channel/ch1/bytes_written:35)";
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} " + pairs), line);
        }
    }

    @Test
    void shouldKeepThePreviousDumpsAsGenerationsWhenDumpingAgain() throws IOException
    {
        final Path dumpDir = dir.resolve("dump");
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL); DhtClient client = client(node.port()))
        {
            final Path config = writeConfig(dir, node.port(), dumpDir, "keep_generations = 2");
            final Map<Long, String> first = dumpAfterPut(client, config, 1, "first");
            final Map<Long, String> second = dumpAfterPut(client, config, 2, "second");
            final Map<Long, String> third = dumpAfterPut(client, config, 3, "third");
            final Map<Long, String> fourth = dumpAfterPut(client, config, 4, "fourth");

            assertFalse(first.equals(second));
            assertEquals(fourth, readDump(dumpDir.resolve("gen.tcm")));
            assertEquals(third, readDump(dumpDir.resolve("gen.tcm.1")));
            assertEquals(second, readDump(dumpDir.resolve("gen.tcm.2")));
            assertEquals(List.of("deleted", "dht-dump.lock", "gen.tcm", "gen.tcm.1", "gen.tcm.2"), names(dumpDir));
        }
    }

    @Test
    void shouldSkipTheChannelKeepingItsDumpAndExitNonZeroWhenFreeSpaceIsShort() throws IOException
    {
        final Path dumpDir = dir.resolve("dump");
        Files.createDirectories(dumpDir);
        final byte[] previous = "previous dump, left alone".getBytes(StandardCharsets.US_ASCII);
        Files.write(dumpDir.resolve("ch.tcm"), previous);
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL); DhtClient client = client(node.port()))
        {
            fill(client, "ch", List.of(new DhtRecord(1, new byte[]{1})));
            final Path config = writeConfig(dir, node.port(), dumpDir, "min_free_mb = 1000000000000");

            assertEquals(DhtDumpMain.EXIT_FAILED, run("-c", config.toString(), "--oneshot", "--max-tries", "2"));
        }

        final String message = err.toString();
        assertTrue(message.matches("dht-dump: gave up after 2 tries: channel ch: skipped: not enough free space " +
            "in .*\\R"), message);
        assertArrayEquals(previous, Files.readAllBytes(dumpDir.resolve("ch.tcm")));
        assertEquals(List.of("ch.tcm", "deleted", "dht-dump.lock"), names(dumpDir));
    }

    @Test
    void shouldExitNonZeroWithOneLineWhenNoNodeAnswers() throws IOException
    {
        final int port;
        try (ServerSocket closed = new ServerSocket(0))
        {
            port = closed.getLocalPort();
        }

        final int exit = run("-c", writeConfig(dir, port, dir.resolve("dump")).toString(), "--oneshot",
            "--max-tries", "1");

        assertEquals(DhtDumpMain.EXIT_FAILED, exit);
        assertTrue(err.toString().matches("dht-dump: gave up after 1 try: handshake with 127\\.0\\.0\\.1:" + port +
            " failed: .*\\R"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void shouldReportABadConfigValueInOneLine() throws IOException
    {
        final Path config = writeConfig(dir, 10000, dir.resolve("dump"), "keep_generations = -1");

        assertEquals(DhtDumpMain.EXIT_BAD_CONFIG, run("-c", config.toString(), "-o"));
        assertEquals("dht-dump: " + config + ":7: [Dump] keep_generations = -1: must be from 0 to 100" +
            System.lineSeparator(), err.toString());
    }

    @Test
    void shouldPrintUsageWhenAskedForHelp()
    {
        assertEquals(0, run("--help"));

        final String usage = out.toString();
        assertTrue(usage.startsWith("Usage: dht-dump"), usage);
        assertTrue(usage.contains("-c, --config=FILE"), usage);
        assertTrue(usage.contains("-o, --oneshot"), usage);
        assertTrue(usage.contains("--max-tries=N"), usage);
    }

    private Map<Long, String> dumpAfterPut(
        final DhtClient client, final Path config, final long key, final String value) throws IOException
    {
        client.put("gen", key, value.getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, run("-c", config.toString(), "-o"), err.toString());
        return getAll(client, "gen");
    }

    private static void fillThreeChannels(final DhtClient client, final Random random)
    {
        fill(client, "big", records(random, 200_000, 0x1234, 7, 40));
        fill(client, "small", records(random, 1_000, 1L << 40, 0x1000_0001L, 3000));
        fill(client, "tiny", records(random, 3, -3, 1, 10));
    }

    private int run(final String... args)
    {
        return DhtDumpMain.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    private static List<String> names(final Path folder) throws IOException
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
