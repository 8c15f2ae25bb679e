package org.swarmjvm.cli.rebalance;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner on its own: targets for weights and replacements, refusals of sets it cannot start from, and the
 * step that resolves the overlap an interrupted step leaves.
 */
class RangeLayoutTest
{
    private static final NodeAddress A = new NodeAddress("10.0.0.1", 10000);
    private static final NodeAddress B = new NodeAddress("10.0.0.2", 10000);
    private static final NodeAddress C = new NodeAddress("10.0.0.3", 10000);
    private static final HashRange LOWER = new HashRange(0, 0x7fffffffffffffffL);
    private static final HashRange UPPER = new HashRange(0x8000000000000000L, -1L);

    @Test
    void shouldGiveEachNodeItsWeightsShare()
    {
        final ClusterChange change = new ClusterChange(List.of(), List.of(), Map.of(), Map.of(A, 3));
        final RangePlan plan = RangeLayout.of(List.of(state(A, LOWER, 100), state(B, UPPER, 100)), change)
            .plan(List.of());
        assertEquals(Map.of(A, new HashRange(0, 0xbfffffffffffffffL), B, new HashRange(0xc000000000000000L, -1L)),
            plan.target());
        assertEquals(List.of(new RangeMove(B, A, new HashRange(0x8000000000000000L, 0xbfffffffffffffffL), 50, 500)),
            plan.moves());
    }

    @Test
    void shouldMoveOnlyTheReplacedNodesRangeToItsReplacement()
    {
        final ClusterChange change = new ClusterChange(List.of(), List.of(), Map.of(A, C), Map.of());
        final RangePlan plan = RangeLayout.of(List.of(state(A, new HashRange(0, 0x0fffffffffffffffL), 10),
            state(B, new HashRange(0x1000000000000000L, -1L), 90), state(C, HashRange.EMPTY, 0)), change)
            .plan(List.of());
        assertEquals(Map.of(A, HashRange.EMPTY, C, new HashRange(0, 0x0fffffffffffffffL),
            B, new HashRange(0x1000000000000000L, -1L)), plan.target());
        assertEquals(List.of(new RangeMove(A, C, new HashRange(0, 0x0fffffffffffffffL), 10, 100)), plan.moves());
    }

    @Test
    void shouldRefuseAGapAndAnOverlapNoStepLeaves()
    {
        final RebalanceException gap = assertThrows(RebalanceException.class, () -> RangeLayout.of(
            List.of(state(A, new HashRange(0, 0x6fffffffffffffffL), 1), state(B, UPPER, 1)), ClusterChange.NONE));
        assertEquals(RebalanceException.Kind.RANGES, gap.kind());
        assertTrue(gap.getMessage().startsWith("gap: hashes 0x7000000000000000..0x7fffffffffffffff"),
            gap::getMessage);
        final RebalanceException inside = assertThrows(RebalanceException.class, () -> RangeLayout.of(
            List.of(state(A, HashRange.FULL, 1), state(B, new HashRange(0x10, 0x20), 1)), ClusterChange.NONE));
        assertTrue(inside.getMessage().startsWith("overlap: "), inside::getMessage);
    }

    @Test
    void shouldFirstShrinkTheGiverOfAnInterruptedStep()
    {
        // B grew into A's upper half down to 0x6000..., then the run stopped before A shrank.
        final HashRange grown = new HashRange(0x6000000000000000L, -1L);
        final RangeLayout layout = RangeLayout.of(List.of(state(A, LOWER, 100), state(B, grown, 100)),
            new ClusterChange(List.of(), List.of(), Map.of(), Map.of(B, 3)));
        final RangeLayout.Step step = layout.nextStep(1_000).orElseThrow();
        assertEquals(List.of(new RangeLayout.Order(A, new HashRange(0, 0x5fffffffffffffffL),
            List.of(new Target(B.address(), B.port(), grown)))), step.orders());
    }

    private static NodeState state(final NodeAddress node, final HashRange range, final long records)
    {
        return new NodeState(node, range, records, records * 10);
    }
}
