package org.swarmjvm.protocol.dht;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which keys a range holds: by their bit-reversed value, unsigned, bounds included; none in the special empty range.
 */
class HashRangeTest
{
    private static final long[] KEYS = {0, 1, 2, 0xa, 0x7fffffffffffffffL, 0x8000000000000000L, -2, -1};

    @Test
    void shouldHoldAKeyWhenItsBitReversalLiesInTheRangeBoundsIncluded()
    {
        final HashRange lowerHalf = new HashRange(0, 0x7fffffffffffffffL);
        assertTrue(lowerHalf.containsKey(0));
        assertTrue(lowerHalf.containsKey(2), "even keys reverse into the lower half");
        assertFalse(lowerHalf.containsKey(1));
        assertTrue(HashRange.containsKey(1, 1, 0x8000000000000000L), "the one hash of a range of one");
        assertTrue(HashRange.containsKey(0x8000000000000000L, -1L, 1), "the smallest bound, unsigned");
        assertTrue(HashRange.containsKey(0x8000000000000000L, -2L, 0x7fffffffffffffffL), "the largest bound");
        assertFalse(HashRange.containsKey(0x8000000000000000L, -2L, -1L), "one past the largest bound");
    }

    @Test
    void shouldHoldNoKeyWhenTheRangeIsTheEmptyOne()
    {
        for (final long key : KEYS)
        {
            assertFalse(HashRange.EMPTY.containsKey(key));
            assertFalse(HashRange.containsKey(HashRange.EMPTY.min(), HashRange.EMPTY.max(), key));
        }
    }

    @Test
    void shouldAnswerAsTheRangeWhenAskedWithItsBounds()
    {
        final HashRange[] ranges = {HashRange.FULL, HashRange.EMPTY, new HashRange(0, 0x7fffffffffffffffL),
            new HashRange(0x8000000000000000L, -1L), new HashRange(0x5555555555555555L, 0xaaaaaaaaaaaaaaaaL)};
        for (final HashRange range : ranges)
        {
            for (final long key : KEYS)
            {
                assertEquals(range.containsKey(key), HashRange.containsKey(range.min(), range.max(), key),
                    range + " key " + Long.toHexString(key));
                assertEquals(range.containsHash(Long.reverse(key)), range.containsKey(key),
                    range + " key " + Long.toHexString(key));
            }
        }
    }
}
