package org.swarmjvm.node.neo;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.swarmjvm.node.stats.RequestCounters;
import org.swarmjvm.support.stats.StatsLine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The neo figures of the stats line (spec neo.md 10): {@code handling_neo_connections},
 * {@code handling_neo_connections_pcnt}, and per request {@code neo_request/<name>/max_active} and
 * {@code handled}, and for the requests the engine times the mean handled time and its buckets, as the legacy
 * requests' figures. Updated on the poller thread, printed by the stats thread; counts reset after each line. The
 * connection figures are metrics as well, read by the scraping thread.
 */
public final class NeoStats
{
    private final String[] requestNames;
    private final int connectionLimit;
    private final AtomicLong openConnections = new AtomicLong();
    private final RequestCounters requests;
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
        requests = new RequestCounters(requestNames.length);
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
        requests.onStarted(code);
    }

    void onRequestEnded(final NeoRequest request)
    {
        requests.onFinished(request.code(), System.nanoTime() - request.startNanos());
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
                requests.appendAndReset(line, "neo_request", code, requestNames[code], timed[code]);
            }
        }
    }

    /**
     * Registers the connection figures of the line as metrics, read at scrape time from the count the poller keeps:
     * {@code swarm_neo_connections} ({@code handling_neo_connections}) and {@code swarm_neo_connection_limit} (the
     * limit {@code handling_neo_connections_pcnt} is a percentage of).
     *
     * @param registry the node's metrics registry.
     */
    public void registerMetrics(final PrometheusRegistry registry)
    {
        GaugeWithCallback.builder().name("swarm_neo_connections")
            .help("Neo connections open now, authenticated or not yet.")
            .callback(callback -> callback.call(openConnections.get())).register(registry);
        GaugeWithCallback.builder().name("swarm_neo_connection_limit")
            .help("Most authenticated neo connections served at once.")
            .callback(callback -> callback.call(connectionLimit)).register(registry);
    }
}
