package org.swarmjvm.dht.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.DhtClientException;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DHT client following a move between real nodes (docs/dht.md, "Moving ranges"): node A owns every hash, node
 * B none, and the moves hand A's range to B the way the rebalancing tool orders a step (the receiver takes the range
 * first, then the donor gives it up and sends the records).
 */
class DhtClientMoveTest
{
    private static final String CHANNEL = "moving";
    private static final long KEY = 0x1234L;
    private static final byte[] VALUE = "in flight".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tempDir;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private DhtNode nodeA;
    private DhtNode nodeB;

    @AfterEach
    void close() throws Exception
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            resources.get(i).close();
        }
    }

    @Test
    void shouldSendAPutAgainToTheNewOwnerWhenTheOldOneAnswersWrongNode() throws IOException
    {
        startNodes();
        // B is not among the nodes the client is connected to: it learns of it from the node source.
        final DhtClient client = connect(List.of(address(nodeA)), new DhtClientContext()
            .nodeSource(() -> List.of(address(nodeA), address(nodeB))));

        handOverEverything();
        client.put(CHANNEL, KEY, VALUE);

        assertTrue(nodeB.storage().getOrCreateChannel(CHANNEL).exists(KEY), "stored on the new owner");
        assertEquals(address(nodeB), client.nodeFor(KEY));
        assertArrayEquals(VALUE, client.get(CHANNEL, KEY));
    }

    @Test
    void shouldFindARecordMovedWhileTheClientOnlyRead() throws IOException
    {
        startNodes();
        putOnNode(nodeA, KEY);
        final DhtClient client = connect(List.of(address(nodeA), address(nodeB)), new DhtClientContext());
        assertArrayEquals(VALUE, client.get(CHANNEL, KEY));

        handOverEverything();

        assertArrayEquals(VALUE, client.get(CHANNEL, KEY), "A answers the Get with a miss, not WrongNode");
        assertTrue(client.exists(CHANNEL, KEY));
        assertEquals(address(nodeB), client.nodeFor(KEY));
    }

    @Test
    void shouldFindARecordStillInFlightOnThePreviousOwner() throws IOException
    {
        startNodes();
        putOnNode(nodeA, KEY);
        final DhtClient client = connect(List.of(address(nodeA), address(nodeB)), new DhtClientContext());

        // The ranges as they are while A's records travel: B owns the key, A still holds the record.
        assertEquals(SwarmStatus.OK.code(), RedistributeTest.redistribute(nodeB, HashRange.FULL, List.of()));
        assertEquals(SwarmStatus.OK.code(), RedistributeTest.redistribute(nodeA, HashRange.EMPTY, List.of()));
        client.put(CHANNEL, KEY + 1, VALUE);
        assertEquals(address(nodeB), client.nodeFor(KEY), "the Put made the client follow the move");

        assertArrayEquals(VALUE, client.get(CHANNEL, KEY));
        assertTrue(client.exists(CHANNEL, KEY));
        assertArrayEquals(new byte[0], client.get(CHANNEL, KEY + 2), "a record that exists nowhere is a miss");
    }

    @Test
    void shouldSendAgainToTheNewOwnerWhenTheOldOneIsGone() throws IOException
    {
        startNodes();
        final DhtClient client = connect(List.of(address(nodeA), address(nodeB)), new DhtClientContext());
        handOverEverything();
        nodeA.close();

        client.put(CHANNEL, KEY, VALUE);

        assertTrue(nodeB.storage().getOrCreateChannel(CHANNEL).exists(KEY));
        assertEquals(List.of(address(nodeB)), client.nodes(), "the node that is gone leaves the registry");
    }

    @Test
    void shouldFailNamingTheRangesWhenTheyDoNotSettle() throws IOException
    {
        startNodes();
        final DhtClient client = connect(List.of(address(nodeA), address(nodeB)),
            new DhtClientContext().moveTimeout(Duration.ofMillis(50)));
        // A gives its range up and nobody takes it: a gap no move step leaves for long.
        assertEquals(SwarmStatus.OK.code(), RedistributeTest.redistribute(nodeA, HashRange.EMPTY, List.of()));

        final DhtClientException failure = assertThrows(DhtClientException.class,
            () -> client.put(CHANNEL, KEY, VALUE));
        assertTrue(failure.getMessage().startsWith("the DHT's ranges did not settle within 50 ms of a move: " +
            "no node owns any hash"), failure.getMessage());
    }

    @Test
    void shouldLetWrongNodeReachTheCallerWhenNotFollowingMoves() throws IOException
    {
        startNodes();
        final DhtClient client = connect(List.of(address(nodeA), address(nodeB)),
            new DhtClientContext().followMoves(false));
        putOnNode(nodeA, KEY);
        handOverEverything();

        final DhtClientException failure = assertThrows(DhtClientException.class,
            () -> client.put(CHANNEL, KEY, VALUE));
        assertTrue(failure.getMessage().contains("WRONG_NODE (404)"), failure.getMessage());
        assertArrayEquals(new byte[0], client.get(CHANNEL, KEY), "the legacy client reads the old owner");
        assertFalse(client.exists(CHANNEL, KEY));
    }

    private void startNodes()
    {
        nodeA = TestNodes.launch(tempDir.resolve("a"), HashRange.FULL, UnaryOperator.identity());
        resources.add(nodeA);
        nodeB = TestNodes.launch(tempDir.resolve("b"), HashRange.EMPTY, UnaryOperator.identity());
        resources.add(nodeB);
    }

    private DhtClient connect(final List<NodeAddress> nodes, final DhtClientContext context)
    {
        final DhtClient client = DhtClient.connect(nodes, context);
        resources.add(client);
        return client;
    }

    /**
     * One move step of the whole range from A to B, in the tool's order.
     */
    private void handOverEverything() throws IOException
    {
        assertEquals(SwarmStatus.OK.code(), RedistributeTest.redistribute(nodeB, HashRange.FULL, List.of()));
        assertEquals(SwarmStatus.OK.code(), RedistributeTest.redistribute(nodeA, HashRange.EMPTY,
            List.of(new Target("127.0.0.1", nodeB.port(), HashRange.FULL))));
    }

    private static void putOnNode(final DhtNode node, final long key)
    {
        node.storage().getOrCreateChannel(CHANNEL).put(key, new UnsafeBuffer(VALUE), 0, VALUE.length);
    }

    private static NodeAddress address(final DhtNode node)
    {
        return new NodeAddress("127.0.0.1", node.port());
    }
}
