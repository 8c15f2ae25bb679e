package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.swarmjvm.queue.node.storage.Ring;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * A queue's steady state in the queue node's memory ring: each operation pushes one record and pops the oldest
 * into a reply buffer, as the Push and Pop handlers do, on a ring kept half full so that positions wrap around.
 * A ring cannot be popped for long without refilling it, so Pop is measured with its Push; Pop alone costs this
 * pair's time minus {@link RingPushBenchmark}'s.
 */
public class RingPushPopBenchmark extends StorageBenchmark
{
    /** Bytes per record. */
    @Param({"16", "1024"})
    public int valueSize;

    private final UnsafeBuffer reply = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private Ring ring;
    private UnsafeBuffer value;

    /**
     * Allocates the ring and fills half of it.
     */
    @Setup
    public void setup()
    {
        ring = new Ring(new UnsafeBuffer(ByteBuffer.allocateDirect(RingPushBenchmark.CAPACITY)));
        value = BenchmarkData.randomValue(valueSize, new SplittableRandom(BenchmarkData.SEED));
        while (ring.usedSpace() < RingPushBenchmark.CAPACITY / 2)
        {
            ring.push(value, 0, valueSize);
        }
    }

    /**
     * @return the length of the popped record.
     */
    @Benchmark
    public int pushPop()
    {
        ring.push(value, 0, valueSize);
        return ring.pop(reply, 0);
    }
}
