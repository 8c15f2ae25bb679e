package org.swarmjvm.bench.load;

import java.util.SplittableRandom;

/**
 * Keys and values of the load: key {@code i} of a key space is a fixed scramble of {@code i} over the whole 64-bit
 * range (so records spread over every node's hash range), values are uniformly random bytes drawn from a pool
 * of up to 16 MiB (incompressible, LZO's worst case). Immutable: one instance serves every thread.
 */
final class Records
{
    private static final long POOL_BYTES = 16L * 1024 * 1024;
    private static final int MAX_VALUES = 1 << 16;

    private final byte[][] pool;

    /**
     * @param valueSize bytes per value.
     * @param seed      of the pool's bytes.
     */
    Records(final int valueSize, final long seed)
    {
        final int count = (int)Math.max(256, Math.min(MAX_VALUES, POOL_BYTES / Math.max(1, valueSize)));
        final SplittableRandom random = new SplittableRandom(seed);
        pool = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            final byte[] value = new byte[valueSize];
            for (int j = 0; j < valueSize; j++)
            {
                value[j] = (byte)random.nextInt(256);
            }
            pool[i] = value;
        }
    }

    /**
     * @param index of the key in the key space.
     * @return the key (a bijection of the index: no two indexes share a key).
     */
    static long key(final long index)
    {
        long z = index * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * @param index of the record.
     * @return a value of the pool; shared, do not modify.
     */
    byte[] value(final long index)
    {
        return pool[(int)Long.remainderUnsigned(index * 0x9e3779b97f4a7c15L >>> 1, pool.length)];
    }
}
