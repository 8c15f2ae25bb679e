package org.swarmjvm.dht.node;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redistribute between two real nodes, as in the capture redistribute.txt, which names fixed ports and is
 * therefore checked here by meaning: node A, owning half the ring, hands the quarter 0x4000…–0x7fff… to node C;
 * the records there move to C by PutBatch, A takes its new range, and the 200 comes only after the move.
 */
class RedistributeTest
{
    private static final HashRange A_AFTER = new HashRange(0, 0x3fffffffffffffffL);
    private static final HashRange C_RANGE = new HashRange(0x4000000000000000L, 0x7fffffffffffffffL);

    @TempDir
    Path tempDir;

    @Test
    void shouldMoveTheRecordsOfTheHandedOverRangeBeforeAnswering() throws IOException
    {
        try (DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE, UnaryOperator.identity());
            DhtNode nodeC = TestNodes.launch(tempDir.resolve("c"), C_RANGE, UnaryOperator.identity()))
        {
            final DhtChannel onA = nodeA.storage().getOrCreateChannel("fx_redist");
            for (long key = 2; key <= 8; key += 2)
            {
                final byte[] value = ("value " + key).getBytes(StandardCharsets.US_ASCII);
                onA.put(key, new UnsafeBuffer(value), 0, value.length);
            }

            assertEquals(SwarmStatus.OK.code(),
                redistribute(nodeA, A_AFTER, List.of(new Target("127.0.0.1", nodeC.port(), C_RANGE))));

            assertEquals(A_AFTER, nodeA.storage().range());
            final DhtChannel onC = nodeC.storage().getOrCreateChannel("fx_redist");
            for (final long key : List.of(2L, 6L))
            {
                assertFalse(onA.exists(key), "moved away from A: " + key);
                assertTrue(onC.exists(key), "moved to C: " + key);
            }
            for (final long key : List.of(4L, 8L))
            {
                assertTrue(onA.exists(key), "kept on A: " + key);
                assertFalse(onC.exists(key), "not on C: " + key);
            }
        }
    }

    @Test
    void shouldMoveManyBatchesInFlightAndRemoveEachRecordOnlyOnceItsBatchIsAcknowledged() throws IOException
    {
        try (DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE, UnaryOperator.identity());
            DhtNode nodeC = TestNodes.launch(tempDir.resolve("c"), C_RANGE, UnaryOperator.identity()))
        {
            final DhtChannel onA = nodeA.storage().getOrCreateChannel("many");
            final java.util.SplittableRandom random = new java.util.SplittableRandom(18);
            final java.util.Map<Long, byte[]> records = new java.util.HashMap<>();
            while (records.size() < 15_000)
            {
                // Keys of A's half only: reversed, the top bit is 0.
                final long key = random.nextLong() & ~1L;
                final byte[] value = new byte[1 + random.nextInt(200)];
                random.nextBytes(value);
                records.put(key, value);
                onA.put(key, new UnsafeBuffer(value), 0, value.length);
            }

            assertEquals(SwarmStatus.OK.code(),
                redistribute(nodeA, A_AFTER, List.of(new Target("127.0.0.1", nodeC.port(), C_RANGE))));

            final DhtChannel onC = nodeC.storage().getOrCreateChannel("many");
            long moved = 0;
            for (final java.util.Map.Entry<Long, byte[]> record : records.entrySet())
            {
                final boolean toC = C_RANGE.containsKey(record.getKey());
                assertEquals(!toC, onA.exists(record.getKey()), "on A after the move: " + record.getKey());
                assertEquals(toC, onC.exists(record.getKey()), "on C after the move: " + record.getKey());
                moved += toC ? 1 : 0;
            }
            assertEquals(moved, onC.records(), "C holds the moved records and nothing else");
            assertTrue(moved > 5_000, "over ten batches of " + TestNodes.FIXTURE_BATCH_SIZE + " bytes: " + moved);
        }
    }

    @Test
    void shouldWriteTheNewRangeIntoTheConfigFile() throws IOException
    {
        final Path config = tempDir.resolve("config.ini");
        Files.writeString(config, String.join("\n",
            "[Server]", "address = 127.0.0.1", "port = 10000",
            "minval   = 0x0000000000000000", "maxval   = 0x7fffffffffffffff",
            "[Other]", "minval = keep", ""));
        try (DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE,
            context -> context.configFile(config)))
        {
            assertEquals(SwarmStatus.OK.code(), redistribute(nodeA, A_AFTER, List.of()));
        }
        assertEquals(List.of("[Server]", "address = 127.0.0.1", "port = 10000",
            "minval   = 0x0000000000000000", "maxval   = 0x3fffffffffffffff", "[Other]", "minval = keep"),
            Files.readAllLines(config));
    }

    @Test
    void shouldRefuseAnInvalidRangeAndKeepTheOldOne() throws IOException
    {
        try (DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE, UnaryOperator.identity()))
        {
            assertEquals(SwarmStatus.ERROR.code(), redistribute(nodeA, new HashRange(0x10, 0x0f), List.of()));
            assertEquals(TestNodes.HALF_RANGE, nodeA.storage().range());
        }
    }

    @Test
    void shouldKeepTheRecordsWhenTheTargetIsUnreachable() throws IOException
    {
        try (DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE, UnaryOperator.identity()))
        {
            final DhtChannel onA = nodeA.storage().getOrCreateChannel("fx_redist");
            final byte[] value = "value 2".getBytes(StandardCharsets.US_ASCII);
            onA.put(2, new UnsafeBuffer(value), 0, value.length);
            final int unusedPort;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0))
            {
                unusedPort = probe.getLocalPort();
            }
            assertEquals(SwarmStatus.ERROR.code(),
                redistribute(nodeA, A_AFTER, List.of(new Target("127.0.0.1", unusedPort, C_RANGE))));
            assertTrue(onA.exists(2), "nothing is lost when the move fails");
        }
    }

    /**
     * Sends one Redistribute and waits for its answer, as the rebalancing tool does.
     *
     * @param node     to redistribute.
     * @param newRange of the node.
     * @param targets  to move records to.
     * @return the status the node answered.
     */
    static int redistribute(final DhtNode node, final HashRange newRange, final List<Target> targets)
        throws IOException
    {
        final ExpandableArrayBuffer request = new ExpandableArrayBuffer();
        final int length = new DhtRequestEncoder(new WireWriter().wrap(request, 0))
            .redistribute(newRange, targets).position();
        try (Socket socket = new Socket("127.0.0.1", node.port()))
        {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.byteArray(), 0, length);
            return Integer.reverseBytes(new DataInputStream(socket.getInputStream()).readInt());
        }
    }
}
