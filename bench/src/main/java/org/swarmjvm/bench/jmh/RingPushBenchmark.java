package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.swarmjvm.queue.node.storage.Ring;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Pushing records into the queue node's memory ring, as its Push handler does: a ring of {@value #CAPACITY} bytes
 * in direct memory (the node's layout with {@code crash_safe = false}), emptied in one step whenever it is full.
 */
public class RingPushBenchmark extends StorageBenchmark
{
    /** Bytes of the ring's data region. */
    static final int CAPACITY = 64 * 1024 * 1024;

    /** Bytes per record. */
    @Param({"16", "1024"})
    public int valueSize;

    private Ring ring;
    private UnsafeBuffer value;

    /**
     * Allocates the ring and the record.
     */
    @Setup
    public void setup()
    {
        ring = new Ring(new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY)));
        value = BenchmarkData.randomValue(valueSize, new SplittableRandom(BenchmarkData.SEED));
    }

    /**
     * @return whether the record was stored (always, once the full ring is emptied).
     */
    @Benchmark
    public boolean push()
    {
        if (ring.push(value, 0, valueSize))
        {
            return true;
        }
        ring.clear();
        return ring.push(value, 0, valueSize);
    }
}
