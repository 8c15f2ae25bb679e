package org.swarmjvm.logfiles.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.storage.Checkpoint;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.Tmpfs;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.logfiles.FilterMode;
import org.swarmjvm.protocol.logfiles.LogfilesConst;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command through a real socket with the blocking client, and the bad inputs the original died or misbehaved
 * on: the node must answer or close that one connection, and keep serving.
 */
@Timeout(30)
class LogfilesNodeTest
{
    @TempDir
    Path dataDir;

    /** A record as a stream returned it. */
    record Got(long key, String value)
    {
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static LogfilesClient.RecordHandler into(final List<Got> records)
    {
        return (key, buffer, offset, length) ->
        {
            final byte[] value = new byte[length];
            buffer.getBytes(offset, value);
            records.add(new Got(key, new String(value, StandardCharsets.ISO_8859_1)));
        };
    }

    @Test
    void shouldStoreAndStreamRecordsInBucketThenAppendOrder() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir); LogfilesClient client = client(node))
        {
            final long[] keys = {0x59000005L, 0x59000001L, 0x59000003L, 0x59000001L, 0x59002000L, 0x59001000L,
                0x59000002L, 0x5a000000L, 0x58fff000L};
            for (final long key : keys)
            {
                assertEquals(SwarmStatus.OK, client.put("order", key, ascii(HexKey.toString(key))));
            }
            final List<Got> got = new ArrayList<>();
            assertEquals(SwarmStatus.OK, client.getAll("order", into(got)));
            assertArrayEquals(new long[] {0x58fff000L, 0x59000005L, 0x59000001L, 0x59000003L, 0x59000001L,
                0x59000002L, 0x59001000L, 0x59002000L, 0x5a000000L}, got.stream().mapToLong(Got::key).toArray());
            for (final Got record : got)
            {
                assertEquals(HexKey.toString(record.key()), record.value());
            }
        }
    }

    @Test
    void shouldStreamSeveralBatchesInKeyOrderForTheBulkChannel() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir); LogfilesClient client = client(node))
        {
            TestNodes.fillBulkChannel(node);
            final List<Got> got = new ArrayList<>();
            assertEquals(SwarmStatus.OK, client.getAll("fx_bulk", into(got)));
            assertEquals(3000, got.size());
            for (int i = 0; i < got.size(); i++)
            {
                assertEquals(new Got(TestNodes.BULK_BASE + 16L * i, TestNodes.bulkValue(i)), got.get(i));
            }
            got.clear();
            assertEquals(SwarmStatus.OK,
                client.getRangeFilter("fx_bulk", 0x60000000L, 0x600003ffL, ascii("record-0001"), into(got)));
            assertEquals(10, got.size());
            got.clear();
            assertEquals(SwarmStatus.OK, client.getRangeRegex("fx_bulk", 0x60000000L, 0x600003ffL,
                FilterMode.PCRE_CASE_INSENSITIVE, ascii("RECORD-0001[0-5]"), into(got)));
            assertEquals(6, got.size());
        }
    }

    @Test
    void shouldSelectTheSameRecordsWhenBoundsAreUpperCase() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir))
        {
            TestNodes.fillBulkChannel(node);
            final byte[] lower = raw(node, "1c000000 0700000000000000 66785f62756c6b " +
                "1000000000000000 30303030303030303630303030303030 1000000000000000 30303030303030303630303030306130");
            final byte[] upper = raw(node, "1c000000 0700000000000000 66785f62756c6b " +
                "1000000000000000 30303030303030303630303030303030 1000000000000000 30303030303030303630303030304130");
            // The original answered 11 records for "...a0" and 10 for "...A0"; here both bounds mean 0x600000a0.
            assertArrayEquals(lower, upper);
            try (LogfilesClient client = client(node))
            {
                final List<Got> got = new ArrayList<>();
                client.getRange("fx_bulk", 0x60000000L, 0x600000a0L, into(got));
                assertEquals(11, got.size());
            }
        }
    }

    @Test
    void shouldStorePutBatchRecordsAndStopAtAnEmptyValue() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir); LogfilesClient client = client(node))
        {
            final RecordBatchWriter batch = new RecordBatchWriter(LogfilesConst.BATCH_SIZE);
            append(batch, 0x60000001L, "one");
            append(batch, 0x60000002L, "two");
            append(batch, 0x60000001L, "one again");
            assertEquals(SwarmStatus.OK, client.putBatch("pb", batch));
            append(batch, 0x60000003L, "three");
            append(batch, 0x60000004L, "");
            append(batch, 0x60000005L, "five");
            assertEquals(SwarmStatus.EMPTY_VALUE, client.putBatch("pb", batch));
            assertEquals(SwarmStatus.OK, client.putBatch("pb-empty", batch));
            final List<Got> got = new ArrayList<>();
            assertEquals(SwarmStatus.OK, client.getAll("pb", into(got)));
            assertEquals(List.of(new Got(0x60000001L, "one"), new Got(0x60000002L, "two"),
                new Got(0x60000001L, "one again"), new Got(0x60000003L, "three")), got);
            final List<String> channels = new ArrayList<>();
            assertEquals(SwarmStatus.OK, client.getChannels(channels::add));
            assertEquals(List.of("pb", "pb-empty"), channels);
        }
    }

    @Test
    void shouldStoreAPutBatchOfMegabytes() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir); LogfilesClient client = client(node))
        {
            final RecordBatchWriter batch = new RecordBatchWriter(8 * 1024 * 1024);
            final java.util.Random random = new java.util.Random(42);
            final int records = 20_000;
            for (int i = 0; i < records; i++)
            {
                final byte[] value = new byte[200];
                random.nextBytes(value);
                final byte[] key = ascii(HexKey.toString(0x60000000L + i * 7L));
                assertTrue(batch.appendRecord(new UnsafeBuffer(key), 0, key.length, new UnsafeBuffer(value), 0, 200));
            }
            assertEquals(SwarmStatus.OK, client.putBatch("big", batch));
            final long[] count = new long[2];
            assertEquals(SwarmStatus.OK, client.getAll("big", (key, buffer, offset, length) ->
            {
                assertEquals(0x60000000L + count[0] * 7L, key);
                count[0]++;
                count[1] += length;
            }));
            assertEquals(records, count[0]);
            assertEquals(records * 200L, count[1]);
            assertEquals("20110401", client.getVersion());
        }
    }

    @Test
    void shouldAnswerStatusesAndKeepTheConnection() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir); LogfilesClient client = client(node))
        {
            assertEquals("20110401", client.getVersion());
            assertEquals(SwarmStatus.BAD_CHANNEL_NAME, client.put("bad name", 1, ascii("v")));
            assertEquals(SwarmStatus.EMPTY_VALUE, client.put("ok", 1, new byte[0]));
            assertEquals(SwarmStatus.OUT_OF_MEMORY, client.put("ok", 1, new byte[65_537]));
            assertEquals(SwarmStatus.OK, client.put("ok", 1, new byte[65_536]));
            assertEquals(SwarmStatus.BAD_CHANNEL_NAME, client.put("x".repeat(256), 1, ascii("v")));
            assertEquals(SwarmStatus.OK, client.put("x".repeat(255), 1, ascii("v")));
            assertEquals(SwarmStatus.ERROR,
                client.getRangeRegex("ok", 0, -1L, FilterMode.PCRE, ascii("("), (k, b, o, l) -> { }));
            assertEquals(SwarmStatus.ERROR,
                client.getRangeRegex("missing", 0, -1L, FilterMode.PCRE, ascii("("), (k, b, o, l) -> { }));
            final LogfilesClient.NodeConnections connections = client.getNumConnections();
            assertEquals("127.0.0.1", connections.address());
            assertEquals(node.port(), connections.port());
            assertEquals(1, connections.count());
            final List<Got> got = new ArrayList<>();
            assertEquals(SwarmStatus.OK, client.getAll("ok", into(got)));
            assertEquals(List.of(), got, "a 65 536-byte value fits no batch and is skipped, as in the original");
            assertEquals(SwarmStatus.OK, client.removeChannel("ok"));
            assertFalse(Files.exists(dataDir.resolve("ok")));
            assertEquals(SwarmStatus.OK, client.removeChannel("ok"));
            assertEquals("20110401", client.getVersion());
        }
    }

    @Test
    void shouldCloseOnlyTheConnectionWhenTheFilterModeIsUnknown() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir))
        {
            assertClosed(node, "22000000 0200000000000000 6368 1000000000000000 30303030303030303030303030303030 " +
                "1000000000000000 66666666666666666666666666666666 03 0100000000000000 78");
            assertClosed(node, "22000000 0200000000000000 6368 1000000000000000 30303030303030303030303030303030 " +
                "1000000000000000 66666666666666666666666666666666 ff 0100000000000000 78");
            assertAlive(node);
        }
    }

    @Test
    void shouldCloseTheConnectionOnBadKeysAndAbsurdLengths() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir); LogfilesClient client = client(node))
        {
            assertEquals(SwarmStatus.OK, client.put("ch", 0x60000000L, ascii("v")));
            // Put with a key that is not hex; with 15 digits; with a 0x prefix
            assertClosed(node, "03000000 0200000000000000 6368 0500000000000000 68656c6c6f 0100000000000000 76");
            assertClosed(node, "03000000 0200000000000000 6368 0f00000000000000 303030303030303030303030303030 " +
                "0100000000000000 76");
            assertClosed(node, "03000000 0200000000000000 6368 " +
                "1200000000000000 3078303030303030303030303030303030 30 " +
                "0100000000000000 76");
            // GetRange with non-hex bounds on an existing channel
            assertClosed(node, "1c000000 0200000000000000 6368 " +
                "0500000000000000 68656c6c6f 0500000000000000 776f726c64");
            // a channel array of 2^63 - 1 bytes; one just over 10 MiB, which is read and dropped first
            assertClosed(node, "1d000000 ffffffffffffff7f");
            assertClosed(node, "1d000000 0100a00000000000 00*10485761");
            // a PutBatch whose batch is not LZO, and one with a non-hex key
            assertClosed(node, "24000000 0200000000000000 6368 0b00000000000000 0500000000000000 ffffff");
            // unknown and removed command codes
            for (final String code : new String[] {"00000000", "01000000", "12000000", "13000000", "1e000000",
                "21000000", "25000000", "03010000", "ffffffff"})
            {
                assertClosed(node, code);
            }
            assertAlive(node);
            final List<Got> got = new ArrayList<>();
            assertEquals(SwarmStatus.OK, client.getAll("ch", into(got)));
            assertEquals(List.of(new Got(0x60000000L, "v")), got);
        }
    }

    @Test
    void shouldRefuseToStartWhenTheDataFolderIsNotWritable()
    {
        // ",ro" after the size mounts the tmpfs read-only: a folder that even root cannot write to
        try (Tmpfs readOnly = Tmpfs.mount(dataDir.resolve("ro"), "1m,ro", "refusing a read-only data_dir");
            LogCapture log = new LogCapture())
        {
            final String line = "cannot open data_dir " + readOnly.path() + ": not writable";
            final UncheckedIOException refused =
                assertThrows(UncheckedIOException.class, () -> TestNodes.launch(readOnly.path()).close());
            assertEquals(line, refused.getMessage());
            assertEquals(1, log.count(Level.SEVERE, line), log::toString);
        }
    }

    @Test
    void shouldKeepRecordsAcrossACleanRestart() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir); LogfilesClient client = client(node))
        {
            assertEquals(SwarmStatus.OK, client.put("persist", 0x57275806L, ascii("Hello there")));
            node.storage().commitCheckpoint();
            assertTrue(Files.exists(dataDir.resolve(Checkpoint.FILE_NAME)));
        }
        assertFalse(Files.exists(dataDir.resolve(Checkpoint.FILE_NAME)));
        assertEquals(16 + 17 + 11, Files.size(dataDir.resolve("persist/0000000057/275")));
        try (LogfilesNode node = TestNodes.launch(dataDir); LogfilesClient client = client(node))
        {
            final List<Got> got = new ArrayList<>();
            assertEquals(SwarmStatus.OK, client.getAll("persist", into(got)));
            assertEquals(List.of(new Got(0x57275806L, "Hello there")), got);
        }
    }

    @Test
    void shouldServeTheOriginalsFilesAfterARestart() throws IOException
    {
        copyTree(org.swarmjvm.protocol.fixtures.Fixtures.path("files/logfiles/logs"), dataDir.resolve("logs"));
        try (LogfilesNode node = TestNodes.launch(dataDir); LogfilesClient client = client(node))
        {
            final List<Got> got = new ArrayList<>();
            assertEquals(SwarmStatus.OK, client.getRange("logs", 0x57fff000L, 0x58000003L, into(got)));
            assertEquals(List.of(0x57fff000L, 0x57ffffffL, 0x58000003L, 0x58000000L),
                got.stream().map(Got::key).toList());
            got.clear();
            assertEquals(SwarmStatus.OK, client.getAll("logs", into(got)));
            assertEquals(212, got.size());
        }
    }

    @Test
    void shouldWriteHandledRecordsToTheStatsLog() throws Exception
    {
        final Path stats = dataDir.resolve("stats.log");
        try (LogfilesNode node = TestNodes.launch(dataDir.resolve("data"),
            c ->
            {
                c.node().statsFile(stats).statsInterval(java.time.Duration.ofMillis(200));
                return c;
            });
            LogfilesClient client = client(node))
        {
            assertEquals(SwarmStatus.OK, client.put("counted", 0x60000001L, ascii("12345")));
            assertEquals(SwarmStatus.OK, client.put("counted", 0x60002001L, ascii("123")));
            assertEquals(SwarmStatus.OK, client.getAll("counted", (k, b, o, l) -> { }));
            final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            long handled = 0;
            long bytes = 0;
            while (handled < 4 && System.nanoTime() < deadline)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                handled = 0;
                bytes = 0;
                if (Files.exists(stats))
                {
                    for (final String line : Files.readAllLines(stats))
                    {
                        handled += field(line, "action/handled/records");
                        bytes += field(line, "action/handled/bytes");
                    }
                }
            }
            assertEquals(4, handled, "2 stored + 2 returned");
            assertEquals(16, bytes);
        }
    }

    private static long field(final String line, final String name)
    {
        final java.util.regex.Matcher matcher =
            java.util.regex.Pattern.compile("(^| )" + java.util.regex.Pattern.quote(name) + ":([0-9]+)").matcher(line);
        return matcher.find() ? Long.parseLong(matcher.group(2)) : 0;
    }

    private static void append(final RecordBatchWriter batch, final long key, final String value)
    {
        final byte[] keyBytes = ascii(HexKey.toString(key));
        final byte[] valueBytes = ascii(value);
        assertTrue(batch.appendRecord(new UnsafeBuffer(keyBytes), 0, keyBytes.length, new UnsafeBuffer(valueBytes), 0,
            valueBytes.length));
    }

    private static LogfilesClient client(final LogfilesNode node) throws IOException
    {
        return new LogfilesClient(TestNodes.address(node));
    }

    /** Sends raw request bytes and returns everything the node answers before the end marker of a stream. */
    private static byte[] raw(final LogfilesNode node, final String hex) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", node.port()))
        {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(Hex.parse(hex));
            final InputStream in = socket.getInputStream();
            final List<byte[]> parts = new ArrayList<>();
            parts.add(in.readNBytes(4));
            while (true)
            {
                final byte[] prefix = in.readNBytes(8);
                final long length = new UnsafeBuffer(prefix).getLong(0, java.nio.ByteOrder.LITTLE_ENDIAN);
                if (0 == length)
                {
                    break;
                }
                final byte[] batch = in.readNBytes((int)length);
                parts.add(batch);
            }
            final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (final byte[] part : parts)
            {
                out.write(part);
            }
            return out.toByteArray();
        }
    }

    private static void assertClosed(final LogfilesNode node, final String hex) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", node.port()))
        {
            socket.setSoTimeout(5000);
            final OutputStream out = socket.getOutputStream();
            out.write(Hex.parse(hex));
            out.flush();
            assertEquals(-1, socket.getInputStream().read(), "node should close the connection after " + hex);
        }
        catch (final java.net.SocketException ex)
        {
            // reset by the node while the request was still being sent: closed as well
            assertTrue(ex.getMessage() != null, ex.toString());
        }
    }

    private static void assertAlive(final LogfilesNode node) throws IOException
    {
        try (LogfilesClient client = client(node))
        {
            assertEquals("20110401", client.getVersion());
        }
    }

    private static void copyTree(final Path from, final Path to) throws IOException
    {
        try (var paths = Files.walk(from))
        {
            for (final Path path : paths.toList())
            {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.write(target, Files.readAllBytes(path));
                }
            }
        }
    }
}
