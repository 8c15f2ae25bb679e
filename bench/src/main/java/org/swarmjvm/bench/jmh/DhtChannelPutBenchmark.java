package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.swarmjvm.dht.node.storage.DhtChannel;

import java.util.SplittableRandom;

/**
 * Storing records in a channel's Chronicle Map, as the node's Put handler does: overwrites over a key set of
 * {@value #KEYS} records (the map is filled first, so the figure is the steady state, not growth).
 */
public class DhtChannelPutBenchmark extends BenchmarkSettings
{
    static final int KEYS = 100_000;

    /** Bytes per value. */
    @Param({"16", "1024"})
    public int valueSize;

    private DhtChannel channel;
    private UnsafeBuffer value;
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
     * @return whether the put was stored.
     */
    @Benchmark
    public boolean put()
    {
        final int index = next;
        next = index + 1 == KEYS ? 0 : index + 1;
        return channel.put(BenchmarkData.key(index), value, 0, valueSize);
    }
}
