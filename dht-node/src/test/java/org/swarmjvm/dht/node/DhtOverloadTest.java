package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.node.testing.fuzz.MemoryProbe;
import org.swarmjvm.node.testing.process.IdleConnectionsProcess;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many idle connections beside active ones: the active clients' Put/Get throughput is measured without and with
 * the idle connections held (printed, not asserted: a measurement for docs/RELIABILITY.md), their data is checked,
 * and connections over {@code connection_limit} are closed at once. The idle connections are held by a process of
 * their own, so that the node alone counts against this JVM's open-files limit and the memory measured is the
 * node's. The suite holds 1,000 idle and 20 active connections; scripts/overload holds 10,000 and 200
 * ({@code -Dswarm.overload.idle}, {@code .active}).
 */
class DhtOverloadTest
{
    private static final int OPS_PER_CLIENT = 400;
    private static final int OVER_LIMIT = 20;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void shouldServeActiveClientsBesideIdleConnectionsAndRefuseThoseOverTheLimit() throws Exception
    {
        final int idle = Integer.getInteger("swarm.overload.idle", 1000);
        final int active = Integer.getInteger("swarm.overload.active", 20);
        final int ops = Integer.getInteger("swarm.overload.ops", OPS_PER_CLIENT);
        final int limit = idle + active + 1;
        IdleConnectionsProcess idleConnections = null;
        try (DhtNode node = TestNodes.launch(dataDir, new HashRange(0, -1), context ->
        {
            context.node().connectionLimit(limit).backlog(4096);
            return context;
        });
            RawConnection probe = new RawConnection(TestNodes.address(node)))
        {
            final List<DhtClient> clients = new ArrayList<>();
            for (int i = 0; i < active; i++)
            {
                clients.add(DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port())),
                    new DhtClientContext().connectionsPerNode(1).readTimeout(Duration.ofSeconds(60))));
            }
            final ExecutorService pool = Executors.newFixedThreadPool(active);
            try
            {
                // Compiles the hot paths and creates the channels, so that neither measured run pays for them.
                drive(pool, clients, ops, "warm-up");
                final double alone = drive(pool, clients, ops, "alone");
                final long memoryBefore = MemoryProbe.usedAfterGc();
                idleConnections = IdleConnectionsProcess.open(TestNodes.address(node), idle, Duration.ofMinutes(5));
                Await.until("the node holds every idle connection",
                    () -> DhtFrames.numConnections(probe) == 1L + active + idle, Duration.ofSeconds(120));
                final long perIdle = (MemoryProbe.usedAfterGc() - memoryBefore) / idle;
                final double besideIdle = drive(pool, clients, ops, "beside-idle");
                int refused = 0;
                for (int i = 0; i < OVER_LIMIT; i++)
                {
                    try (RawConnection over = new RawConnection(TestNodes.address(node)))
                    {
                        refused += over.isClosedByPeerWithNothingSent(Duration.ofSeconds(10)) ? 1 : 0;
                    }
                }
                System.out.printf("overload dht: %,d active clients, %,d Put+Get each: %,.0f requests/s alone, " +
                    "%,.0f requests/s beside %,d idle connections (%,d bytes of node memory per idle connection); " +
                    "%d of %d connections over the limit of %,d closed at once%n", active, ops, alone, besideIdle,
                    idle, perIdle, refused, OVER_LIMIT, limit);
                assertEquals(OVER_LIMIT, refused, "connections over the limit closed at once");
                assertEquals(1L + active + idle, DhtFrames.numConnections(probe), "no idle connection was dropped");
            }
            finally
            {
                pool.shutdownNow();
                clients.forEach(DhtClient::close);
            }
        }
        finally
        {
            if (null != idleConnections)
            {
                idleConnections.close();
            }
        }
    }

    /**
     * @return requests per second over all clients.
     */
    private static double drive(final ExecutorService pool, final List<DhtClient> clients, final int ops,
        final String phase) throws Exception
    {
        final List<Future<?>> running = new ArrayList<>();
        final long start = System.nanoTime();
        for (int i = 0; i < clients.size(); i++)
        {
            final DhtClient client = clients.get(i);
            final String channel = "active" + i;
            running.add(pool.submit(() ->
            {
                for (int key = 0; key < ops; key++)
                {
                    final byte[] value = (phase + ":" + channel + ":" + key).getBytes(StandardCharsets.US_ASCII);
                    client.put(channel, key, value);
                    final byte[] read = client.get(channel, key);
                    assertArrayEquals(value, read, () -> channel + " key read back: " + Arrays.toString(read));
                }
                return null;
            }));
        }
        for (final Future<?> future : running)
        {
            future.get(10, TimeUnit.MINUTES);
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds > 0);
        return 2.0 * ops * clients.size() / seconds;
    }
}
