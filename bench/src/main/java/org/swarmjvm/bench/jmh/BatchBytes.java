package org.swarmjvm.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the bytes a benchmark handled (uncompressed batch bytes, or record keys and values appended to and read
 * from buckets), so JMH reports bytes per second beside operations per second.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class BatchBytes
{
    /** Bytes handled; JMH reports it per second. */
    public long bytes;

    /**
     * Starts each iteration from zero.
     */
    @Setup(Level.Iteration)
    public void clear()
    {
        bytes = 0;
    }
}
