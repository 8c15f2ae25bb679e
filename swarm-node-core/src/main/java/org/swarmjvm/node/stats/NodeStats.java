package org.swarmjvm.node.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of a node, written by its poller thread and read (then reset) once per stats interval by the stats
 * writer. Per-request counters are indexed by command code; the handled time is counted in the original's
 * buckets (10 µs, 100 µs, 1 ms, 10 ms, 100 ms, more).
 */
public final class NodeStats
{
    /** Upper bounds, in nanoseconds, of the handled-time buckets; the last bucket is "over 100 ms". */
    private static final long[] BUCKET_BOUNDS_NANOS = {10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final String[] BUCKET_NAMES =
        {"handled_10_micros", "handled_100_micros", "handled_1_ms", "handled_10_ms", "handled_100_ms",
        "handled_over_100_ms"};
    private static final int BUCKETS = BUCKET_NAMES.length;

    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong openConnections = new AtomicLong();
    private final AtomicLong declinedConnections = new AtomicLong();
    private final AtomicLong closedForProtocolErrors = new AtomicLong();
    private final AtomicLongArray handled;
    private final AtomicLongArray active;
    private final AtomicLongArray maxActive;
    private final AtomicLongArray handledNanos;
    private final AtomicLongArray buckets;
    private final int connectionLimit;

    /**
     * @param maxCommandCode  largest command code of the protocol.
     * @param connectionLimit the node's connection limit, for the percentage figure.
     */
    public NodeStats(final int maxCommandCode, final int connectionLimit)
    {
        final int codes = maxCommandCode + 1;
        handled = new AtomicLongArray(codes);
        active = new AtomicLongArray(codes);
        maxActive = new AtomicLongArray(codes);
        handledNanos = new AtomicLongArray(codes);
        buckets = new AtomicLongArray(codes * BUCKETS);
        this.connectionLimit = connectionLimit;
    }

    /**
     * @param bytes sent to clients.
     */
    public void onBytesSent(final long bytes)
    {
        bytesSent.addAndGet(bytes);
    }

    /**
     * @param bytes received from clients.
     */
    public void onBytesReceived(final long bytes)
    {
        bytesReceived.addAndGet(bytes);
    }

    /**
     * A connection was accepted into a slot.
     */
    public void onConnectionOpened()
    {
        openConnections.incrementAndGet();
    }

    /**
     * A connection left its slot.
     */
    public void onConnectionClosed()
    {
        openConnections.decrementAndGet();
    }

    /**
     * A connection was accepted and closed at once because every slot was busy.
     */
    public void onConnectionDeclined()
    {
        declinedConnections.incrementAndGet();
    }

    /**
     * A connection was closed because its peer broke the protocol.
     */
    public void onProtocolError()
    {
        closedForProtocolErrors.incrementAndGet();
    }

    /**
     * @return connections currently holding a slot (GetNumConnections).
     */
    public long openConnections()
    {
        return openConnections.get();
    }

    /**
     * A request started running.
     *
     * @param command its code.
     */
    public void onRequestStarted(final int command)
    {
        final long now = active.incrementAndGet(command);
        if (now > maxActive.get(command))
        {
            maxActive.set(command, now);
        }
    }

    /**
     * A request finished or was aborted.
     *
     * @param command     its code.
     * @param elapsedNanos time from decoded to done.
     */
    public void onRequestFinished(final int command, final long elapsedNanos)
    {
        active.decrementAndGet(command);
        handled.incrementAndGet(command);
        handledNanos.addAndGet(command, elapsedNanos);
        int bucket = 0;
        while (bucket < BUCKET_BOUNDS_NANOS.length && elapsedNanos >= BUCKET_BOUNDS_NANOS[bucket])
        {
            bucket++;
        }
        buckets.incrementAndGet(command * BUCKETS + bucket);
    }

    /**
     * Appends the node-wide and per-request figures of the last interval and resets the interval counters.
     *
     * @param line         being built.
     * @param commandNames name of each command code, {@code null} where there is none.
     */
    public void appendAndReset(final StatsLine line, final String[] commandNames)
    {
        final long open = openConnections.get();
        line.add("bytes_sent", bytesSent.getAndSet(0))
            .add("bytes_received", bytesReceived.getAndSet(0))
            .add("handling_connections", open)
            .add("handling_connections_pcnt", 0 == connectionLimit ? 0 : (open * 100) / connectionLimit)
            .add("declined_connections", declinedConnections.getAndSet(0))
            .add("protocol_errors", closedForProtocolErrors.getAndSet(0));
        for (int code = 0; code < commandNames.length; code++)
        {
            final String name = commandNames[code];
            if (null == name)
            {
                continue;
            }
            final long count = handled.getAndSet(code, 0);
            final long nanos = handledNanos.getAndSet(code, 0);
            line.add("request", name, "max_active", maxActive.getAndSet(code, active.get(code)))
                .add("request", name, "handled", count)
                .add("request", name, "mean_handled_time_micros", 0 == count ? 0 : nanos / count / 1000);
            for (int bucket = 0; bucket < BUCKETS; bucket++)
            {
                line.add("request", name, BUCKET_NAMES[bucket], buckets.getAndSet(code * BUCKETS + bucket, 0));
            }
        }
    }
}
