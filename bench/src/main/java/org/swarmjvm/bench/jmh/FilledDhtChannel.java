package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.swarmjvm.dht.node.storage.DhtChannel;

import java.util.SplittableRandom;

/**
 * The state of the channel benchmarks: a channel's Chronicle Map filled with {@value #KEYS} records of one random
 * value (so the figures are the steady state, not growth), and a cursor cycling over their keys.
 */
public abstract class FilledDhtChannel extends BenchmarkSettings
{
    /** Records in the channel, and keys the benchmarks cycle over. */
    static final int KEYS = 100_000;

    /** Bytes per value. */
    @Param({"16", "1024"})
    public int valueSize;

    /** The filled channel. */
    protected DhtChannel channel;

    /** The value every record holds, {@link #valueSize} bytes. */
    protected UnsafeBuffer value;

    private int next;

    /**
     * Creates and fills the channel.
     */
    @Setup
    public void setup()
    {
        channel = new DhtChannel(BenchmarkData.CHANNEL, KEYS + KEYS / 4, valueSize);
        value = BenchmarkData.randomValue(valueSize, new SplittableRandom(BenchmarkData.SEED));
        for (int i = 0; i < KEYS; i++)
        {
            channel.put(BenchmarkData.key(i), value, 0, valueSize);
        }
    }

    /**
     * Frees the map.
     */
    @TearDown
    public void tearDown()
    {
        channel.close();
    }

    /**
     * @return the next key of the channel, in a fixed cycle over all of them.
     */
    protected final long nextKey()
    {
        final int index = next;
        next = index + 1 == KEYS ? 0 : index + 1;
        return BenchmarkData.key(index);
    }
}
