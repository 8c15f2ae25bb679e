package org.swarmjvm.cli.rebalance;

import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.DhtRecord;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.client.NodesFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18's Done-when test: three DHT nodes holding {@value #CI_RECORDS} records (or {@code -Dswarm.elastic.records},
 * one million for {@code scripts/elastic-test --full}) under a mixed Put/Get load from {@link DhtClient} threads;
 * a fourth node is added with the rebalance tool, then one of the original three removed. Afterwards every acked
 * record is read from the node owning it now, no client request failed after its retries, and a poller of every
 * node's GetResponsibleRange never saw a hash owned by no node, nor one claimed by two (docs/dht.md, "Moving
 * ranges"). The figures go to the test's output.
 */
class DhtElasticTest
{
    private static final int CI_RECORDS = 50_000;
    private static final int RECORDS = Integer.getInteger("swarm.elastic.records", CI_RECORDS);
    private static final String CHANNEL = "elastic";
    private static final int LOAD_THREADS = 2;
    private static final int STEPS_PER_MOVE = 10;
    private static final int PRELOAD_BATCH = 10_000;
    private static final List<HashRange> THIRDS = DhtTestNodes.equalRanges(3);

    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void shouldKeepEveryAckedRecordAndServeEveryRequestWhileANodeIsAddedAndOneRemoved() throws Exception
    {
        final long seed = new SplittableRandom().nextLong();
        final List<DhtNode> nodes = new ArrayList<>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                nodes.add(launch(i < THIRDS.size() ? THIRDS.get(i) : HashRange.EMPTY, i));
            }
            final List<NodeAddress> addresses = nodes.stream().map(DhtElasticTest::address).toList();
            final List<NodeAddress> original = addresses.subList(0, 3);
            final NodeAddress added = addresses.get(3);
            final NodeAddress removed = addresses.get(1);
            final Path nodesFile = writeNodesFile(original);

