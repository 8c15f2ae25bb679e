package org.swarmjvm.cli.rebalance;

import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.util.List;
import java.util.Map;

/**
 * What a rebalance does: the nodes as they are, the range each node of the wanted set ends with (in hash order;
 * removed nodes end with the empty range), and the moves between them.
 *
 * @param current every node concerned, as it reported.
 * @param target  every node concerned to its range at the end, in hash order.
 * @param moves   the ranges that change owner, in hash order.
 */
public record RangePlan(List<NodeState> current, Map<NodeAddress, HashRange> target, List<RangeMove> moves)
    implements MovePlan
{
    /**
     * @param current as reported.
     * @param target  at the end.
     * @param moves   between them.
     */
    public RangePlan
    {
        current = List.copyOf(current);
        moves = List.copyOf(moves);
    }

    /**
     * @return the estimated records that move.
     */
    @Override
    public long records()
    {
        return moves.stream().mapToLong(RangeMove::records).sum();
    }

    /**
     * @return the estimated bytes that move.
     */
    @Override
    public long bytes()
    {
        return moves.stream().mapToLong(RangeMove::bytes).sum();
    }

    /**
     * @return the records the nodes hold now.
     */
    public long totalRecords()
    {
        return current.stream().mapToLong(NodeState::records).sum();
    }

    /**
     * @return true when every node already has its target range: nothing to do.
     */
    public boolean isDone()
    {
        return current.stream().allMatch(node -> node.range().equals(target.get(node.node())));
    }
}
