package org.swarmjvm.node.stats;

import org.swarmjvm.support.stats.StatsLine;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The original's per-request figures, by request code: requests running now and the most at once since the last
 * line ({@code max_active}), requests handled, and their handled time as the mean and the buckets 10 µs, 100 µs,
 * 1 ms, 10 ms, 100 ms and more. Written by the poller thread alone, without allocating and with ordered stores
 * instead of atomic read-modify-writes (a lock-prefixed instruction each, several per request); the stats line
 * prints the difference since its last line, so the handled counters themselves only go up (the metrics endpoint
 * reads the totals). Serves the legacy {@code request/<name>/...} figures and the neo {@code neo_request/<name>/...}
 * ones
 * alike.
 */
public final class RequestCounters
{
    /** Upper bounds, in nanoseconds, of the handled-time buckets; the last bucket is "over 100 ms". */
    private static final long[] BUCKET_BOUNDS_NANOS = {10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final String[] BUCKET_NAMES =
        {"handled_10_micros", "handled_100_micros", "handled_1_ms", "handled_10_ms", "handled_100_ms",
        "handled_over_100_ms"};
    private static final int BUCKETS = BUCKET_NAMES.length;

    private final AtomicLongArray active;
    private final AtomicLongArray maxActive;
    private final AtomicLongArray handled;
    private final AtomicLongArray handledNanos;
    private final AtomicLongArray buckets;
    private final long[] printedHandled;
    private final long[] printedHandledNanos;
    private final long[] printedBuckets;

    /**
     * @param codes how many request codes, from 0.
     */
    public RequestCounters(final int codes)
    {
        active = new AtomicLongArray(codes);
        maxActive = new AtomicLongArray(codes);
        handled = new AtomicLongArray(codes);
        handledNanos = new AtomicLongArray(codes);
        buckets = new AtomicLongArray(codes * BUCKETS);
        printedHandled = new long[codes];
        printedHandledNanos = new long[codes];
        printedBuckets = new long[codes * BUCKETS];
    }

    /**
     * A request started running.
     *
     * @param code its code.
     */
    public void onStarted(final int code)
    {
        final long now = active.get(code) + 1;
        active.lazySet(code, now);
        if (now > maxActive.get(code))
        {
            maxActive.set(code, now);
        }
    }

    /**
     * A request finished or was aborted.
     *
     * @param code         its code.
     * @param elapsedNanos its handled time.
     */
    public void onFinished(final int code, final long elapsedNanos)
    {
        active.lazySet(code, active.get(code) - 1);
        handled.lazySet(code, handled.get(code) + 1);
        handledNanos.lazySet(code, handledNanos.get(code) + elapsedNanos);
        int bucket = 0;
        while (bucket < BUCKET_BOUNDS_NANOS.length && elapsedNanos >= BUCKET_BOUNDS_NANOS[bucket])
        {
            bucket++;
        }
        final int index = code * BUCKETS + bucket;
        buckets.lazySet(index, buckets.get(index) + 1);
    }

    /**
     * @param code a request code.
     * @return requests of this code running now.
     */
    public long active(final int code)
    {
        return active.get(code);
    }

    /**
     * @param code a request code.
     * @return requests of this code handled since start.
     */
    public long handled(final int code)
    {
        return handled.get(code);
    }

    /**
     * @param code a request code.
     * @return their handled time since start, in nanoseconds.
     */
    public long handledNanos(final int code)
    {
        return handledNanos.get(code);
    }

    /**
     * Appends {@code <group>/<name>/max_active} and {@code handled} since the last line and, for a timed request, its
     * mean handled time and buckets since the last line, when the request moved: handled or running in the
     * interval. Starts the next interval either way. Called by one thread at a time (the stats writer).
     *
     * @param line  being built.
     * @param group {@code request} or {@code neo_request}.
     * @param code  the request's code.
     * @param name  the request's name.
     * @param timed whether the line carries the handled-time figures for this request.
     * @return whether the request moved, so its figures are in the line.
     */
    public boolean appendAndReset(final StatsLine line, final String group, final int code, final String name,
        final boolean timed)
    {
        final long handledNow = handled.get(code);
        final long nanosNow = handledNanos.get(code);
        final long count = handledNow - printedHandled[code];
        final long nanos = nanosNow - printedHandledNanos[code];
        printedHandled[code] = handledNow;
        printedHandledNanos[code] = nanosNow;
        final long mostActive = maxActive.getAndSet(code, active.get(code));
        final boolean moved = 0 != count || 0 != mostActive;
        if (moved)
        {
            line.add(group, name, "max_active", mostActive).add(group, name, "handled", count);
            if (timed)
            {
                line.add(group, name, "mean_handled_time_micros", 0 == count ? 0 : nanos / count / 1000);
            }
        }
        for (int bucket = 0; bucket < BUCKETS; bucket++)
        {
            final int index = code * BUCKETS + bucket;
            final long bucketNow = buckets.get(index);
            if (moved && timed)
            {
                line.add(group, name, BUCKET_NAMES[bucket], bucketNow - printedBuckets[index]);
            }
            printedBuckets[index] = bucketNow;
        }
        return moved;
    }
}