            final Map<String, String> figures = new HashMap<>();
            try (RangePoller poller = RangePoller.start(addresses);
                DhtClient client = DhtClient.connect(original, new DhtClientContext().nodeSource(() ->
                    readNodesFile(nodesFile))))
            {
                preload(client);
                try (Load load = Load.start(client, seed))
                {
                    load.awaitRequests(1_000);
                    // The operator names the new node in the clients' nodes file first, then moves ranges.
                    writeNodesFile(addresses);
                    move(original, ClusterChange.adding(added), figures);
                    move(addresses, ClusterChange.removing(removed), figures);
                    writeNodesFile(List.of(addresses.get(0), addresses.get(2), added));
                    load.awaitRequests(1_000);
                    load.stop();
                    figures.put("load", load.figures());
                    assertEquals(List.of(), load.failures(), "client requests that failed (seed " + seed + ")");

                    poller.stop();
                    figures.put("poller", poller.figures());
                    assertEquals(List.of(), poller.gaps(), "hashes no node owned");
                    assertEquals(List.of(), poller.overlaps(), "hashes two nodes claimed");
                    assertTrue(poller.snapshots() > 0, "the poller saw the ranges");

                    final Map<NodeAddress, HashRange> ranges = poller.lastSnapshot();
                    assertEquals(HashRange.EMPTY, ranges.get(removed), "the removed node owns nothing");
                    assertEquals(0, nodes.get(1).storage().records(), "the removed node holds nothing");
                    final long checked = checkEveryAckedRecordOnItsOwner(ranges, load.acked());
                    figures.put("checked", checked + " acked records read from their owners");
                }
            }
            System.out.println("elastic: " + RECORDS + " records, " + LOAD_THREADS + " client threads; " +
                String.join("; ", List.of(figures.get("add"), figures.get("remove"), figures.get("load"),
                figures.get("poller"), figures.get("checked"))));
        }
        finally
        {
            nodes.forEach(DhtNode::close);
        }
    }

    private DhtNode launch(final HashRange range, final int index)
    {
        final DhtNodeContext context = new DhtNodeContext()
            .range(range)
            .dataDir(tempDir.resolve("node" + index))
            .channelCapacity(RECORDS + RECORDS / 2)
            .averageValueSize(32);
        context.node().name("dht-node-" + index).address("127.0.0.1").port(0).metricsPort(-1);
        return DhtNode.launch(context);
    }

    private Path writeNodesFile(final List<NodeAddress> nodes) throws IOException
    {
        final StringBuilder text = new StringBuilder("# the clients' nodes file\n");
        nodes.forEach(node -> text.append(node).append('\n'));
        final Path file = tempDir.resolve("dht.nodes");
        final Path written = tempDir.resolve("dht.nodes.new");
        Files.writeString(written, text);
        return Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<NodeAddress> readNodesFile(final Path file)
    {
        try
        {
            return NodesFile.parse(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void move(final List<NodeAddress> nodes, final ClusterChange change,
        final Map<String, String> figures)
    {
        final long start = System.nanoTime();
        final Rebalance.Outcome outcome = Rebalance.apply(nodes, change,
            Rebalance.Settings.DEFAULT.withStepRecords(Math.max(1, RECORDS / STEPS_PER_MOVE)),
            Rebalance.Listener.NONE);
        final double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(outcome.steps() > 1, "the move went in steps: " + outcome.steps());
        final String name = change.remove().isEmpty() ? "add" : "remove";
        figures.put(name, String.format("%s: %,d records (%.1f MB) moved in %d steps, %.1f s, %.1f MB/s", name,
            outcome.movedRecords(), outcome.movedBytes() / 1e6, outcome.steps(), seconds,
            outcome.movedBytes() / 1e6 / seconds));
    }

    private static void preload(final DhtClient client)
    {
        final Map<NodeAddress, List<DhtRecord>> perNode = new HashMap<>();
        for (int i = 0; i < RECORDS; i++)
        {
            final long key = key(i);
            final List<DhtRecord> batch = perNode.computeIfAbsent(client.nodeFor(key), node -> new ArrayList<>());
            batch.add(new DhtRecord(key, value(key)));
            if (batch.size() == PRELOAD_BATCH)
            {
                client.putBatch(client.nodeFor(key), CHANNEL, batch);
                batch.clear();
            }
        }
        perNode.forEach((node, batch) -> client.putBatch(node, CHANNEL, batch));
    }

    private static long checkEveryAckedRecordOnItsOwner(
        final Map<NodeAddress, HashRange> ranges, final LongArrayList writtenKeys)
    {
        final Map<NodeAddress, DhtClient> owners = new HashMap<>();
        final List<String> wrong = new ArrayList<>();
        long checked = 0;
        try
        {
            for (final Map.Entry<NodeAddress, HashRange> owner : ranges.entrySet())
            {
                if (!owner.getValue().isEmpty())
                {
                    // One node alone, as the legacy client sees it: no move followed, no other node asked.
                    owners.put(owner.getKey(), DhtClient.connect(List.of(owner.getKey()),
                        new DhtClientContext().allowRangeGaps(true).followMoves(false)));
                }
            }
            final LongArrayList keys = new LongArrayList();
            for (int i = 0; i < RECORDS; i++)
            {
                keys.addLong(key(i));
            }
            keys.addAll(writtenKeys);
            for (int i = 0; i < keys.size(); i++)
            {
                final long key = keys.getLong(i);
                final NodeAddress owner = ranges.entrySet().stream()
                    .filter(entry -> entry.getValue().containsKey(key)).findFirst().orElseThrow().getKey();
                if (!Arrays.equals(value(key), owners.get(owner).get(CHANNEL, key)) && wrong.size() < 10)
                {
                    wrong.add("0x" + Long.toHexString(key) + " on " + owner);
                }
                checked++;
            }
        }
        finally
        {
            owners.values().forEach(DhtClient::close);
        }
        assertEquals(List.of(), wrong, "acked records missing from their owner (first 10)");
        return checked;
    }

    private static NodeAddress address(final DhtNode node)
    {
        return new NodeAddress("127.0.0.1", node.port());
    }

    /**
     * @param index of a record.
     * @return its key, spread over the hash range (splitmix64's finaliser: a bijection, so no two indexes collide).
     */
    static long key(final long index)
    {
        long z = index * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * @param key of a record.
     * @return its value: the key in hex and 0 to 31 dots, so that a record read back is checked without a copy.
     */
    static byte[] value(final long key)
    {
        return (Long.toHexString(key) + ".".repeat((int)(key & 31))).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Client threads alternating a Put of a new record with a Get of a record acked before (preloaded or written by
     * the same thread); any exception or wrong answer is a failure.
     */
    private static final class Load implements AutoCloseable
    {
        private final DhtClient client;
        private final long seed;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong puts = new AtomicLong();
        private final AtomicLong gets = new AtomicLong();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();
        private final LongArrayList[] written = new LongArrayList[LOAD_THREADS];

        private Load(final DhtClient client, final long seed)
        {
            this.client = client;
            this.seed = seed;
        }

        static Load start(final DhtClient client, final long seed)
        {
            final Load load = new Load(client, seed);
            for (int t = 0; t < LOAD_THREADS; t++)
            {
                final int thread = t;
                load.written[t] = new LongArrayList();
                load.threads.add(new Thread(() -> load.run(thread), "elastic-load-" + t));
            }
            load.threads.forEach(Thread::start);
            return load;
        }

        private void run(final int thread)
        {
            final SplittableRandom random = new SplittableRandom(seed + thread);
            final LongArrayList mine = written[thread];
            for (long n = 0; running.get(); n++)
            {
                final long index = RECORDS + thread + (long)LOAD_THREADS * n;
                final long putKey = key(index);
                try
                {
                    client.put(CHANNEL, putKey, value(putKey));
                    synchronized (mine)
                    {
                        mine.addLong(putKey);
                    }
                    puts.incrementAndGet();
                    final long getKey = random.nextBoolean() ? key(random.nextInt(RECORDS)) :
                        mine.getLong(random.nextInt(mine.size()));
                    final byte[] got = client.get(CHANNEL, getKey);
                    gets.incrementAndGet();
                    if (!Arrays.equals(value(getKey), got))
                    {
                        failures.add("Get 0x" + Long.toHexString(getKey) + " answered " + got.length + " bytes");
                    }
                }
                catch (final RuntimeException ex)
                {
                    failures.add(ex.toString());
                }
            }
        }

        void awaitRequests(final long more)
        {
            final long target = puts.get() + more;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (puts.get() < target && failures.isEmpty())
            {
                assertTrue(System.nanoTime() < deadline, "the load made no progress: " + figures());
                Thread.onSpinWait();
            }
        }

        void stop() throws InterruptedException
        {
            running.set(false);
            for (final Thread thread : threads)
            {
                thread.join();
            }
        }

        List<String> failures()
        {
            return failures.stream().limit(10).toList();
        }

        LongArrayList acked()
        {
            final LongArrayList all = new LongArrayList();
            for (final LongArrayList mine : written)
            {
                synchronized (mine)
                {
                    all.addAll(mine);
                }
            }
            return all;
        }

        String figures()
        {
            return String.format("load: %,d Puts and %,d Gets, %d failed", puts.get(), gets.get(), failures.size());
        }

        @Override
        public void close() throws InterruptedException
        {
            stop();
        }
    }
}
