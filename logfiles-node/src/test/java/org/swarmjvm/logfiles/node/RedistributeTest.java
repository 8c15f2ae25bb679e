package org.swarmjvm.logfiles.node;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;
import org.swarmjvm.protocol.logfiles.codec.LogfilesRequestEncoder;
import org.swarmjvm.protocol.logfiles.codec.RedistributeRequestDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redistribute between two nodes: everything moves, buffered records and records too large for a 64 KiB batch
 * included, the batch boundary drops nothing, and no {@code .tmp} file stays behind; a damaged bucket moves every
 * record but the damaged one and its file is kept as {@code .bad}; a target that accepts nothing
 * fails the request and leaves the records where they were.
 */
@Timeout(60)
class RedistributeTest
{
    @TempDir
    Path dir;

    /** A record as a stream returned it. */
    record Got(long key, String value)
    {
    }

    @Test
    void shouldMoveEveryRecordToTheTargetNode() throws IOException
    {
        try (LogfilesNode a = TestNodes.launch(dir.resolve("a"));
            LogfilesNode c = TestNodes.launch(dir.resolve("c"));
            LogfilesClient clientA = new LogfilesClient(TestNodes.address(a));
            LogfilesClient clientC = new LogfilesClient(TestNodes.address(c)))
        {
            final List<Got> expected = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                final String value = String.valueOf((char)('a' + i)).repeat(30_000);
                assertEquals(SwarmStatus.OK, clientA.put("redist", 0x60000000L + i, ascii(value)));
                expected.add(new Got(0x60000000L + i, value));
            }
            assertEquals(SwarmStatus.OK, clientA.put("redist", 0x60001001L, ascii("b1")));
            expected.add(new Got(0x60001001L, "b1"));
            final String huge = "h".repeat(70_000);
            final RecordBatchWriter batch = new RecordBatchWriter(128 * 1024);
            final byte[] key = ascii(HexKey.toString(0x60002000L));
            batch.appendRecord(new UnsafeBuffer(key), 0, key.length, new UnsafeBuffer(ascii(huge)), 0, huge.length());
            assertEquals(SwarmStatus.OK, clientA.putBatch("redist", batch));
            assertEquals(SwarmStatus.OK, clientA.put("other", 0x70000000L, ascii("o")));

            assertEquals(SwarmStatus.OK, redistribute(a, 1.0f, List.of(target(c))));

            assertEquals(List.of(), getAll(clientA, "redist"));
            assertEquals(List.of(), getAll(clientA, "other"));
            final List<Got> moved = getAll(clientC, "redist");
            // the 70 000-byte record moved too, but no 64 KiB answer batch can carry it
            assertEquals(expected, moved);
            assertEquals(List.of(new Got(0x70000000L, "o")), getAll(clientC, "other"));
            final Path huge2000 = dir.resolve("c/redist/0000000060/002");
            assertTrue(Files.size(huge2000) > 70_000);
            assertEquals(List.of(), tmpFiles(dir.resolve("a")));
        }
    }

    @Test
    void shouldMoveTheIntactRecordsOfADamagedBucketAndKeepItsFile() throws IOException
    {
        final Path dirA = dir.resolve("a");
        try (LogfilesNode a = TestNodes.launch(dirA); LogfilesClient clientA = new LogfilesClient(TestNodes.address(a)))
        {
            for (final String value : new String[] {"one", "two", "three"})
            {
                assertEquals(SwarmStatus.OK, clientA.put("dmg", 0x60000000L + value.length(), ascii(value)));
            }
        }
        final Path bucket = dirA.resolve("dmg/0000000060/000");
        final byte[] damaged = Files.readAllBytes(bucket);
        damaged[16 + 17 + 3 + 2] ^= 0x01; // a key byte of "two": its header's parity fails
        Files.write(bucket, damaged);
        try (LogfilesNode a = TestNodes.launch(dirA);
            LogfilesNode c = TestNodes.launch(dir.resolve("c"));
            LogfilesClient clientC = new LogfilesClient(TestNodes.address(c)))
        {
            assertEquals(SwarmStatus.OK, redistribute(a, 1.0f, List.of(target(c))));
            assertEquals(List.of(new Got(0x60000003L, "one"), new Got(0x60000005L, "three")), getAll(clientC, "dmg"));
            assertArrayEquals(damaged, Files.readAllBytes(dirA.resolve("dmg/0000000060/000.bad")),
                "the damaged bucket's bytes are kept");
            assertEquals(List.of(), tmpFiles(dirA));
        }
    }

    @Test
    void shouldRefuseWhenNoTargetAcceptsAndKeepTheRecords() throws IOException
    {
        try (LogfilesNode a = TestNodes.launch(dir.resolve("a"));
            LogfilesClient clientA = new LogfilesClient(TestNodes.address(a)))
        {
            assertEquals(SwarmStatus.OK, clientA.put("keep", 0x60000001L, ascii("stay")));
            final int closedPort;
            try (ServerSocket probe = new ServerSocket(0))
            {
                closedPort = probe.getLocalPort();
            }
            assertEquals(SwarmStatus.ERROR,
                redistribute(a, 1.0f, List.of(new RedistributeRequestDecoder.Target("127.0.0.1", closedPort))));
            assertEquals(List.of(new Got(0x60000001L, "stay")), getAll(clientA, "keep"));
            assertEquals(SwarmStatus.ERROR, redistribute(a, 0.5f, List.of()));
            assertEquals(List.of(), tmpFiles(dir.resolve("a")));
        }
    }

    private static RedistributeRequestDecoder.Target target(final LogfilesNode node)
    {
        return new RedistributeRequestDecoder.Target("127.0.0.1", node.port());
    }

    private static SwarmStatus redistribute(
        final LogfilesNode node, final float fraction, final List<RedistributeRequestDecoder.Target> targets)
        throws IOException
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final WireWriter writer = new WireWriter().wrap(buffer, 0);
        new LogfilesRequestEncoder(writer).redistribute(fraction, targets);
        try (Socket socket = new Socket("127.0.0.1", node.port()))
        {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(buffer.byteArray(), 0, writer.position());
            final InputStream in = socket.getInputStream();
            final byte[] status = in.readNBytes(4);
            assertEquals(4, status.length);
            return SwarmStatus.of(new UnsafeBuffer(status).getInt(0, java.nio.ByteOrder.LITTLE_ENDIAN));
        }
    }

    private static List<Got> getAll(final LogfilesClient client, final String channel) throws IOException
    {
        final List<Got> got = new ArrayList<>();
        assertEquals(SwarmStatus.OK, client.getAll(channel, (key, buffer, offset, length) ->
        {
            final byte[] value = new byte[length];
            buffer.getBytes(offset, value);
            got.add(new Got(key, new String(value, StandardCharsets.ISO_8859_1)));
        }));
        return got;
    }

    private static List<Path> tmpFiles(final Path root) throws IOException
    {
        try (Stream<Path> files = Files.walk(root))
        {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldEncodeTheCapturedRedistributeRequest()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final WireWriter writer = new WireWriter().wrap(buffer, 0);
        new LogfilesRequestEncoder(writer).redistribute(1.0f,
            List.of(new RedistributeRequestDecoder.Target("127.0.0.1", 10060)));
        final byte[] bytes = new byte[writer.position()];
        buffer.getBytes(0, bytes);
        assertArrayEquals(org.swarmjvm.protocol.fixtures.Hex.parse(
            "23000000 0000803f 0900000000000000 3132372e302e302e31 4c27 0000000000000000"), bytes);
    }
}
