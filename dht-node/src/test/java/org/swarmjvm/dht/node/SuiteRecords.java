package org.swarmjvm.dht.node;

import org.swarmjvm.protocol.codec.HexKey;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The records of the original suite's Put/verify/Remove cases, as its legacy client writes them: keys the 64-bit
 * FNV-1a hashes of "0" to "9999", each value its number in decimal; and what a verification expects of the
 * channel when some of them are in it. The stress tests that hold the suite's conversation share them.
 */
final class SuiteRecords
{
    static final int COUNT = 10_000;
    /** The suite's GetAllFilter filter. */
    static final String FILTER = "0";
    static final long[] KEYS = new long[COUNT];
    static final String[] VALUES = new String[COUNT];

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    static
    {
        for (int i = 0; i < COUNT; i++)
        {
            VALUES[i] = Integer.toString(i);
            KEYS[i] = fnv1a64(VALUES[i]);
        }
    }

    /** What the channel holds: its size as GetChannelSize counts it, and its records by hex key. */
    final long records;
    final long bytes;
    final Map<String, String> all = new HashMap<>();
    /** The records GetAllFilter with {@link #FILTER} streams. */
    final Map<String, String> filtered = new HashMap<>();

    private SuiteRecords(final IntPredicate present)
    {
        long records = 0;
        long bytes = 0;
        for (int i = 0; i < COUNT; i++)
        {
            if (present.test(i))
            {
                records++;
                bytes += Long.BYTES + VALUES[i].length();
                all.put(HexKey.toString(KEYS[i]), VALUES[i]);
                if (VALUES[i].contains(FILTER))
                {
                    filtered.put(HexKey.toString(KEYS[i]), VALUES[i]);
                }
            }
        }
        this.records = records;
        this.bytes = bytes;
    }

    /**
     * @param present which records (by number) are in the channel.
     * @return what a verification expects.
     */
    static SuiteRecords expected(final IntPredicate present)
    {
        return new SuiteRecords(present);
    }

    /**
     * @param text hashed as US-ASCII bytes.
     * @return its 64-bit FNV-1a hash, as the suite's keys.
     */
    static long fnv1a64(final String text)
    {
        long hash = FNV_OFFSET;
        for (final byte b : text.getBytes(StandardCharsets.US_ASCII))
        {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
