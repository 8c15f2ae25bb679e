package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.node.testing.fuzz.MemoryProbe;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.protocol.queue.client.QueueClient;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Consume reader that stops reading: 20 MiB of Pushes to its channel must not pile up in the node's memory
 * (the request stops popping at its 64 KiB high-water mark, so the records stay in the ring and the disk overflow),
 * another client keeps being served with the right data, and once the reader reads again it gets every record,
 * in push order.
 */
class QueueStalledConsumerTest
{
    private static final int RECORDS = 20_000;
    private static final int VALUE_LENGTH = 1024;
    /** Far less than the 20 MiB the stalled reader was sent: one reply buffer, the overflow's bookkeeping. */
    private static final long MEMORY_BOUND = 16L * 1024 * 1024;
    /** Generous for a loaded build machine; a client queued behind the stalled one would wait forever. */
    private static final long SLOWEST_OTHER_REQUEST_NANOS = TimeUnit.SECONDS.toNanos(5);

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldNeitherBufferWithoutBoundNorStallOthersWhenAConsumerStopsReading()
    {
        try (QueueNode node = QueueNode.launch(QueueNodeTranscriptTest.testContext(dataDir)
            .channelSizeLimit(1024 * 1024));
            QueueClient writer = client(node);
            QueueClient other = client(node);
            RawConnection stalled = new RawConnection(address(node), 4096))
        {
            stalled.send(new Frame().i32(QueueCommand.CONSUME.code()).array("stalled"));
            assertEquals(SwarmStatus.OK.code(), stalled.readInt());
            final long before = MemoryProbe.usedAfterGc();
            long otherOps = 0;
            long slowest = 0;
            for (int i = 0; i < RECORDS; i++)
            {
                writer.push("stalled", record(i));
                if (i % 10 == 0)
                {
                    final long start = System.nanoTime();
                    final byte[] mine = ("other-" + i).getBytes(StandardCharsets.US_ASCII);
                    other.push("other", mine);
                    assertArrayEquals(mine, other.pop("other"));
                    slowest = Math.max(slowest, System.nanoTime() - start);
                    otherOps += 2;
                }
            }
            final long growth = MemoryProbe.usedAfterGc() - before;
            System.out.printf("stalled consumer: %,d Pushes of %,d bytes to its channel, node memory grew by %,d " +
                "bytes; %,d requests of another client served meanwhile, the slowest Push and Pop in %.1f ms%n",
                RECORDS, VALUE_LENGTH, growth, otherOps, slowest / 1e6);
            assertTrue(growth < MEMORY_BOUND, "memory grew by " + growth + " bytes");
            assertTrue(slowest < SLOWEST_OTHER_REQUEST_NANOS, "another client waited " + slowest / 1e6 + " ms");
            for (int i = 0; i < RECORDS; i++)
            {
                assertArrayEquals(record(i), stalled.readArray(), "record " + i + " once the consumer reads again");
            }
        }
    }

    private static byte[] record(final int i)
    {
        final byte[] value = new byte[VALUE_LENGTH];
        Arrays.fill(value, (byte)('a' + i % 26));
        final byte[] number = String.format("%08d", i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(number, 0, value, 0, number.length);
        return value;
    }

    private static InetSocketAddress address(final QueueNode node)
    {
        return new InetSocketAddress("127.0.0.1", node.port());
    }

    private static QueueClient client(final QueueNode node)
    {
        return new QueueClient(List.of(address(node)));
    }
}
