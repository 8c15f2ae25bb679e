package org.swarmjvm.cli.rebalance;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Moves hash ranges between DHT nodes through their Redistribute requests: the engine of
 * {@code swarm dht rebalance}, callable in-JVM.
 * <pre>{@code
 * List<NodeAddress> nodes = NodesFile.parse(Path.of("dht.nodes"));
 * ClusterChange change = ClusterChange.adding(new NodeAddress("127.0.0.1", 10003));
 * RangePlan plan = Rebalance.plan(nodes, change, Rebalance.Settings.DEFAULT);   // asks the nodes, changes nothing
 * Rebalance.Outcome done = Rebalance.apply(nodes, change, Rebalance.Settings.DEFAULT, Rebalance.Listener.NONE);
 * done.plan().target();   // every node's range now: write it as the clients' nodes file
 * }</pre>
 * {@link #apply} works in steps. Each step moves one sub-range of about {@link Settings#stepRecords()} records
 * from a node to its neighbour on the hash line: one Redistribute to the giver, naming the receiver with its grown
 * range; the giver hands the sub-range over (the receiver takes it, then the giver shrinks, with its answers to
 * GetResponsibleRange held in between: docs/dht.md, "Moving ranges"), moves the records and answers once they are
 * moved. No two sweeps of GetResponsibleRange over the nodes that read the same ranges show the sub-range
 * announced by both nodes or by none. With {@link Settings#receiverFirst()}, for givers that do no handover
 * (original nodes), the receiver is sent its grown range first (Redistribute with no target), then the giver:
 * between the two answers both nodes announce the sub-range, never none. After every step the nodes are asked
 * again and the next step is computed from what they report, so an interruption at any point (the process
 * killed, a node down, a thread interrupt; a giver goes on with its handover and move without the tool) leaves a
 * cluster that serves, and calling {@link #apply} again with the same arguments finishes the job. At the end every
 * node sweeps: it keeps its range and sends any record outside it to its owner (none, unless a failed move left
 * some behind); then the ranges are checked against the plan.
 * <p>
 * Steps are paced to {@link Settings#maxRate()}. A Redistribute the node refuses (500: busy with an earlier one,
 * or a record it could not move) is sent again every 2 s, up to {@value #ORDER_ATTEMPTS} times. Blocking; one
 * rebalance per cluster at a time.
 */
public final class Rebalance
{
    /** Records a step moves at most when neither the settings nor a rate say otherwise. */
    public static final long DEFAULT_STEP_RECORDS = 100_000;

    /** Times a refused Redistribute is sent before the rebalance gives up. */
    static final int ORDER_ATTEMPTS = 30;

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long MIN_STEP_RECORDS = 1_000;

    /**
     * How to talk to the nodes and how fast to move.
     *
     * @param timeout     connect timeout, and answer timeout of the short requests.
     * @param moveTimeout how long one Redistribute may take to answer.
     * @param maxRate     the throttle.
     * @param stepRecords records a step moves at most; 0 for one second's worth at the rate, or
     *                    {@value #DEFAULT_STEP_RECORDS} without one.
     * @param receiverFirst true to send each step's receiver its grown range before the giver is sent its
     *                    shrunk one, for givers that do no handover (original nodes); false to send the giver only.
     */
    public record Settings(Duration timeout, Duration moveTimeout, MoveRate maxRate, long stepRecords,
        boolean receiverFirst)
    {
        /** 30 s timeouts, 30 min per Redistribute, no throttle, steps of the default size, the giver only. */
        public static final Settings DEFAULT =
            new Settings(Duration.ofSeconds(30), Duration.ofMinutes(30), MoveRate.UNLIMITED, 0, false);

        /**
         * @param rate the throttle.
         * @return these settings with that throttle.
         */
        public Settings withMaxRate(final MoveRate rate)
        {
            return new Settings(timeout, moveTimeout, rate, stepRecords, receiverFirst);
        }

        /**
         * @param records a step moves at most.
         * @return these settings with that step size.
         */
        public Settings withStepRecords(final long records)
        {
            return new Settings(timeout, moveTimeout, maxRate, records, receiverFirst);
        }

        /**
         * @param first true for the receiver's order before the giver's.
         * @return these settings with that order.
         */
        public Settings withReceiverFirst(final boolean first)
        {
            return new Settings(timeout, moveTimeout, maxRate, stepRecords, first);
        }
    }

    /**
     * What a step did, measured: the giver's records and bytes before less after.
     *
     * @param number           of the step, from 1.
     * @param giver            the node that gave the records.
     * @param records          moved (less what clients wrote to the giver meanwhile).
     * @param bytes            moved.
     * @param estimatedRecords as planned.
     */
    public record StepReport(int number, NodeAddress giver, long records, long bytes, long estimatedRecords)
    {
    }

    /**
     * Called as the rebalance goes, on its thread; an exception thrown here stops the rebalance where it is.
     */
    public interface Listener
    {
        /** Hears nothing. */
        Listener NONE = new Listener()
        {
        };

        /**
         * A node answered a Redistribute with 200: it announces {@code newRange} now.
         *
         * @param node     that answered.
         * @param newRange its range.
         */
        default void onRangeChanged(final NodeAddress node, final HashRange newRange)
        {
        }

        /**
         * A step is done.
         *
         * @param step what it moved.
         */
        default void onStep(final StepReport step)
        {
        }
    }

    /**
     * What a rebalance did.
     *
     * @param plan          as computed from the nodes at the start (its target is every node's range now).
     * @param before        every node as it reported at the start.
     * @param after         every node as it reported at the end.
     * @param steps         done.
     * @param movedRecords  measured over the steps.
     * @param movedBytes    measured over the steps.
     * @param sweptRecords  records the final sweep moved (left behind by an earlier failed move).
     */
    public record Outcome(RangePlan plan, List<NodeState> before, List<NodeState> after, int steps,
        long movedRecords, long movedBytes, long sweptRecords)
    {
        /**
         * @return the records of every node at the start.
         */
        public long recordsBefore()
        {
            return before.stream().mapToLong(NodeState::records).sum();
        }

        /**
         * @return the records of every node at the end.
         */
        public long recordsAfter()
        {
            return after.stream().mapToLong(NodeState::records).sum();
        }
    }

    private Rebalance()
    {
    }

    /**
     * Asks every node concerned for its range and size and computes the plan; changes nothing.
     *
     * @param nodes    of the nodes file.
     * @param change   wanted.
     * @param settings timeouts.
     * @return the plan.
     * @throws IllegalArgumentException when the change does not fit the nodes (a node unknown or listed twice).
     * @throws RebalanceException       when a node is unreachable or the ranges are not a set to start from.
     */
    public static RangePlan plan(final List<NodeAddress> nodes, final ClusterChange change, final Settings settings)
    {
        final List<NodeAddress> concerned = change.concerned(nodes);
        final Map<NodeAddress, DhtNodeLink> links = links(concerned, settings);
        try
        {
            final List<NodeState> states = read(links);
            return RangeLayout.of(states, change).plan(states);
        }
        finally
        {
            links.values().forEach(DhtNodeLink::close);
        }
    }

    /**
     * Carries the change out, or finishes one an earlier call left undone.
     *
     * @param nodes    of the nodes file (the same as the earlier call's when finishing one).
     * @param change   wanted.
     * @param settings timeouts, throttle, step size.
     * @param listener hears each range change and step.
     * @return what was done.
     * @throws IllegalArgumentException when the change does not fit the nodes.
     * @throws RebalanceException       when a node is unreachable, refuses, or the end check fails; what was done
     *                                  stays done and a new call goes on from there.
     */
    public static Outcome apply(final List<NodeAddress> nodes, final ClusterChange change, final Settings settings,
        final Listener listener)
    {
        final List<NodeAddress> concerned = change.concerned(nodes);
        final Map<NodeAddress, DhtNodeLink> links = links(concerned, settings);
        try
        {
            List<NodeState> states = read(links);
            RangeLayout layout = RangeLayout.of(states, change);
            final RangePlan plan = layout.plan(states);
            final List<NodeState> before = states;
            final long stepRecords = stepRecords(settings, plan);
            final long start = System.nanoTime();
            long movedRecords = 0;
            long movedBytes = 0;
            int steps = 0;
            for (Optional<RangeLayout.Step> next = layout.nextStep(stepRecords); next.isPresent();
                next = layout.nextStep(stepRecords))
            {
                if (Thread.interrupted())
                {
                    throw new RebalanceException(RebalanceException.Kind.REFUSED,
                        "interrupted after " + steps + " steps; run the same command again to finish", null);
                }
                final RangeLayout.Step step = next.get();
                for (final RangeLayout.Order order : step.orders(settings.receiverFirst()))
                {
                    send(links.get(order.node()), order, listener);
                }
                if (null != step.giver())
                {
                    final NodeState giverBefore = find(states, step.giver());
                    final long[] giverAfter = size(links.get(step.giver()));
                    final long records = Math.max(0, giverBefore.records() - giverAfter[0]);
                    final long bytes = Math.max(0, giverBefore.bytes() - giverAfter[1]);
                    movedRecords += records;
                    movedBytes += bytes;
                    steps++;
                    listener.onStep(new StepReport(steps, step.giver(), records, bytes, step.records()));
                    pace(settings.maxRate(), start, movedRecords, movedBytes);
                }
                states = read(links);
                layout = RangeLayout.of(states, change);
            }
            long swept = 0;
            for (final RangeLayout.Order order : layout.sweep())
            {
                final long held = find(states, order.node()).records();
                send(links.get(order.node()), order, listener);
                swept += Math.max(0, held - size(links.get(order.node()))[0]);
            }
            final List<NodeState> after = read(links);
            verify(after, layout.targets());
            return new Outcome(plan, before, after, steps, movedRecords, movedBytes, swept);
        }
        finally
        {
            links.values().forEach(DhtNodeLink::close);
        }
    }

    private static long stepRecords(final Settings settings, final RangePlan plan)
    {
        return stepRecords(settings, plan.totalRecords(), plan.current().stream().mapToLong(NodeState::bytes).sum());
    }

    /**
     * @return the records a step moves at most: as set, else one second's worth at the rate (within bounds), else
     * {@value #DEFAULT_STEP_RECORDS}.
     */
    static long stepRecords(final Settings settings, final long records, final long bytes)
    {
        if (settings.stepRecords() > 0)
        {
            return settings.stepRecords();
        }
        if (settings.maxRate().isUnlimited())
        {
            return DEFAULT_STEP_RECORDS;
        }
        final long perSecond = settings.maxRate().recordsPerSecond(0 == records ? 1 : bytes / records);
        return Math.max(MIN_STEP_RECORDS, Math.min(DEFAULT_STEP_RECORDS, perSecond));
    }

    private static void send(final DhtNodeLink link, final RangeLayout.Order order, final Listener listener)
    {
        sendUntilAccepted("Redistribute", link.node(), ORDER_ATTEMPTS,
            () -> link.redistribute(order.newRange(), order.targets()));
        listener.onRangeChanged(link.node(), order.newRange());
    }

    /**
     * One request whose status says whether the node took it.
     */
    @FunctionalInterface
    interface NodeRequest
    {
        /**
         * @return the node's status.
         * @throws IOException when the node cannot be reached or the connection breaks.
         */
        SwarmStatus send() throws IOException;
    }

    /**
     * Sends a request until the node answers 200: a refusal (busy with an earlier move, or a target that did not
     * take the records) is sent again every 2 s, up to {@code attempts} times in all; a broken connection ends
     * the rebalance at once, since the node may still be moving.
     */
    static void sendUntilAccepted(final String name, final NodeAddress node, final int attempts,
        final NodeRequest request)
    {
        for (int attempt = 1; ; attempt++)
        {
            final SwarmStatus status;
            try
            {
                status = request.send();
            }
            catch (final IOException ex)
            {
                throw new RebalanceException(RebalanceException.Kind.UNREACHABLE, name + " to " + node +
                    " failed: " + ex.getMessage() + "; the node goes on with its move: run the same command " +
                    "again to finish", ex);
            }
            if (SwarmStatus.OK == status)
            {
                return;
            }
            if (attempt >= attempts)
            {
                throw new RebalanceException(RebalanceException.Kind.REFUSED, name + " to " + node + " answered " +
                    status + " " + attempt + " times (busy with another move, or a target did not take the " +
                    "records: see the node's log); run the same command again to finish", null);
            }
            LockSupport.parkNanos(RETRY_NANOS);
        }
    }

    static void pace(final MoveRate rate, final long start, final long records, final long bytes)
    {
        // The throttle: a step that finished early waits until the rate allows what was moved so far.
        final long due = start + (long)(rate.seconds(records, bytes) * 1e9);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime())
        {
            LockSupport.parkNanos(wait);
        }
    }

    private static void verify(final List<NodeState> after, final Map<NodeAddress, HashRange>
        targets)
    {
        for (final NodeState node : after)
        {
            if (!node.range().equals(targets.get(node.node())))
            {
                throw new RebalanceException(RebalanceException.Kind.VERIFY, "node " + node.node() + " reports " +
                    node.range() + " at the end, not " + targets.get(node.node()) + " as planned", null);
            }
        }
    }

    private static Map<NodeAddress, DhtNodeLink> links(final List<NodeAddress> nodes, final Settings settings)
    {
        final Map<NodeAddress, DhtNodeLink> links = new LinkedHashMap<>();
        for (final NodeAddress node : nodes)
        {
            links.put(node, new DhtNodeLink(node, settings.timeout(), settings.moveTimeout()));
        }
        return links;
    }

    private static List<NodeState> read(final Map<NodeAddress, DhtNodeLink> links)
    {
        final List<NodeState> states = new ArrayList<>();
        for (final DhtNodeLink link : links.values())
        {
            try
            {
                final HashRange range = link.range();
                final long[] size = link.size();
                states.add(new NodeState(link.node(), range, size[0], size[1]));
            }
            catch (final IOException ex)
            {
                throw unreachable(link, ex);
            }
        }
        return states;
    }

    private static long[] size(final DhtNodeLink link)
    {
        try
        {
            return link.size();
        }
        catch (final IOException ex)
        {
            throw unreachable(link, ex);
        }
    }

    private static RebalanceException unreachable(final DhtNodeLink link, final IOException ex)
    {
        return new RebalanceException(RebalanceException.Kind.UNREACHABLE,
            "node " + link.node() + " cannot be asked: " + ex.getMessage(), ex);
    }

    private static NodeState find(final List<NodeState> states, final NodeAddress node)
    {
        return states.stream().filter(state -> state.node().equals(node)).findFirst().orElseThrow();
    }
}
