package org.swarmjvm.protocol.dht.client;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.dht.HashRange;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeRegistryTest
{
    private static final NodeAddress A = new NodeAddress("10.0.0.1", 10000);
    private static final NodeAddress B = new NodeAddress("10.0.0.2", 10000);
    private static final NodeAddress C = new NodeAddress("10.0.0.3", 10000);

    @Test
    void shouldAcceptRangesListedInAnyOrderWhenTheyCoverEveryHash()
    {
        final NodeRegistry registry = new NodeRegistry(ranges(
            C, new HashRange(0xc000000000000000L, -1L),
            A, new HashRange(0, 0x3fffffffffffffffL),
            B, new HashRange(0x4000000000000000L, 0xbfffffffffffffffL)), false);

        assertEquals(A, registry.nodeFor(0x0));
        assertEquals(A, registry.nodeFor(0x4));
        assertEquals(B, registry.nodeFor(0x2));
        assertEquals(B, registry.nodeFor(0x1));
        assertEquals(C, registry.nodeFor(0x3));
        assertEquals(C, registry.nodeFor(-1L));
    }

    @Test
    void shouldNameTheMissingHashesWhenTheTopIsUncovered()
    {
        final DhtHandshakeException ex = assertThrows(DhtHandshakeException.class, () -> new NodeRegistry(ranges(
            A, new HashRange(0, 0x3fffffffffffffffL),
            B, new HashRange(0x4000000000000000L, 0xfffffffffffffffeL)), false));

        assertEquals("gap: hashes 0xffffffffffffffff..0xffffffffffffffff belong to no node; the highest range is " +
            "node 10.0.0.2:10000 0x4000000000000000..0xfffffffffffffffe", ex.getMessage());
    }

    @Test
    void shouldNameTheMissingHashesWhenTheBottomIsUncovered()
    {
        final DhtHandshakeException ex = assertThrows(DhtHandshakeException.class,
            () -> new NodeRegistry(ranges(A, new HashRange(1, -1L)), false));

        assertTrue(ex.getMessage().startsWith("gap: hashes 0x0000000000000000..0x0000000000000000 belong to no node"),
            ex.getMessage());
    }

    @Test
    void shouldAcceptGapsAtEitherEndAndBetweenWhenGapsAreAllowed()
    {
        final NodeRegistry registry = new NodeRegistry(ranges(
            A, new HashRange(1, 0x3fffffffffffffffL),
            B, new HashRange(0x8000000000000000L, 0xfffffffffffffffeL)), true);

        assertEquals(A, registry.nodeFor(0x4));
        assertEquals(B, registry.nodeFor(0x1));
        assertThrows(DhtClientException.class, () -> registry.nodeFor(0x0));
        assertThrows(DhtClientException.class, () -> registry.nodeFor(0x2));
        assertThrows(DhtClientException.class, () -> registry.nodeFor(-1L));
    }

    @Test
    void shouldStillRefuseAnOverlapWhenGapsAreAllowed()
    {
        final DhtHandshakeException ex = assertThrows(DhtHandshakeException.class, () -> new NodeRegistry(ranges(
            A, new HashRange(0, 0x10),
            B, new HashRange(0x10, 0x20)), true));

        assertTrue(ex.getMessage().startsWith("overlap: node 10.0.0.1:10000"), ex.getMessage());
    }

    @Test
    void shouldRefuseAnInvalidRange()
    {
        final DhtHandshakeException ex = assertThrows(DhtHandshakeException.class,
            () -> new NodeRegistry(ranges(A, HashRange.FULL, B, new HashRange(5, 4)), false));

        assertTrue(ex.getMessage().contains("node 10.0.0.2:10000 reports the invalid range"), ex.getMessage());
    }

    @Test
    void shouldRefuseNodesThatAllHaveTheEmptyRange()
    {
        assertThrows(DhtHandshakeException.class, () -> new NodeRegistry(ranges(A, HashRange.EMPTY), false));
    }

    @Test
    void shouldRefuseAnOverlapWhenOneRangeContainsAnother()
    {
        final DhtHandshakeException ex = assertThrows(DhtHandshakeException.class, () -> new NodeRegistry(ranges(
            A, HashRange.FULL,
            B, new HashRange(0x10, 0x20)), false));

        assertTrue(ex.getMessage().startsWith("overlap: node 10.0.0.1:10000"), ex.getMessage());
    }

    private static Map<NodeAddress, HashRange> ranges(final Object... pairs)
    {
        final Map<NodeAddress, HashRange> ranges = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2)
        {
            ranges.put((NodeAddress)pairs[i], (HashRange)pairs[i + 1]);
        }
        return ranges;
    }
}
