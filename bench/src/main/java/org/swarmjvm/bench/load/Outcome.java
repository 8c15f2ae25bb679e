package org.swarmjvm.bench.load;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * The measured part of a run: requests (or deliveries), payload bytes, misses, latencies and the time span.
 */
final class Outcome
{
    /** Latencies above this are recorded as this. */
    static final long HIGHEST_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(10);

    final Histogram histogram = new Histogram(HIGHEST_LATENCY_NANOS, 3);
    long ops;
    long bytes;
    long misses;
    long startNanos = Long.MAX_VALUE;
    long endNanos = Long.MIN_VALUE;
    /** Further {@code key=value} fields of the RESULT line, each with a leading space. */
    String extra = "";

    /**
     * Adds what one client measured.
     *
     * @param other  the client's part.
     */
    void add(final Outcome other)
    {
        histogram.add(other.histogram);
        ops += other.ops;
        bytes += other.bytes;
        misses += other.misses;
        if (other.ops > 0)
        {
            startNanos = Math.min(startNanos, other.startNanos);
            endNanos = Math.max(endNanos, other.endNanos);
        }
    }

    /**
     * Records one measured request.
     *
     * @param start   when it was sent, {@link System#nanoTime()}.
     * @param end     when its answer was complete.
     * @param payload bytes moved, or {@link LoadSession#MISS}.
     */
    void record(final long start, final long end, final long payload)
    {
        if (0 == ops)
        {
            startNanos = start;
        }
        endNanos = end;
        ops++;
        if (LoadSession.MISS == payload)
        {
            misses++;
        }
        else
        {
            bytes += payload;
        }
        histogram.recordValue(Math.min(HIGHEST_LATENCY_NANOS, end - start));
    }
}
