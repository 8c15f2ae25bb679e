package org.swarmjvm.dht.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.node.testing.fuzz.MemoryProbe;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.node.DhtFrames.assertServes;
import static org.swarmjvm.dht.node.DhtFrames.assertStatus;
import static org.swarmjvm.dht.node.DhtFrames.channelOnly;
import static org.swarmjvm.dht.node.DhtFrames.numConnections;

/**
 * Clients that read a stream slowly or not at all: what the node holds for them follows the connection's bounded
 * pending output (and the GetAll's copy of one map segment), never the stream's size: before, 20 readers stopped
 * after 3/4 of a GetAll of 16 MiB took the node's memory up by 360 MB. The replies' buffers count in the node's
 * request memory; a client that
 * stops reading is closed after the write timeout with one log line, and one that reads slowly gets every byte.
 * The node's socket buffers are small, so that its writes stop at every boundary as a slow peer's would over a long
 * link; the attack's size is {@code -Dswarm.slowReaders} connections on a channel of
 * {@code -Dswarm.slowReaderChannelBytes}.
 */
class DhtSlowReaderTest
{
    private static final int READERS = Integer.getInteger("swarm.slowReaders", 20);
    private static final long CHANNEL_BYTES = Long.getLong("swarm.slowReaderChannelBytes", 16L * 1024 * 1024);
    private static final int VALUE_LENGTH = 1000;
    private static final int NODE_SOCKET_BUFFER = 16 * 1024;
    private static final int CLIENT_RECEIVE_BUFFER = 4096;
    /**
     * A connection's output buffer: its pending output (64 KiB), a batch written on top, as much again already sent
     * before the rest is moved to the front, doubled as it grows.
     */
    private static final long OUTPUT_PER_READER = 512 * 1024;
    /** Whatever else a node in this JVM allocates meanwhile: channel maps' caches, the log, the GC's slack. */
    private static final long MEMORY_SLACK = 16L * 1024 * 1024;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldHoldABoundedOutputPerConnectionWhateverTheStreamSize()
    {
        final int records = (int)(CHANNEL_BYTES / VALUE_LENGTH);
        try (DhtNode node = launch(records, UnaryOperator.identity());
            RawConnection bystander = new RawConnection(TestNodes.address(node)))
        {
            fill(node, "bulk", records);
            // The GetAll copies one map segment at a time out of the map; its buffer doubles as it fills.
            final long stagedSegment = 2 * CHANNEL_BYTES / node.storage().getOrCreateChannel("bulk").segments();
            final long before = MemoryProbe.usedAfterGc();
            final List<RawConnection> readers = new ArrayList<>();
            try
            {
                for (int i = 0; i < READERS; i++)
                {
                    final RawConnection reader = new RawConnection(TestNodes.address(node), CLIENT_RECEIVE_BUFFER);
                    readers.add(reader);
                    reader.send(channelOnly(DhtCommand.GET_ALL, "bulk"));
                    assertStatus(reader, SwarmStatus.OK);
                    // Three quarters of the stream, then the reader stops: the rest waits in the node.
                    long read = 0;
                    while (read < CHANNEL_BYTES * 3 / 4)
                    {
                        read += Long.BYTES + reader.readArray().length;
                    }
                }
                final long growth = MemoryProbe.usedAfterGc() - before;
                final long budget = node.requestMemory().used();
                System.out.printf("slow readers: %,d connections stopped after 3/4 of a GetAll of %,d bytes: node " +
                    "memory grew by %,d bytes (%,d per connection), request memory holds %,d bytes%n", READERS,
                    CHANNEL_BYTES, growth, growth / READERS, budget);
                assertTrue(growth < READERS * (OUTPUT_PER_READER + stagedSegment) + MEMORY_SLACK,
                    "memory grew by " + growth);
                assertTrue(budget > 0 && budget <= READERS * OUTPUT_PER_READER,
                    "the stalled replies' buffers count in the request memory: " + budget);
                assertServes(bystander);
            }
            finally
            {
                readers.forEach(RawConnection::close);
            }
            Await.until("the readers' connections close", () -> 1 == numConnections(bystander));
            Await.until("the request memory is given back", () -> 0 == node.requestMemory().used());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldCloseAClientThatStopsReadingAfterTheWriteTimeoutWithOneLogLine()
    {
        final int records = 4000;
        try (LogCapture log = new LogCapture();
            DhtNode node = launch(records, context -> context.writeTimeout(Duration.ofMillis(300)));
            RawConnection bystander = new RawConnection(TestNodes.address(node)))
        {
            fill(node, "bulk", records);
            try (RawConnection stalled = new RawConnection(TestNodes.address(node), CLIENT_RECEIVE_BUFFER))
            {
                stalled.send(channelOnly(DhtCommand.GET_ALL, "bulk"));
                assertStatus(stalled, SwarmStatus.OK);
                final long stoppedNanos = System.nanoTime();
                Await.until("the node closes the reader that stopped", () -> 1 == numConnections(bystander));
                System.out.printf("stopped reader closed %d ms after it stopped, write timeout 300 ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedNanos));
            }
            assertEquals(1, log.count(Level.INFO, "write timeout"), log.toString());
            assertServes(bystander);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldStreamEveryByteInOrderToAReaderSlowerThanTheNode()
    {
        final int records = 2000;
        try (DhtNode node = launch(records, context -> context.writeTimeout(Duration.ofMillis(2000)));
            RawConnection fast = new RawConnection(TestNodes.address(node));
            RawConnection slow = new RawConnection(TestNodes.address(node), CLIENT_RECEIVE_BUFFER))
        {
            fill(node, "bulk", records);
            final byte[] expected = readStream(fast, 0);
            final byte[] paced = readStream(slow, TimeUnit.MILLISECONDS.toNanos(2));
            assertTrue(expected.length > CLIENT_RECEIVE_BUFFER * 100, "a stream of " + expected.length + " bytes");
            assertArrayEquals(expected, paced, "the slow reader's stream");
        }
    }

    /**
     * @param pauseNanos the reader's pause after every 16 KiB, as a client busy with each batch.
     * @return the GetAll stream's bytes after the status, its end marker included.
     */
    private static byte[] readStream(final RawConnection client, final long pauseNanos)
    {
        client.send(channelOnly(DhtCommand.GET_ALL, "bulk"));
        assertStatus(client, SwarmStatus.OK);
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        long sincePause = 0;
        byte[] batch;
        do
        {
            batch = client.readArray();
            stream.writeBytes(batch);
            sincePause += batch.length;
            if (pauseNanos > 0 && sincePause >= 16 * 1024)
            {
                LockSupport.parkNanos(pauseNanos);
                sincePause = 0;
            }
        }
        while (batch.length > 0);
        return stream.toByteArray();
    }

    private DhtNode launch(final int records, final UnaryOperator<org.swarmjvm.node.NodeContext> node)
    {
        return TestNodes.launch(dataDir, new HashRange(0, -1), context ->
        {
            context.channelCapacity(records + 1000L).averageValueSize(VALUE_LENGTH);
            node.apply(context.node().socketBufferSize(NODE_SOCKET_BUFFER));
            return context;
        });
    }

    private static void fill(final DhtNode node, final String name, final int records)
    {
        final DhtChannel channel = node.storage().getOrCreateChannel(name);
        final byte[] value = new byte[VALUE_LENGTH];
        final Random random = new Random(records);
        for (int i = 0; i < records; i++)
        {
            random.nextBytes(value);
            channel.put(i, new UnsafeBuffer(value), 0, value.length);
        }
    }
}
