package org.swarmjvm.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the uncompressed batch bytes a batch benchmark handled, so JMH reports bytes per second beside batches
 * per second.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class BatchBytes
{
    /** Uncompressed bytes encoded or decoded; JMH reports it per second. */
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
