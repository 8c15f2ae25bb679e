package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Inputs shared by the benchmarks: keys spread over the hash range and values of uniformly random bytes, which
 * LZO cannot compress (its worst case, and the honest one for the batch figures).
 */
final class BenchmarkData
{
    /** The channel every benchmark uses. */
    static final String CHANNEL = "bench";

    /** Seed of every generator, so runs see the same data. */
    static final long SEED = 0x5eed_2026L;

    private BenchmarkData()
    {
    }

    /**
     * @param index of the key, from 0.
     * @return a key for the index, scattered over the whole 64-bit range (a bijection: no collisions).
     */
    static long key(final long index)
    {
        long z = index * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * @param length of the value.
     * @param random source of the bytes.
     * @return a direct buffer holding {@code length} random bytes.
     */
    static UnsafeBuffer randomValue(final int length, final SplittableRandom random)
    {
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
        for (int i = 0; i < length; i++)
        {
            value.putByte(i, (byte)random.nextInt(256));
        }
        return value;
    }
}
