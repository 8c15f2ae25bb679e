package org.swarmjvm.node.neo;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.swarmjvm.support.stats.StatsLine;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The per-client throttles of a node's neo listener ({@code [Throttle]}, docs/neo.md "Throttling"): one
 * {@link ClientThrottle} per client name that has limits, made when a connection first authenticates under that
 * name (names come from the credentials file, so they are few) and kept, so that every connection of the name,
 * at once or one after the other, draws from the same buckets. A client without limits gets none and its requests
 * pass as they always did.
 * <p>
 * The clock is read at most once per poller turn, the first time a throttled client starts a request in it, not
 * once per request. Used on the poller thread, except for the stats line and the metrics page, which read the
 * refusal counts.
 */
final class NeoThrottle
{
    /** The metric counting refused requests, labelled with the client name. */
    static final String METRIC = "swarm_neo_throttled_requests_total";

    private final NeoContext context;
    private final LongSupplier clockNanos;
    private final Map<String, ClientThrottle> byName = new ConcurrentHashMap<>();
    /** The same throttles, for the poller's turn, walked without an iterator. */
    private final ArrayList<ClientThrottle> clients = new ArrayList<>();
    private long nowNanos;
    private boolean clockRead;
    private boolean refusalsUnlogged;

    NeoThrottle(final NeoContext context)
    {
        this.context = context;
        this.clockNanos = context.throttleClockNanos();
    }

    /**
     * @param name of a client that has just authenticated.
     * @return the buckets of that name, or {@code null} when it has no limits.
     */
    ClientThrottle forClient(final String name)
    {
        final ClientThrottle known = byName.get(name);
        if (null != known)
        {
            return known;
        }
        final ClientLimits limits = context.throttleOf(name);
        if (!limits.isLimited())
        {
            return null;
        }
        final ClientThrottle throttle = new ClientThrottle(name, limits, this, nowNanos());
        byName.put(name, throttle);
        clients.add(throttle);
        return throttle;
    }

    /**
     * @return the clock of this turn, read on the first call in the turn.
     */
    long nowNanos()
    {
        if (!clockRead)
        {
            nowNanos = clockNanos.getAsLong();
            clockRead = true;
        }
        return nowNanos;
    }

    void onRefused()
    {
        refusalsUnlogged = true;
    }

    /**
     * The end of a poller turn: logs the refusals whose interval is over, and lets the next turn read the clock.
     */
    void onTurn()
    {
        if (refusalsUnlogged)
        {
            final long now = nowNanos();
            boolean unlogged = false;
            for (int i = 0; i < clients.size(); i++)
            {
                unlogged |= clients.get(i).onTurn(now);
            }
            refusalsUnlogged = unlogged;
        }
        clockRead = false;
    }

    /**
     * Appends {@code neo_client/<name>/throttled_requests}, the requests refused in the interval, for each client
     * that had some.
     *
     * @param line the stats line.
     */
    synchronized void appendAndReset(final StatsLine line)
    {
        for (final ClientThrottle client : byName.values())
        {
            line.addMoved("neo_client/" + client.name() + "/throttled_requests", client.refusedSinceLastLine());
        }
    }

    /**
     * Registers {@value #METRIC}: requests refused since start, per throttled client that has connected.
     *
     * @param registry the node's metrics.
     */
    void registerMetrics(final PrometheusRegistry registry)
    {
        CounterWithCallback.builder().name(METRIC)
            .help("Neo requests refused (RequestNotSupported) because their client was over its [Throttle] " +
                "limits, by client name.").labelNames("client")
            .callback(callback -> byName.values().forEach(client -> callback.call(client.refused(), client.name())))
            .register(registry);
    }
}
