package org.swarmjvm.cli.rebalance;

import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes in hash order with their current and target ranges, and the next step that brings them closer.
 * <p>
 * Positions are hashes as unsigned numbers, ranges half-open {@code [start, end)} up to 2^64, so an empty range is
 * simply {@code start == end}. The order of the nodes along the hash line never changes: a new node is slotted in
 * with an empty range where it moves the fewest records, a removed node ends with an empty range, and each
 * boundary between neighbours moves from where it is to where the target puts it. Every boundary move hands the
 * hashes between its old and new place from one neighbour to the other, so every node's range stays contiguous.
 * The target gives each wanted node a share of the hash range in proportion to its weight (the last boundary at
 * 2^64, the others rounded down), or, for a change that only replaces nodes, the replaced node's range as it is.
 * <p>
 * A layout is built from what the nodes report, each time anew: a rebalance that was interrupted is finished by
 * building the layout again. The one irregular state a step leaves when interrupted is two neighbours sharing the
 * hashes between them (the receiver grown, the giver not yet shrunk); {@link #nextStep} resolves it first, by the
 * target's boundary.
 */
final class RangeLayout
{
    static final BigInteger SPACE = BigInteger.ONE.shiftLeft(64);

    private static final BigInteger MASK = SPACE.subtract(BigInteger.ONE);

    private final List<Slot> slots = new ArrayList<>();
    private final Map<NodeAddress, HashRange> drained = new LinkedHashMap<>();
    private final ClusterChange change;

    /**
     * One request of a step: Redistribute to {@code node}.
     *
     * @param node     to send it to.
     * @param newRange its new range.
     * @param targets  the nodes it moves records to, with their ranges.
     */
    record Order(NodeAddress node, HashRange newRange, List<Target> targets)
    {
    }

    /**
     * One step: its requests, to send in order, and the estimated records and bytes it moves.
     *
     * @param giver   the node that gives records ({@code null} for a step that only resolves an overlap).
     * @param orders  in order: the receiver grows before the giver shrinks.
     * @param records estimated.
     * @param bytes   estimated.
     */
    record Step(NodeAddress giver, List<Order> orders, long records, long bytes)
    {
        /**
         * @param receiverFirst true to send the receiver its grown range before the giver its shrunk one.
         * @return the orders to send; without the receiver's, the giver hands the sub-range over itself.
         */
        List<Order> orders(final boolean receiverFirst)
        {
            return receiverFirst || null == giver ? orders :
                orders.stream().filter(order -> order.node().equals(giver)).toList();
        }
    }

    private static final class Slot
    {
        final NodeState state;
        final boolean wanted;
        final int weight;
        BigInteger start;
        BigInteger end;
        BigInteger normalStart;
        BigInteger normalEnd;
        BigInteger targetStart;
        BigInteger targetEnd;

        Slot(final NodeState state, final boolean wanted, final int weight)
        {
            this.state = state;
            this.wanted = wanted;
            this.weight = wanted ? weight : 0;
            this.start = start(state.range());
            this.end = end(state.range());
        }

        BigInteger normalWidth()
        {
            return normalEnd.subtract(normalStart);
        }
    }

    private RangeLayout(final ClusterChange change)
    {
        this.change = change;
    }

    /**
     * @param states every node the change concerns, as they reported, in the order of
     *               {@link ClusterChange#concerned}.
     * @param change wanted.
     * @return the layout.
     * @throws RebalanceException (ranges) when the ranges leave a gap or overlap other than a step's.
     */
    static RangeLayout of(final List<NodeState> states, final ClusterChange change)
    {
        final RangeLayout layout = new RangeLayout(change);
        final List<NodeAddress> wanted = change.wanted(states.stream().map(NodeState::node).toList());
        final List<Slot> incoming = new ArrayList<>();
        for (final NodeState state : states)
        {
            if (!state.range().isValid())
            {
                throw new RebalanceException(RebalanceException.Kind.RANGES,
                    "node " + state.node() + " reports the invalid range " + state.range(), null);
            }
            final Slot slot = new Slot(state, wanted.contains(state.node()), change.weight(state.node()));
            if (!state.range().isEmpty())
            {
                layout.slots.add(slot);
            }
            else if (slot.wanted)
            {
                incoming.add(slot);
            }
            else
            {
                layout.drained.put(state.node(), HashRange.EMPTY);
            }
        }
        layout.slots.sort(Comparator.<Slot, BigInteger>comparing(slot -> slot.start).thenComparing(slot -> slot.end));
        layout.checkCoverage();
        layout.normalise();
        layout.slotIn(incoming);
        layout.target();
        return layout;
    }

    /**
     * @param states as given to {@link #of}.
     * @return the plan: the nodes as reported, their target ranges, and the moves with estimates.
     */
    RangePlan plan(final List<NodeState> states)
    {
        final List<RangeMove> moves = new ArrayList<>();
        for (final Slot from : slots)
        {
            for (final Slot to : slots)
            {
                final BigInteger low = from.normalStart.max(to.targetStart);
                final BigInteger high = from.normalEnd.min(to.targetEnd);
                if (from != to && low.compareTo(high) < 0)
                {
                    final BigInteger width = high.subtract(low);
                    moves.add(new RangeMove(from.state.node(), to.state.node(), range(low, high),
                        share(from.state.records(), width, from.normalWidth()),
                        share(from.state.bytes(), width, from.normalWidth())));
                }
            }
        }
        moves.sort(Comparator.comparing(move -> start(move.range())));
        return new RangePlan(states, targets(), moves);
    }

    /**
     * @return every node's target range, wanted nodes in hash order.
     */
    Map<NodeAddress, HashRange> targets()
    {
        final Map<NodeAddress, HashRange> target = new LinkedHashMap<>();
        for (final Slot slot : slots)
        {
            target.put(slot.state.node(), range(slot.targetStart, slot.targetEnd));
        }
        target.putAll(drained);
        return target;
    }

    /**
     * The next step towards the target: first the resolution of a shared range an interrupted step left, then the
     * leftmost boundary not at its place, moved by at most about {@code stepRecords} of the giver's records.
     *
     * @param stepRecords records a step should move at most (estimated from the giver's size).
     * @return the step, or empty when every node has its target range.
     */
    Optional<Step> nextStep(final long stepRecords)
    {
        for (int k = 1; k < slots.size(); k++)
        {
            final Slot left = slots.get(k - 1);
            final Slot right = slots.get(k);
            if (right.start.compareTo(left.end) < 0)
            {
                return Optional.of(resolveOverlap(left, right));
            }
        }
        for (int k = 1; k < slots.size(); k++)
        {
            final Slot left = slots.get(k - 1);
            final Slot right = slots.get(k);
            final BigInteger current = right.start;
            final BigInteger wanted = right.targetStart;
            final int direction = wanted.compareTo(current);
            if (direction < 0)
            {
                final BigInteger boundary = wanted.max(left.start).max(current.subtract(chunk(left, stepRecords)));
                if (boundary.compareTo(current) < 0)
                {
                    return Optional.of(move(left, right, boundary, current, left));
                }
            }
            else if (direction > 0)
            {
                final BigInteger boundary = wanted.min(right.end).min(current.add(chunk(right, stepRecords)));
                if (boundary.compareTo(current) > 0)
                {
                    return Optional.of(move(left, right, boundary, current, right));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @return the orders of the final sweep: each node keeps its range and moves any record outside it to its
     * owner, so records a failed move left behind reach their nodes.
     */
    List<Order> sweep()
    {
        final Map<NodeAddress, HashRange> target = targets();
        final List<Order> orders = new ArrayList<>();
        for (final Map.Entry<NodeAddress, HashRange> node : target.entrySet())
        {
            final List<Target> owners = new ArrayList<>();
            for (final Slot slot : slots)
            {
                if (!slot.state.node().equals(node.getKey()) && slot.targetStart.compareTo(slot.targetEnd) < 0)
                {
                    owners.add(target(slot.state.node(), range(slot.targetStart, slot.targetEnd)));
                }
            }
            orders.add(new Order(node.getKey(), node.getValue(), owners));
        }
        return orders;
    }

    private Step move(final Slot left, final Slot right, final BigInteger boundary, final BigInteger current,
        final Slot giver)
    {
        final Slot receiver = giver == left ? right : left;
        final HashRange leftRange = range(left.start, boundary);
        final HashRange rightRange = range(boundary, right.end);
        final HashRange receiverRange = receiver == left ? leftRange : rightRange;
        final HashRange giverRange = giver == left ? leftRange : rightRange;
        final BigInteger width = boundary.subtract(current).abs();
        final BigInteger giverWidth = giver.end.subtract(giver.start);
        return new Step(giver.state.node(), List.of(
            new Order(receiver.state.node(), receiverRange, List.of()),
            new Order(giver.state.node(), giverRange, List.of(target(receiver.state.node(), receiverRange)))),
            share(giver.state.records(), width, giverWidth), share(giver.state.bytes(), width, giverWidth));
    }

    private Step resolveOverlap(final Slot left, final Slot right)
    {
        final BigInteger split = left.targetEnd.max(right.start).min(left.end);
        final List<Order> orders = new ArrayList<>();
        if (split.compareTo(left.end) < 0)
        {
            orders.add(new Order(left.state.node(), range(left.start, split),
                List.of(target(right.state.node(), right.state.range()))));
        }
        if (split.compareTo(right.start) > 0)
        {
            orders.add(new Order(right.state.node(), range(split, right.end),
                List.of(target(left.state.node(), range(left.start, split)))));
        }
        return new Step(null, orders, 0, 0);
    }

    private void checkCoverage()
    {
        if (slots.isEmpty())
        {
            throw ranges("no node owns any hash: every range is empty");
        }
        if (slots.get(0).start.signum() != 0)
        {
            throw ranges("gap: hashes 0x0000000000000000.." + hex(slots.get(0).start.subtract(BigInteger.ONE)) +
                " belong to no node");
        }
        for (int k = 1; k < slots.size(); k++)
        {
            final Slot previous = slots.get(k - 1);
            final Slot next = slots.get(k);
            if (next.start.compareTo(previous.end) > 0)
            {
                throw ranges("gap: hashes " + hex(previous.end) + ".." + hex(next.start.subtract(BigInteger.ONE)) +
                    " belong to no node, between " + describe(previous) + " and " + describe(next));
            }
            final boolean overlap = next.start.compareTo(previous.end) < 0;
            if (overlap && (next.end.compareTo(previous.end) < 0 ||
                k >= 2 && next.start.compareTo(slots.get(k - 2).end) < 0 ||
                previous.state.range().equals(next.state.range()) && !isReplacement(previous, next)))
            {
                throw ranges("overlap: " + describe(previous) + " and " + describe(next) + " share hashes in a way " +
                    "no interrupted rebalance leaves (a new node must start with the empty range: minval = " +
                    "0xffffffffffffffff, maxval = 0x0000000000000000)");
            }
        }
        final Slot last = slots.get(slots.size() - 1);
        if (last.end.compareTo(SPACE) < 0)
        {
            throw ranges("gap: hashes " + hex(last.end) + "..0xffffffffffffffff belong to no node");
        }
    }

    /** Only a replacement's first step can leave two nodes with the same range: the new one grown over all of it. */
    private boolean isReplacement(final Slot one, final Slot other)
    {
        return other.state.node().equals(change.replace().get(one.state.node())) ||
            one.state.node().equals(change.replace().get(other.state.node()));
    }

    /** The current ranges with any shared hashes given to the left node: a tiling to measure moves against. */
    private void normalise()
    {
        BigInteger at = BigInteger.ZERO;
        for (final Slot slot : slots)
        {
            slot.normalStart = at;
            slot.normalEnd = slot.end.max(at);
            at = slot.normalEnd;
        }
    }

    private void slotIn(final List<Slot> incoming)
    {
        final Map<NodeAddress, NodeAddress> replacedBy = change.replacedBy();
        for (final Slot slot : incoming)
        {
            slot.normalStart = BigInteger.ZERO;
            slot.normalEnd = BigInteger.ZERO;
            final NodeAddress replaced = replacedBy.get(slot.state.node());
            int best = -1;
            if (null != replaced)
            {
                for (int k = 0; k < slots.size() && best < 0; k++)
                {
                    best = slots.get(k).state.node().equals(replaced) ? k + 1 : -1;
                }
            }
            if (best < 0)
            {
                best = cheapestPlace(slot);
            }
            final BigInteger at = best == slots.size() ? SPACE : slots.get(best).normalStart;
            slot.start = at;
            slot.end = at;
            slot.normalStart = at;
            slot.normalEnd = at;
            slots.add(best, slot);
        }
    }

    private int cheapestPlace(final Slot slot)
    {
        int best = 0;
        double bestRecords = Double.MAX_VALUE;
        BigInteger bestWidth = null;
        for (int k = 0; k <= slots.size(); k++)
        {
            final BigInteger at = k == slots.size() ? SPACE : slots.get(k).normalStart;
            slot.normalStart = at;
            slot.normalEnd = at;
            slots.add(k, slot);
            target();
            double records = 0;
            BigInteger width = BigInteger.ZERO;
            for (final Slot other : slots)
            {
                final BigInteger kept = other.normalEnd.min(other.targetEnd)
                    .subtract(other.normalStart.max(other.targetStart)).max(BigInteger.ZERO);
                final BigInteger moved = other.normalWidth().subtract(kept);
                width = width.add(moved);
                if (other.normalWidth().signum() > 0)
                {
                    records += other.state.records() * moved.doubleValue() / other.normalWidth().doubleValue();
                }
            }
            slots.remove(k);
            if (records < bestRecords || records == bestRecords && width.compareTo(bestWidth) < 0)
            {
                best = k;
                bestRecords = records;
                bestWidth = width;
            }
        }
        return best;
    }

    private void target()
    {
        if (change.isReplaceOnly())
        {
            final Map<NodeAddress, NodeAddress> replacedBy = change.replacedBy();
            BigInteger at = BigInteger.ZERO;
            for (int k = 0; k < slots.size(); k++)
            {
                final Slot slot = slots.get(k);
                BigInteger width = slot.wanted ? slot.normalWidth() : BigInteger.ZERO;
                final NodeAddress replaced = replacedBy.get(slot.state.node());
                if (null != replaced && k > 0 && slots.get(k - 1).state.node().equals(replaced))
                {
                    width = width.add(slots.get(k - 1).normalWidth());
                }
                slot.targetStart = at;
                at = at.add(width);
                slot.targetEnd = at;
            }
            slots.get(slots.size() - 1).targetEnd = SPACE;
            return;
        }
        final long total = slots.stream().mapToLong(slot -> slot.weight).sum();
        long cumulative = 0;
        BigInteger at = BigInteger.ZERO;
        for (final Slot slot : slots)
        {
            cumulative += slot.weight;
            slot.targetStart = at;
            at = SPACE.multiply(BigInteger.valueOf(cumulative)).divide(BigInteger.valueOf(Math.max(1, total)));
            slot.targetEnd = at;
        }
    }

    private BigInteger chunk(final Slot giver, final long stepRecords)
    {
        final BigInteger width = giver.end.subtract(giver.start);
        if (giver.state.records() <= stepRecords)
        {
            return width;
        }
        return width.multiply(BigInteger.valueOf(stepRecords)).divide(BigInteger.valueOf(giver.state.records()))
            .max(BigInteger.ONE);
    }

    private static long share(final long amount, final BigInteger width, final BigInteger of)
    {
        if (of.signum() == 0)
        {
            return 0;
        }
        return BigInteger.valueOf(amount).multiply(width).divide(of).longValueExact();
    }

    private static Target target(final NodeAddress node, final HashRange range)
    {
        return new Target(node.address(), node.port(), range);
    }

    static BigInteger start(final HashRange range)
    {
        return range.isEmpty() ? BigInteger.ZERO : unsigned(range.min());
    }

    static BigInteger end(final HashRange range)
    {
        return range.isEmpty() ? BigInteger.ZERO : unsigned(range.max()).add(BigInteger.ONE);
    }

    static HashRange range(final BigInteger start, final BigInteger end)
    {
        if (start.compareTo(end) >= 0)
        {
            return HashRange.EMPTY;
        }
        return new HashRange(start.and(MASK).longValue(), end.subtract(BigInteger.ONE).and(MASK).longValue());
    }

    private static BigInteger unsigned(final long value)
    {
        return BigInteger.valueOf(value).and(MASK);
    }

    private static String hex(final BigInteger position)
    {
        return String.format("0x%016x", position);
    }

    private static String describe(final Slot slot)
    {
        return "node " + slot.state.node() + " " + slot.state.range();
    }

    private static RebalanceException ranges(final String message)
    {
        return new RebalanceException(RebalanceException.Kind.RANGES, message, null);
    }
}
