package org.swarmjvm.protocol.dht;

import org.swarmjvm.protocol.codec.HexKey;

/**
 * The range of bit-reversed keys a DHT node is responsible for: key {@code k} belongs to the node iff
 * {@code min <= reverse(k) <= max}, unsigned (swarm's {@code isWithinNodeResponsibility}). Bit reversal spreads
 * sequential keys, such as timestamps, over the nodes.
 *
 * @param min smallest bit-reversed key, unsigned.
 * @param max largest bit-reversed key, unsigned.
 */
public record HashRange(long min, long max)
{
    /** Every key. */
    public static final HashRange FULL = new HashRange(0, -1L);

    /** No key: the special empty range, min = 0xffff…ffff and max = 0. */
    public static final HashRange EMPTY = new HashRange(-1L, 0);

    /**
     * @return true when {@code min <= max} (unsigned) or the range is the special {@link #EMPTY} range.
     */
    public boolean isValid()
    {
        return Long.compareUnsigned(min, max) <= 0 || isEmpty();
    }

    /**
     * @return true for the special empty range, which holds no key.
     */
    public boolean isEmpty()
    {
        return min == -1L && max == 0;
    }

    /**
     * Whether a key belongs to this range.
     *
     * @param key the record key.
     * @return true when the bit-reversed key lies in the range.
     */
    public boolean containsKey(final long key)
    {
        return containsKey(min, max, key);
    }

    /**
     * Whether a key belongs to a range given by its bounds, for a range read from the wire and not kept.
     *
     * @param min smallest bit-reversed key, unsigned.
     * @param max largest bit-reversed key, unsigned.
     * @param key the record key.
     * @return true when the bit-reversed key lies in the range; never for the special empty range.
     */
    public static boolean containsKey(final long min, final long max, final long key)
    {
        return holds(min, max, Long.reverse(key));
    }

    /**
     * Whether a bit-reversed key lies in this range.
     *
     * @param hash a bit-reversed key.
     * @return true when {@code min <= hash <= max}, unsigned.
     */
    public boolean containsHash(final long hash)
    {
        return holds(min, max, hash);
    }

    private static boolean holds(final long min, final long max, final long hash)
    {
        return Long.compareUnsigned(min, hash) <= 0 && Long.compareUnsigned(hash, max) <= 0;
    }

    /**
     * Whether two ranges share a hash. The empty range overlaps nothing.
     *
     * @param other range.
     * @return true when some hash lies in both.
     */
    public boolean overlaps(final HashRange other)
    {
        return !isEmpty() && !other.isEmpty() &&
            Long.compareUnsigned(min, other.max) <= 0 && Long.compareUnsigned(other.min, max) <= 0;
    }

    /**
     * Parses a range bound as the config file writes it: 16 hex digits with an optional {@code 0x}.
     *
     * @param text the bound.
     * @return the bound's value.
     * @throws IllegalArgumentException when the text is not such a bound.
     */
    public static long parseBound(final String text)
    {
        final String trimmed = text.trim();
        final String digits = trimmed.startsWith("0x") || trimmed.startsWith("0X") ? trimmed.substring(2) : trimmed;
        try
        {
            return HexKey.parse(digits);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(
                "a hash range bound is 16 hex digits with an optional 0x, not \"" + text + "\"", ex);
        }
    }

    @Override
    public String toString()
    {
        return "0x" + HexKey.toString(min) + "..0x" + HexKey.toString(max);
    }
}
