package org.swarmjvm.cli.rebalance;

import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Polls GetResponsibleRange on every node, over and over, on a thread of its own, and checks each snapshot of the
 * ranges: two sweeps over the nodes that read the same ranges are one snapshot, the ranges as they all were at
 * one moment between the sweeps (a single sweep could mix the moments before and after a step). A snapshot
 * must leave no hash to no node and no hash to two: the giver's handover (docs/dht.md, "Moving ranges") leaves
 * no moment two sweeps can catch with either.
 */
final class RangePoller implements AutoCloseable
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<DhtNodeLink> links = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<String> gaps = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> overlaps = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile Map<NodeAddress, HashRange> last = Map.of();
    private volatile long snapshots;

    /**
     * @param nodes to poll; {@link #start} starts the polling.
     */
    RangePoller(final List<NodeAddress> nodes)
    {
        nodes.forEach(node -> links.add(new DhtNodeLink(node, TIMEOUT, TIMEOUT)));
        thread = new Thread(this::run, "range-poller");
    }

    /**
     * @param nodes to poll, every node the test starts.
     * @return the running poller.
     */
    static RangePoller start(final List<NodeAddress> nodes)
    {
        final RangePoller poller = new RangePoller(nodes);
        poller.thread.start();
        return poller;
    }

    private void run()
    {
        try
        {
            Map<NodeAddress, HashRange> previous = sweep();
            while (running.get())
            {
                final Map<NodeAddress, HashRange> next = sweep();
                if (next.equals(previous))
                {
                    check(next);
                    last = next;
                    snapshots++;
                }
                previous = next;
            }
        }
        catch (final IOException ex)
        {
            gaps.add("the poller could not read the ranges: " + ex);
        }
    }

    private Map<NodeAddress, HashRange> sweep() throws IOException
    {
        final Map<NodeAddress, HashRange> ranges = new LinkedHashMap<>();
        for (final DhtNodeLink link : links)
        {
            ranges.put(link.node(), link.range());
        }
        return ranges;
    }

    /**
     * Records the gaps and overlaps of a snapshot.
     *
     * @param snapshot every node's range.
     * @return whether the ranges cover every hash exactly once.
     */
    boolean check(final Map<NodeAddress, HashRange> snapshot)
    {
        final int faults = gaps.size() + overlaps.size();
        final List<Map.Entry<NodeAddress, HashRange>> owning = new ArrayList<>(snapshot.entrySet().stream()
            .filter(entry -> !entry.getValue().isEmpty()).toList());
        owning.sort(Comparator.comparing(entry -> entry.getValue().min(), Long::compareUnsigned));
        long next = 0;
        boolean toTheEnd = false;
        for (final Map.Entry<NodeAddress, HashRange> entry : owning)
        {
            final HashRange range = entry.getValue();
            if (!toTheEnd && Long.compareUnsigned(range.min(), next) > 0)
            {
                gaps.add("0x" + HexKey.toString(next) + "..0x" + HexKey.toString(range.min() - 1) + " in " + snapshot);
            }
            if (toTheEnd || Long.compareUnsigned(range.min(), next) < 0)
            {
                overlap(snapshot, range.min());
            }
            toTheEnd = toTheEnd || -1L == range.max();
            if (!toTheEnd && Long.compareUnsigned(range.max() + 1, next) > 0)
            {
                next = range.max() + 1;
            }
        }
        if (!toTheEnd)
        {
            gaps.add("0x" + HexKey.toString(next) + "..0xffffffffffffffff in " + snapshot);
        }
        return faults == gaps.size() + overlaps.size();
    }

    private void overlap(final Map<NodeAddress, HashRange> snapshot, final long hash)
    {
        final List<NodeAddress> claiming = snapshot.entrySet().stream()
            .filter(entry -> entry.getValue().containsHash(hash)).map(Map.Entry::getKey).toList();
        overlaps.add(claiming + " from 0x" + HexKey.toString(hash) + " in " + snapshot);
    }

    /**
     * Stops polling and checks the last snapshot.
     *
     * @throws InterruptedException when interrupted while the poller ends.
     */
    void stop() throws InterruptedException
    {
        running.set(false);
        thread.join();
        final Map<NodeAddress, HashRange> end = sweep(last);
        check(end);
    }

    private Map<NodeAddress, HashRange> sweep(final Map<NodeAddress, HashRange> fallback)
    {
        try
        {
            final Map<NodeAddress, HashRange> ranges = sweep();
            last = ranges;
            return ranges;
        }
        catch (final IOException ex)
        {
            gaps.add("the poller could not read the last ranges: " + ex);
            return fallback;
        }
    }

    /**
     * @return the gaps seen (at most ten).
     */
    List<String> gaps()
    {
        return gaps.stream().limit(10).toList();
    }

    /**
     * @return the overlaps seen: hashes two nodes claimed in one snapshot (at most ten).
     */
    List<String> overlaps()
    {
        return overlaps.stream().limit(10).toList();
    }

    /**
     * @return snapshots checked.
     */
    long snapshots()
    {
        return snapshots;
    }

    /**
     * @return the ranges read last.
     */
    Map<NodeAddress, HashRange> lastSnapshot()
    {
        return last;
    }

    /**
     * @return one line of figures.
     */
    String figures()
    {
        return String.format("poller: %,d snapshots, %d gaps, %d overlaps", snapshots, gaps.size(),
            overlaps.size());
    }

    @Override
    public void close() throws InterruptedException
    {
        if (running.get())
        {
            stop();
        }
        links.forEach(DhtNodeLink::close);
    }
}
