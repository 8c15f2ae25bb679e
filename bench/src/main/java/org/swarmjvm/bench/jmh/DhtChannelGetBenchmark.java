package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.swarmjvm.dht.node.storage.DhtChannel;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Reading records out of a channel's Chronicle Map into a reply buffer, as the node's Get handler does, over a
 * key set of {@value DhtChannelPutBenchmark#KEYS} records.
 */
public class DhtChannelGetBenchmark extends BenchmarkSettings
{
    private static final int KEYS = DhtChannelPutBenchmark.KEYS;

    /** Bytes per value. */
    @Param({"16", "1024"})
    public int valueSize;

    private final UnsafeBuffer reply = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private DhtChannel channel;
    private int next;

    /**
     * Creates and fills the channel.
     */
    @Setup
    public void setup()
    {
        channel = new DhtChannel(BenchmarkData.CHANNEL, KEYS + KEYS / 4, valueSize);
        final UnsafeBuffer value = BenchmarkData.randomValue(valueSize, new SplittableRandom(BenchmarkData.SEED));
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
     * @return bytes written to the reply.
     */
    @Benchmark
    public int get()
    {
        final int index = next;
        next = index + 1 == KEYS ? 0 : index + 1;
        return channel.writeValueArray(BenchmarkData.key(index), reply, 0);
    }
}
