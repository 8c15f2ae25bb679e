package org.swarmjvm.cli.rebalance;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The elastic test's checks of a snapshot of the ranges, on snapshots made up here.
 */
class RangePollerTest
{
    private static final NodeAddress A = new NodeAddress("127.0.0.1", 1);
    private static final NodeAddress B = new NodeAddress("127.0.0.1", 2);
    private static final NodeAddress C = new NodeAddress("127.0.0.1", 3);

    private final RangePoller poller = new RangePoller(List.of());

    @Test
    void shouldAcceptRangesCoveringEveryHashOnce()
    {
        assertTrue(poller.check(snapshot(new HashRange(0, 0x7fffffffffffffffL), new HashRange(0x8000000000000000L, -1L),
            HashRange.EMPTY)));
        assertEquals(List.of(), poller.gaps());
        assertEquals(List.of(), poller.overlaps());
    }

    @Test
    void shouldReportAGapBetweenTwoRangesAndAtTheEnd()
    {
        assertFalse(poller.check(snapshot(new HashRange(0, 0x3fffffffffffffffL),
            new HashRange(0x8000000000000000L, 0xfffffffffffffffeL), HashRange.EMPTY)));
        assertEquals(2, poller.gaps().size(), poller.gaps()::toString);
        assertTrue(poller.gaps().get(0).startsWith("0x4000000000000000..0x7fffffffffffffff"), poller.gaps()::toString);
        assertTrue(poller.gaps().get(1).startsWith("0xffffffffffffffff..0xffffffffffffffff"), poller.gaps()::toString);
    }

    @Test
    void shouldReportAnOverlapOfTwoNodesAndOfThree()
    {
        final HashRange grown = new HashRange(0x7000000000000000L, -1L);
        assertFalse(poller.check(snapshot(new HashRange(0, 0x7fffffffffffffffL), grown, HashRange.EMPTY)));
        assertEquals(1, poller.overlaps().size(), poller.overlaps()::toString);
        assertTrue(poller.overlaps().get(0).startsWith("[" + A + ", " + B + "] from 0x7000000000000000"),
            poller.overlaps()::toString);

        assertFalse(poller.check(snapshot(new HashRange(0, 0x7fffffffffffffffL), grown,
            new HashRange(0x6000000000000000L, 0x7fffffffffffffffL))));
        assertEquals(3, poller.overlaps().size(), poller.overlaps()::toString);
        assertEquals(List.of(), poller.gaps());
    }

    private static Map<NodeAddress, HashRange> snapshot(final HashRange a, final HashRange b, final HashRange c)
    {
        final Map<NodeAddress, HashRange> ranges = new LinkedHashMap<>();
        ranges.put(A, a);
        ranges.put(B, b);
        ranges.put(C, c);
        return ranges;
    }
}
