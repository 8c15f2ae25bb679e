package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;

import java.nio.ByteBuffer;

/**
 * Reading records out of a channel's Chronicle Map into a reply buffer, as the node's Get handler does, over a
 * key set of {@value FilledDhtChannel#KEYS} records.
 */
public class DhtChannelGetBenchmark extends FilledDhtChannel
{
    private final UnsafeBuffer reply = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));

    /**
     * @return bytes written to the reply.
     */
    @Benchmark
    public int get()
    {
        return channel.writeValueArray(nextKey(), reply, 0);
    }
}
