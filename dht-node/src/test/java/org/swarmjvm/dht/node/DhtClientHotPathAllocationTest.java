package org.swarmjvm.dht.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that follows moves (the default) and sees none allocates no more per Put and Exists on its own thread
 * than one sending exactly the legacy client's requests: the routing over the registry and the retry path around
 * each request add nothing. Measured with the JVM's per-thread allocation counter after warm-up, as the least of
 * several windows (the JIT's escape analysis comes late on a busy machine), not with timings. The legacy path's
 * figure is the least of all its windows; the following client's windows stop at the first within the slack of
 * it, which is the verdict all of them would give.
 */
class DhtClientHotPathAllocationTest
{
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int ROUNDS_PER_WINDOW = 10_000;
    private static final int WINDOWS = 6;
    /** Slack for the JVM's own work on the thread, per round. */
    private static final long SLACK_BYTES_PER_ROUND = 8;

    @TempDir
    Path dataDir;

    @Test
    void shouldAllocateNoMorePerRequestThanTheLegacyPath()
    {
        try (DhtNode node = TestNodes.launch(dataDir, HashRange.FULL, UnaryOperator.identity()))
        {
            final long legacy = bytesPerRound(node, false, 0);
            final long following = bytesPerRound(node, true, legacy + SLACK_BYTES_PER_ROUND);
            assertTrue(following <= legacy + SLACK_BYTES_PER_ROUND,
                "bytes per Put and Exists: " + following + " following moves, " + legacy + " without");
        }
    }

    /**
     * @param enough a figure that ends the measurement when a window reaches it, 0 for none.
     * @return the least bytes per round over the windows measured.
     */
    private static long bytesPerRound(final DhtNode node, final boolean followMoves, final long enough)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (DhtClient client = DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port())),
            new DhtClientContext().connectionsPerNode(1).followMoves(followMoves)))
        {
            final UnsafeBuffer value = new UnsafeBuffer(new byte[100]);
            for (int i = 0; i < WARM_UP_ROUNDS; i++)
            {
                round(client, value, i);
            }
            long least = Long.MAX_VALUE;
            for (int window = 0; window < WINDOWS && least > enough; window++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < ROUNDS_PER_WINDOW; i++)
                {
                    round(client, value, i);
                }
                least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / ROUNDS_PER_WINDOW);
            }
            return least;
        }
    }

    private static void round(final DhtClient client, final UnsafeBuffer value, final int i)
    {
        client.put("hot", i % 1000, value, 0, value.capacity());
        assertTrue(client.exists("hot", i % 1000));
    }
}
