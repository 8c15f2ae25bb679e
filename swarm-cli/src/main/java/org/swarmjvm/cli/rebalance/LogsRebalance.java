package org.swarmjvm.cli.rebalance;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;
import org.swarmjvm.protocol.logfiles.codec.RedistributeRequestDecoder.Target;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves records between logfiles nodes through their Redistribute requests: the engine of
 * {@code swarm logs rebalance}. A logfiles node owns no range: every read asks every node, so a record is
 * readable on whichever node holds it, and a rebalance only evens out how many records each node holds.
 * <p>
 * The plan counts every node's records (GetChannels, then GetAll of each channel) and gives each node of the
 * wanted set a share of the total in proportion to its weight (a removed node none; with only replacements, the
 * new node its old node's records). Nodes above their share give the excess to nodes below theirs, greedily in
 * node order. Each move is carried out in steps of about {@link Rebalance.Settings#stepRecords()} records: a
 * Redistribute naming one receiver, with the fraction of its buckets the step's records are of the giver's
 * (the node picks each bucket at random with that probability, so a step moves about as many records as
 * planned; a removed node's last step has fraction 1 and moves everything). Steps are paced to the rate; a step
 * the node refuses ends the run (it is not sent again, see {@link #apply}). Running the same change again counts
 * again and moves what is still uneven, so an interrupted rebalance is finished by running it again. At the end
 * the records are counted again: the sum must be unchanged (with no writes meanwhile) and a removed node must
 * hold none.
 */
public final class LogsRebalance
{
    private LogsRebalance()
    {
    }

    /**
     * Records a node holds, counted.
     *
     * @param node    the node.
     * @param records over all channels.
     * @param bytes   over all channels, 8 + the value's length per record.
     */
    public record NodeCount(NodeAddress node, long records, long bytes)
    {
    }

    /**
     * Records to move from one node to another.
     *
     * @param from    giver.
     * @param to      receiver.
     * @param records to move, about.
     * @param bytes   to move, about (from the giver's average record).
     */
    public record Move(NodeAddress from, NodeAddress to, long records, long bytes)
    {
    }

    /**
     * The plan: every node as counted, the records it should hold at the end, and the moves.
     *
     * @param current every node concerned, counted.
     * @param target  node to the records it should hold at the end.
     * @param moves   from giver to receiver.
     */
    public record Plan(List<NodeCount> current, Map<NodeAddress, Long> target, List<Move> moves)
        implements MovePlan
    {
        /**
         * @return the records that move.
         */
        @Override
        public long records()
        {
            return moves.stream().mapToLong(Move::records).sum();
        }

        /**
         * @return the bytes that move.
         */
        @Override
        public long bytes()
        {
            return moves.stream().mapToLong(Move::bytes).sum();
        }

        /**
         * @return the records of every node.
         */
        public long totalRecords()
        {
            return current.stream().mapToLong(NodeCount::records).sum();
        }
    }

    /**
     * What a rebalance did.
     *
     * @param plan   as computed at the start.
     * @param after  every node counted at the end.
     * @param steps  Redistribute requests that moved records.
     */
    public record Outcome(Plan plan, List<NodeCount> after, int steps)
    {
        /**
         * @return the records of every node at the end.
         */
        public long recordsAfter()
        {
            return after.stream().mapToLong(NodeCount::records).sum();
        }
    }

    /**
     * Counts every node's records and computes the plan; changes nothing.
     *
     * @param nodes    of the nodes file.
     * @param change   wanted.
     * @param settings timeouts.
     * @return the plan.
     * @throws IllegalArgumentException when the change does not fit the nodes.
     * @throws RebalanceException       when a node cannot be reached or counted.
     */
    public static Plan plan(final List<NodeAddress> nodes, final ClusterChange change,
        final Rebalance.Settings settings)
    {
        final List<NodeAddress> concerned = change.concerned(nodes);
        final List<NodeCount> counts = count(concerned, settings.timeout());
        final List<NodeAddress> wanted = change.wanted(concerned);
        final long total = counts.stream().mapToLong(NodeCount::records).sum();
        final Map<NodeAddress, Long> target = targets(counts, wanted, change, total);
        final Map<NodeAddress, Long> excess = new LinkedHashMap<>();
        final Map<NodeAddress, Long> deficit = new LinkedHashMap<>();
        for (final NodeCount node : counts)
        {
            final long difference = node.records() - target.get(node.node());
            final boolean removed = !wanted.contains(node.node());
            // A move smaller than half a percent of the records is not worth it: buckets are picked at random.
            final long worth = removed ? 1 : Math.max(1, total / 200);
            if (difference >= worth)
            {
                excess.put(node.node(), difference);
            }
            else if (-difference >= Math.max(1, total / 200))
            {
                deficit.put(node.node(), -difference);
            }
        }
        final List<Move> moves = new ArrayList<>();
        for (final NodeCount giver : counts)
        {
            long left = excess.getOrDefault(giver.node(), 0L);
            final long average = 0 == giver.records() ? 0 : giver.bytes() / giver.records();
            for (final Map.Entry<NodeAddress, Long> receiver : deficit.entrySet())
            {
                final long amount = Math.min(left, receiver.getValue());
                if (amount > 0)
                {
                    moves.add(new Move(giver.node(), receiver.getKey(), amount, amount * average));
                    receiver.setValue(receiver.getValue() - amount);
                    left -= amount;
                }
            }
            if (left > 0 && !wanted.contains(giver.node()) && !moves.isEmpty())
            {
                // What rounding left on a removed node goes with its last move.
                final Move last = moves.remove(moves.size() - 1);
                moves.add(new Move(last.from(), last.to(), last.records() + left, (last.records() + left) * average));
            }
        }
        return new Plan(counts, target, moves);
    }

    /**
     * Carries the plan out, or finishes one an earlier call left undone.
     *
     * @param nodes    of the nodes file.
     * @param change   wanted.
     * @param settings timeouts, throttle, step size.
     * @param listener hears each step (its records are the step's estimate).
     * @return what was done.
     * @throws RebalanceException when a node cannot be reached or refuses, or a removed node still holds records
     *                            at the end.
     */
    public static Outcome apply(final List<NodeAddress> nodes, final ClusterChange change,
        final Rebalance.Settings settings, final Rebalance.Listener listener)
    {
        final Plan plan = plan(nodes, change, settings);
        final long stepRecords = Rebalance.stepRecords(settings, plan.totalRecords(),
            plan.current().stream().mapToLong(NodeCount::bytes).sum());
        final Map<NodeAddress, Long> held = new LinkedHashMap<>();
        plan.current().forEach(node -> held.put(node.node(), node.records()));
        final long start = System.nanoTime();
        long movedRecords = 0;
        long movedBytes = 0;
        int steps = 0;
        for (int i = 0; i < plan.moves().size(); i++)
        {
            final Move move = plan.moves().get(i);
            final boolean emptiesGiver = 0 == plan.target().get(move.from()) && isLastMoveOf(plan.moves(), i);
            final List<Target> to = List.of(new Target(move.to().address(), move.to().port()));
            for (long left = move.records(); left > 0; )
            {
                final long records = Math.min(left, stepRecords);
                final long giverHolds = Math.max(1, held.get(move.from()));
                final float fraction = emptiesGiver && records == left ? 1f :
                    (float)Math.min(1.0, (double)records / giverHolds);
                try (LogfilesClient client = new LogfilesClient(move.from().socketAddress(), settings.moveTimeout()))
                {
                    // One attempt: a logfiles node refuses a step whose batch no receiver took after copying part
                    // of a bucket, and sending it again would copy those records once more.
                    Rebalance.sendUntilAccepted("Redistribute", move.from(), 1,
                        () -> client.redistribute(fraction, to));
                }
                catch (final IOException ex)
                {
                    throw unreachable(move.from(), ex);
                }
                held.put(move.from(), giverHolds - records);
                left -= records;
                movedRecords += records;
                movedBytes += move.records() == 0 ? 0 : move.bytes() * records / move.records();
                steps++;
                listener.onStep(new Rebalance.StepReport(steps, move.from(), records,
                    move.bytes() * records / move.records(), records));
                Rebalance.pace(settings.maxRate(), start, movedRecords, movedBytes);
            }
        }
        final List<NodeCount> after = count(change.concerned(nodes), settings.timeout());
        for (final NodeCount node : after)
        {
            if (0 == plan.target().get(node.node()) && node.records() > 0)
            {
                throw new RebalanceException(RebalanceException.Kind.VERIFY, "node " + node.node() + " still holds " +
                    node.records() + " records at the end; run the same command again to move them", null);
            }
        }
        return new Outcome(plan, after, steps);
    }

    private static boolean isLastMoveOf(final List<Move> moves, final int index)
    {
        for (int i = index + 1; i < moves.size(); i++)
        {
            if (moves.get(i).from().equals(moves.get(index).from()))
            {
                return false;
            }
        }
        return true;
    }

    private static Map<NodeAddress, Long> targets(final List<NodeCount> counts, final List<NodeAddress> wanted,
        final ClusterChange change, final long total)
    {
        final Map<NodeAddress, Long> target = new LinkedHashMap<>();
        if (change.isReplaceOnly())
        {
            final Map<NodeAddress, Long> held = new LinkedHashMap<>();
            counts.forEach(node -> held.put(node.node(), node.records()));
            for (final NodeCount node : counts)
            {
                final NodeAddress replaced = change.replacedBy().get(node.node());
                target.put(node.node(), !wanted.contains(node.node()) ? 0 :
                    node.records() + (null == replaced ? 0 : held.get(replaced)));
            }
            return target;
        }
        final long weights = wanted.stream().mapToLong(change::weight).sum();
        long given = 0;
        for (final NodeCount node : counts)
        {
            final long share = wanted.contains(node.node()) ? total * change.weight(node.node()) / weights : 0;
            target.put(node.node(), share);
            given += share;
        }
        // The records rounding leaves go to the first wanted node.
        target.merge(wanted.get(0), total - given, Long::sum);
        return target;
    }

    private static List<NodeCount> count(final List<NodeAddress> nodes, final Duration timeout)
    {
        final List<NodeCount> counts = new ArrayList<>();
        for (final NodeAddress node : nodes)
        {
            try (LogfilesClient client = new LogfilesClient(node.socketAddress(), timeout))
            {
                final List<String> channels = new ArrayList<>();
                check(node, "GetChannels", client.getChannels(channels::add));
                final long[] sum = new long[2];
                for (final String channel : channels)
                {
                    check(node, "GetAll", client.getAll(channel, (key, buffer, offset, length) ->
                    {
                        sum[0]++;
                        sum[1] += Long.BYTES + length;
                    }));
                }
                counts.add(new NodeCount(node, sum[0], sum[1]));
            }
            catch (final IOException ex)
            {
                throw unreachable(node, ex);
            }
        }
        return counts;
    }

    private static void check(final NodeAddress node, final String request, final SwarmStatus status)
    {
        if (SwarmStatus.OK != status)
        {
            throw new RebalanceException(RebalanceException.Kind.REFUSED,
                request + " to " + node + " answered " + status, null);
        }
    }

    private static RebalanceException unreachable(final NodeAddress node, final IOException ex)
    {
        return new RebalanceException(RebalanceException.Kind.UNREACHABLE,
            "node " + node + " cannot be asked: " + ex.getMessage(), ex);
    }
}
