package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.support.stats.StatsLine;

import java.util.concurrent.atomic.LongAdder;

/**
 * The original's {@code action/handled} figures: values stored by Put and PutBatch and values returned by the bulk
 * reads, counted from any thread and reset with each stats line.
 */
public final class ActionCounters
{
    private final LongAdder handledRecords = new LongAdder();
    private final LongAdder handledBytes = new LongAdder();

    /**
     * @param records values stored or returned.
     * @param bytes   their bytes.
     */
    public void onHandled(final long records, final long bytes)
    {
        handledRecords.add(records);
        handledBytes.add(bytes);
    }

    /**
     * Adds {@code action/handled/records} and {@code action/handled/bytes} when they moved, and starts the next
     * interval.
     *
     * @param line being built.
     */
    public void appendAndReset(final StatsLine line)
    {
        line.addMoved("action/handled/records", handledRecords.sumThenReset())
            .addMoved("action/handled/bytes", handledBytes.sumThenReset());
    }
}
