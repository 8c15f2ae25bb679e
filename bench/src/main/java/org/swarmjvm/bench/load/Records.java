package org.swarmjvm.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Keys and values of the load: key {@code i} of a key space is a fixed scramble of {@code i} over the whole 64-bit
 * range (so records spread over every node's hash range), values are drawn from a pool of up to 16 MiB: uniformly
 * random bytes (incompressible, LZO's and LZ4's worst case) or JSON-like text. Immutable: one instance serves every
 * thread.
 */
final class Records
{
    /** What the values are. */
    enum Kind
    {
        /** Uniformly random bytes. */
        RANDOM,
        /**
         * JSON-like text: a record of events whose fields repeat and whose figures, ids and times vary, as the
         * documents applications keep in a DHT channel.
         */
        JSON
    }

    private static final String[] EVENT_TYPES = {"view", "click", "add_to_cart", "purchase", "scroll"};
    private static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "ES", "IT", "NL", "PL"};

    private static final long POOL_BYTES = 16L * 1024 * 1024;
    private static final int MAX_VALUES = 1 << 16;

    private final byte[][] pool;

    /**
     * @param valueSize bytes per value.
     * @param seed      of the pool's bytes.
     */
    Records(final int valueSize, final long seed)
    {
        this(valueSize, seed, Kind.RANDOM);
    }

    /**
     * @param valueSize bytes per value.
     * @param seed      of the pool's bytes.
     * @param kind      of the values.
     */
    Records(final int valueSize, final long seed, final Kind kind)
    {
        final int count = (int)Math.max(256, Math.min(MAX_VALUES, POOL_BYTES / Math.max(1, valueSize)));
        final SplittableRandom random = new SplittableRandom(seed);
        pool = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            pool[i] = Kind.JSON == kind ? json(random, valueSize) : random(random, valueSize);
        }
    }

    private static byte[] random(final SplittableRandom random, final int valueSize)
    {
        final byte[] value = new byte[valueSize];
        for (int j = 0; j < valueSize; j++)
        {
            value[j] = (byte)random.nextInt(256);
        }
        return value;
    }

    private static byte[] json(final SplittableRandom random, final int valueSize)
    {
        final StringBuilder text = new StringBuilder(valueSize + 160)
            .append("{\"user\":\"u").append(random.nextInt(10_000_000))
            .append("\",\"session\":\"").append(Long.toHexString(random.nextLong()))
            .append("\",\"events\":[");
        long time = 1_700_000_000_000L + random.nextInt(1_000_000_000);
        while (text.length() < valueSize)
        {
            time += random.nextInt(60_000);
            text.append("{\"type\":\"").append(EVENT_TYPES[random.nextInt(EVENT_TYPES.length)])
                .append("\",\"campaign\":").append(random.nextInt(100_000))
                .append(",\"country\":\"").append(COUNTRIES[random.nextInt(COUNTRIES.length)])
                .append("\",\"price\":").append(random.nextInt(10_000) / 100.0)
                .append(",\"ts\":").append(time).append("},");
        }
        text.setLength(valueSize);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
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
