package org.swarmjvm.node.neo;

import org.swarmjvm.node.stats.HandledTimes;
import org.swarmjvm.node.stats.StatsLine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The neo figures of the stats line (spec neo.md 10): {@code handling_neo_connections},
 * {@code handling_neo_connections_pcnt}, and per request {@code neo_request/<name>/max_active} and
 * {@code handled}, and for the requests the engine times the mean handled time and its buckets, as the legacy
 * requests' figures. Updated on the poller thread, printed by the stats thread; counts reset after each line.
 */
public final class NeoStats
{
    private final String[] requestNames;
    private final int connectionLimit;
    private final AtomicLong openConnections = new AtomicLong();
    private final AtomicLongArray active;
    private final AtomicLongArray maxActive;
    private final HandledTimes handledTimes;
    private final boolean[] timed;

    /**
     * @param requestNames    by code; {@code null} for unknown codes.
     * @param timed           by code: whether the line carries the handled-time figures of that request.
     * @param connectionLimit most neo connections at once, for the percentage.
     */
    public NeoStats(final String[] requestNames, final boolean[] timed, final int connectionLimit)
    {
        this.requestNames = requestNames.clone();
        this.timed = timed.clone();
        this.connectionLimit = connectionLimit;
        active = new AtomicLongArray(requestNames.length);
        maxActive = new AtomicLongArray(requestNames.length);
        handledTimes = new HandledTimes(requestNames.length);
    }

    void onConnectionOpened()
    {
        openConnections.incrementAndGet();
    }

    void onConnectionClosed()
    {
        openConnections.decrementAndGet();
    }

    void onRequestStarted(final int code)
    {
        final long now = active.incrementAndGet(code);
        if (now > maxActive.get(code))
        {
            maxActive.set(code, now);
        }
    }

    void onRequestEnded(final int code, final long elapsedNanos)
    {
        active.decrementAndGet(code);
        handledTimes.record(code, elapsedNanos);
    }

    /**
     * Appends the figures and starts the next interval.
     *
     * @param line the stats line.
     */
    public synchronized void appendAndReset(final StatsLine line)
    {
        final long open = openConnections.get();
        line.add("handling_neo_connections", open)
            .add("handling_neo_connections_pcnt", 0 == connectionLimit ? 0 : (open * 100) / connectionLimit);
        for (int code = 0; code < requestNames.length; code++)
        {
            if (null != requestNames[code])
            {
                line.add("neo_request", requestNames[code], "max_active", maxActive.getAndSet(code, active.get(code)));
                handledTimes.appendAndReset(line, "neo_request", code, requestNames[code], timed[code]);
            }
        }
    }
}
