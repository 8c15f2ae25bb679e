package org.swarmjvm.queue.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.protocol.queue.client.QueueClientException;
import org.swarmjvm.protocol.queue.client.QueueConsumer;
import org.swarmjvm.protocol.queue.client.QueueNodes;
import org.swarmjvm.protocol.queue.client.QueueProducer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blocking queue client against two real nodes: routing, retries, streams.
 */
class QueueClientTest
{
    @TempDir
    Path dataA;

    @TempDir
    Path dataB;

    private QueueNode nodeA;
    private QueueNode nodeB;
    private QueueClient client;

    @BeforeEach
    void launch()
    {
        nodeA = QueueNode.launch(QueueNodeTranscriptTest.testContext(dataA));
        nodeB = QueueNode.launch(QueueNodeTranscriptTest.testContext(dataB));
        client = new QueueClient(QueueNodes.parse(
            "# two nodes\n127.0.0.1:" + nodeA.port() + "\n\n127.0.0.1:" + nodeB.port() + "  # second\n"));
    }

    @AfterEach
    void close()
    {
        client.close();
        nodeA.close();
        nodeB.close();
    }

    /** A port nothing listens on: bound and released just now. */
    private static int closedPort() throws IOException
    {
        try (ServerSocket probe = new ServerSocket(0))
        {
            return probe.getLocalPort();
        }
    }

    @Test
    @Timeout(30)
    void shouldSpreadPushesAndPopEveryRecordWhenUsingTwoNodes()
    {
        for (int i = 0; i < 10; i++)
        {
            client.push("spread", bytes("r" + i));
        }
        try (QueueClient onlyA = new QueueClient(List.of(new InetSocketAddress("127.0.0.1", nodeA.port()))))
        {
            assertNotNull(onlyA.pop("spread"), "round robin put records on node A too");
        }
        final Set<String> popped = new HashSet<>();
        byte[] record;
        while (null != (record = client.pop("spread")))
        {
            popped.add(new String(record, StandardCharsets.US_ASCII));
        }
        assertEquals(9, popped.size());
        assertNull(client.pop("never-created"), "500 on every node counts as empty");
    }

    @Test
    @Timeout(30)
    void shouldPushToTheNextNodeWhenOneNodeIsDown() throws Exception
    {
        final int deadPort = closedPort();
        try (QueueClient withDeadNode = new QueueClient(List.of(
            new InetSocketAddress("127.0.0.1", deadPort), new InetSocketAddress("127.0.0.1", nodeA.port()))))
        {
            for (int i = 0; i < 4; i++)
            {
                withDeadNode.push("retry", bytes("x" + i));
            }
            for (int i = 0; i < 4; i++)
            {
                assertArrayEquals(bytes("x" + i), withDeadNode.pop("retry"));
            }
        }
        try (QueueClient onlyDead = new QueueClient(List.of(new InetSocketAddress("127.0.0.1", deadPort))))
        {
            assertThrows(QueueClientException.class, () -> onlyDead.push("retry", bytes("lost")));
        }
    }

    @Test
    @Timeout(30)
    void shouldFailPopWhenNoNodeAnswersButNotWhenOneNodeIsEmpty() throws Exception
    {
        final int deadPort = closedPort();
        try (QueueClient onlyDead = new QueueClient(List.of(new InetSocketAddress("127.0.0.1", deadPort))))
        {
            final QueueClientException failure = assertThrows(QueueClientException.class, () -> onlyDead.pop("x"));
            assertNull(failure.status(), "no node answered, so there is no status");
            assertNotNull(failure.getCause(), "the connection failure is the cause");
        }
        try (QueueClient withDeadNode = new QueueClient(List.of(
            new InetSocketAddress("127.0.0.1", deadPort), new InetSocketAddress("127.0.0.1", nodeA.port()))))
        {
            withDeadNode.push("half", bytes("only"));
            assertArrayEquals(bytes("only"), withDeadNode.pop("half"));
            assertNull(withDeadNode.pop("half"), "one node answered empty: the queue is empty");
            assertNull(withDeadNode.pop("half"), "whichever node is asked first");
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseBadInputClientSideAndReportPushMultiStatus()
    {
        assertThrows(IllegalArgumentException.class, () -> client.push("bad name", bytes("v")));
        assertThrows(IllegalArgumentException.class, () -> client.push("ok", new byte[0]));
        assertEquals(SwarmStatus.OK, client.pushMulti(List.of("m1", "m2"), bytes("both")));
        assertArrayEquals(bytes("both"), client.pop("m1"));
        assertArrayEquals(bytes("both"), client.pop("m2"));
        final long[] counts = client.getNumConnections();
        assertArrayEquals(new long[] {-1, -1}, counts, "the queue node answers NotSupported");
        client.removeChannel("m1");
        client.removeChannel("m2");
    }

    @Test
    @Timeout(30)
    void shouldStreamFromProducerToConsumerAcrossBothNodes() throws Exception
    {
        try (QueueConsumer consumer = client.consume("stream"))
        {
            try (QueueProducer producer = client.produce("stream"))
            {
                for (int i = 0; i < 100; i++)
                {
                    producer.send(bytes("s" + i));
                }
            }
            final List<String> received = new ArrayList<>();
            while (received.size() < 100)
            {
                final byte[] record = consumer.poll(10, TimeUnit.SECONDS);
                assertNotNull(record, "received " + received.size());
                received.add(new String(record, StandardCharsets.US_ASCII));
            }
            assertEquals(100, new HashSet<>(received).size());
            client.removeChannel("stream");
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (!consumer.isFinished() && System.nanoTime() < deadline)
            {
                assertNull(consumer.poll(100, TimeUnit.MILLISECONDS), "no record after the last one");
            }
            assertTrue(consumer.isFinished(), "RemoveChannel ends the Consume on every node");
            assertNull(consumer.poll(100, TimeUnit.MILLISECONDS), "the end of a node's stream is no record");
            assertNull(consumer.poll(100, TimeUnit.MILLISECONDS), "nor is the end of the other node's stream");
        }
    }

    @Test
    @Timeout(30)
    void shouldStoreEveryRecordInEveryChannelWhenProducingMulti()
    {
        try (QueueProducer producer = client.produceMulti(List.of("pm1", "pm2")))
        {
            producer.send(bytes("a"));
            producer.send(bytes("b"));
        }
        for (final String channel : List.of("pm1", "pm2"))
        {
            final Set<String> popped = new HashSet<>();
            byte[] record;
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (popped.size() < 2 && System.nanoTime() < deadline)
            {
                if (null != (record = client.pop(channel)))
                {
                    popped.add(new String(record, StandardCharsets.US_ASCII));
                }
            }
            assertEquals(Set.of("a", "b"), popped, channel);
        }
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
