package org.swarmjvm.examples.counter;

import org.agrona.collections.Long2LongHashMap;

/**
 * The counter node's storage engine: a 64-bit value per 64-bit counter id, in memory. The poller serving the
 * connections writes it while the stats and metrics threads read its size, so each operation holds the store's
 * lock; none allocates once the map has grown to the number of counters.
 */
final class CounterStore
{
    private static final long ABSENT = 0;

    private final Long2LongHashMap values = new Long2LongHashMap(ABSENT);

    /**
     * @param id of the counter; a counter never incremented is 0.
     * @param delta added (may be negative; the sum wraps around like Java's long).
     * @return the counter's value after the addition.
     */
    synchronized long increment(final long id, final long delta)
    {
        final long value = values.get(id) + delta;
        if (value == ABSENT)
        {
            values.remove(id);
        }
        else
        {
            values.put(id, value);
        }
        return value;
    }

    /**
     * @param id of the counter.
     * @return its value, 0 for a counter never incremented or reset.
     */
    synchronized long get(final long id)
    {
        return values.get(id);
    }

    /**
     * Sets the counter back to 0, which frees its entry.
     *
     * @param id of the counter.
     */
    synchronized void reset(final long id)
    {
        values.remove(id);
    }

    /**
     * @return counters whose value is not 0, for the stats line and the metrics.
     */
    synchronized int size()
    {
        return values.size();
    }
}
