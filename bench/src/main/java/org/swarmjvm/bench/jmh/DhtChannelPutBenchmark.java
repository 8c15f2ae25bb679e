package org.swarmjvm.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * Storing records in a channel's Chronicle Map, as the node's Put handler does: overwrites over a key set of
 * {@value FilledDhtChannel#KEYS} records (the map is filled first, so the figure is the steady state, not growth).
 */
public class DhtChannelPutBenchmark extends FilledDhtChannel
{
    /**
     * @return whether the put was stored.
     */
    @Benchmark
    public boolean put()
    {
        return channel.put(nextKey(), value, 0, valueSize);
    }
}
