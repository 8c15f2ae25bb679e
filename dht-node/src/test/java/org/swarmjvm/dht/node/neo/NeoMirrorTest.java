package org.swarmjvm.dht.node.neo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.dht.DhtNeoClient;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mirror subscribers starting, suspending and stopping while channels are filled: each sees every update made
 * while it ran, or an "updates lost" signal; never a silent gap.
 */
class NeoMirrorTest
{
    private static final int QUEUE_CAPACITY = 64;

    @TempDir
    Path dir;

    private DhtNode node;
    private DhtNeoClient writer;
    private DhtNeoClient reader;

    @BeforeEach
    void start() throws IOException
    {
        node = NeoTestSupport.launch(dir, HashRange.FULL, context -> context.mirrorQueueCapacity(QUEUE_CAPACITY));
        writer = new DhtNeoClient(NeoClient.connect("127.0.0.1", node.neoPort(), "admin", NeoRawConnection.ZERO_KEY));
        reader = new DhtNeoClient(NeoClient.connect("127.0.0.1", node.neoPort(), "test", NeoRawConnection.ZERO_KEY));
    }

    @AfterEach
    void stop()
    {
        reader.close();
        writer.close();
        node.close();
    }

    /**
     * Records what one Mirror saw.
     */
    private static final class Seen implements DhtNeoClient.MirrorListener
    {
        final ConcurrentHashMap<Long, String> records = new ConcurrentHashMap<>();
        final AtomicInteger lost = new AtomicInteger();
        final AtomicInteger deleted = new AtomicInteger();
        final CompletableFuture<Void> removed = new CompletableFuture<>();

        @Override
        public void onRecord(final long key, final byte[] value)
        {
            records.put(key, new String(value, StandardCharsets.US_ASCII));
        }

        @Override
        public void onDeleted(final long key)
        {
            deleted.incrementAndGet();
            records.remove(key);
        }

        @Override
        public void onUpdatesLost()
        {
            lost.incrementAndGet();
        }

        @Override
        public void onChannelRemoved()
        {
            removed.complete(null);
        }
    }

    private static byte[] value(final long key)
    {
        return ("v" + key).getBytes(StandardCharsets.US_ASCII);
    }

    private void fill(final String channel, final long from, final long to) throws Exception
    {
        final List<CompletableFuture<Integer>> puts = new ArrayList<>();
        for (long key = from; key < to; key++)
        {
            puts.add(writer.put(channel, key, value(key)));
        }
        for (final CompletableFuture<Integer> put : puts)
        {
            assertEquals(DhtNeoRequest.PUT_OK, put.get(60, TimeUnit.SECONDS));
        }
    }

    private static void await(final java.util.function.BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldSeeEveryUpdateOrAnUpdatesLostSignal() throws Exception
    {
        final List<Seen> stopped = new ArrayList<>();
        for (int round = 0; round < 6; round++)
        {
            final String channel = "mirror" + (round % 2);
            final Seen seen = new Seen();
            final DhtNeoClient.Mirror mirror = reader.mirror(channel, false, 0, seen);
            mirror.started().get(60, TimeUnit.SECONDS);
            final boolean suspend = round % 3 == 2;
            if (suspend)
            {
                mirror.suspend().get(60, TimeUnit.SECONDS);
            }
            final long from = round * 1000L;
            final long to = from + (suspend ? 5 * QUEUE_CAPACITY : 300);
            fill(channel, from, to);
            if (suspend)
            {
                mirror.resume().get(60, TimeUnit.SECONDS);
                await(() -> seen.lost.get() > 0, "updates lost signalled for round " + (round + 1));
            }
            else
            {
                await(() -> seen.records.size() == to - from || seen.lost.get() > 0,
                    "every update or a lost signal in round " + (round + 1));
            }
            mirror.stop().get(60, TimeUnit.SECONDS);
            for (long key = from; key < to; key++)
            {
                final String value = seen.records.get(key);
                if (null == value)
                {
                    assertTrue(seen.lost.get() > 0, "key " + key + " missing without an updates-lost signal");
                }
                else
                {
                    assertEquals("v" + key, value);
                }
            }
            if (suspend)
            {
                assertTrue(seen.records.size() >= QUEUE_CAPACITY, "the queue delivers what it held");
            }
            stopped.add(seen);
        }
        assertEquals(6, stopped.size());
    }

    @Test
    void shouldRefreshDeleteAndReportChannelRemoval() throws Exception
    {
        fill("refresh", 0, 100);
        final Seen seen = new Seen();
        final DhtNeoClient.Mirror mirror = reader.mirror("refresh", true, 0, seen);
        mirror.started().get(60, TimeUnit.SECONDS);
        await(() -> 100 == seen.records.size(), "the initial refresh");
        assertEquals(DhtNeoRequest.REMOVE_REMOVED, writer.remove("refresh", 5).get(60, TimeUnit.SECONDS));
        await(() -> 1 == seen.deleted.get(), "the deletion");
        assertEquals(DhtNeoRequest.REMOVE_CHANNEL_REMOVED, writer.removeChannel("refresh").get(60, TimeUnit.SECONDS));
        seen.removed.get(60, TimeUnit.SECONDS);
        assertEquals(0, seen.lost.get());
        assertEquals(List.of(), writer.getChannels().get(60, TimeUnit.SECONDS));
    }

    @Test
    void shouldRefreshPeriodically() throws Exception
    {
        fill("periodic", 0, 10);
        final Seen seen = new Seen();
        final AtomicInteger refreshed = new AtomicInteger();
        final DhtNeoClient.Mirror mirror = reader.mirror("periodic", false, 1, new DhtNeoClient.MirrorListener()
        {
            @Override
            public void onRecord(final long key, final byte[] value)
            {
                refreshed.incrementAndGet();
            }

            @Override
            public void onDeleted(final long key)
            {
                seen.onDeleted(key);
            }

            @Override
            public void onUpdatesLost()
            {
                seen.onUpdatesLost();
            }

            @Override
            public void onChannelRemoved()
            {
                seen.onChannelRemoved();
            }
        });
        mirror.started().get(60, TimeUnit.SECONDS);
        await(() -> refreshed.get() >= 20, "two periodic refreshes");
        mirror.stop().get(60, TimeUnit.SECONDS);
    }
}
