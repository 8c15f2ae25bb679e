package org.swarmjvm.node.stats;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import org.HdrHistogram.Histogram;
import org.swarmjvm.support.stats.StatsLine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counters of a node, written by its poller thread and read by two readers: the stats writer, once per interval
 * ({@link #appendAndReset(StatsLine)}: figures since the last line, as the original's {@code stats.log}), and the
 * metrics endpoint ({@link #registerMetrics(PrometheusRegistry)}: totals since start, as Prometheus expects). The
 * counters only go up; the stats line keeps the values it last printed and prints the difference. Per-request
 * counters are indexed by command code; the handled time is counted in the original's figures
 * ({@link RequestCounters}) and recorded in {@link RequestLatencies} for percentiles.
 */
public final class NodeStats
{
    /** Quantiles the metrics endpoint publishes. */
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};
    private static final String COMMAND = "command";
    private static final double NANOS_PER_SECOND = 1e9;

    private final String[] commandNames;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong socketWrites = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong openConnections = new AtomicLong();
    private final AtomicLong declinedConnections = new AtomicLong();
    private final AtomicLong closedForProtocolErrors = new AtomicLong();
    private final RequestCounters requests;
    private final RequestLatencies latencies;
    private final int connectionLimit;

    private final long[] printedNodeFigures = new long[4];
    private final Histogram window = RequestLatencies.newHistogram();

    /**
     * @param commandNames    name of each command code, {@code null} where there is none.
     * @param connectionLimit the node's connection limit, for the percentage figure.
     */
    public NodeStats(final String[] commandNames, final int connectionLimit)
    {
        this(commandNames, connectionLimit, () -> System.nanoTime() / 1_000_000);
    }

    /**
     * @param commandNames    name of each command code, {@code null} where there is none.
     * @param connectionLimit the node's connection limit, for the percentage figure.
     * @param clockMillis     monotonic clock moving the latency window.
     */
    public NodeStats(final String[] commandNames, final int connectionLimit, final LongSupplier clockMillis)
    {
        final int codes = commandNames.length;
        this.commandNames = commandNames.clone();
        requests = new RequestCounters(codes);
        latencies = new RequestLatencies(commandNames, clockMillis);
        this.connectionLimit = connectionLimit;
    }

    /**
     * One socket write to a client.
     *
     * @param bytes it sent.
     */
    public void onBytesSent(final long bytes)
    {
        bytesSent.addAndGet(bytes);
        socketWrites.incrementAndGet();
    }

    /**
     * @return socket writes to clients since start: with the requests handled, how well replies are coalesced.
     */
    public long socketWrites()
    {
        return socketWrites.get();
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
     * @return the handled-time histograms, per command.
     */
    public RequestLatencies latencies()
    {
        return latencies;
    }

    /**
     * @param command code.
     * @return requests of this command handled since start (finished or aborted).
     */
    public long handled(final int command)
    {
        return requests.handled(command);
    }

    /**
     * A request started running.
     *
     * @param command its code.
     */
    public void onRequestStarted(final int command)
    {
        requests.onStarted(command);
    }

    /**
     * A request finished or was aborted.
     *
     * @param command      its code.
     * @param elapsedNanos time from decoded to done.
     */
    public void onRequestFinished(final int command, final long elapsedNanos)
    {
        requests.onFinished(command, elapsedNanos);
        latencies.record(command, elapsedNanos);
    }

    /**
     * Appends the node-wide and per-request figures since the last line, and starts a new interval. The original's
     * global figures are always there; the other counters, and a request's figures, only when they moved in the
     * interval (a line of every command's zeros said nothing and was most of the file). Called by one thread at a
     * time (the stats writer).
     *
     * @param line being built.
     */
    public synchronized void appendAndReset(final StatsLine line)
    {
        final long open = openConnections.get();
        line.add("bytes_sent", sinceLastLine(0, bytesSent.get()))
            .add("bytes_received", sinceLastLine(1, bytesReceived.get()))
            .add("handling_connections", open)
            .add("handling_connections_pcnt", 0 == connectionLimit ? 0 : (open * 100) / connectionLimit)
            .addMoved("declined_connections", sinceLastLine(2, declinedConnections.get()))
            .addMoved("protocol_errors", sinceLastLine(3, closedForProtocolErrors.get()));
        for (int code = 0; code < commandNames.length; code++)
        {
            final String name = commandNames[code];
            if (null == name)
            {
                continue;
            }
            if (requests.appendAndReset(line, "request", code, name, true))
            {
                line.add("request", name, "p50_handled_time_micros",
                        latencies.intervalValueAtPercentile(code, 50.0) / 1000)
                    .add("request", name, "p99_handled_time_micros",
                        latencies.intervalValueAtPercentile(code, 99.0) / 1000)
                    .add("request", name, "max_handled_time_micros", latencies.intervalMax(code) / 1000);
            }
            latencies.resetInterval(code);
        }
    }

    /**
     * Registers the node's counters and per-command latencies as metrics read at scrape time: totals since start,
     * and quantiles over the last minute (see {@link RequestLatencies}). Nothing is counted twice: each scrape reads
     * the counters the poller thread keeps, on the scraping thread.
     *
     * @param registry the node's metrics registry.
     */
    public void registerMetrics(final PrometheusRegistry registry)
    {
        counter(registry, "swarm_bytes_sent_total", "Bytes sent to clients.", bytesSent);
        counter(registry, "swarm_socket_writes_total",
            "Socket writes to clients (replies of a batch of pipelined requests leave in one).", socketWrites);
        counter(registry, "swarm_bytes_received_total", "Bytes received from clients.", bytesReceived);
        GaugeWithCallback.builder().name("swarm_connections").help("Client connections holding a slot now.")
            .callback(callback -> callback.call(openConnections.get())).register(registry);
        GaugeWithCallback.builder().name("swarm_connection_limit").help("Most connections served at once.")
            .callback(callback -> callback.call(connectionLimit)).register(registry);
        counter(registry, "swarm_connections_declined_total",
            "Connections closed at once because every slot was busy.", declinedConnections);
        counter(registry, "swarm_protocol_errors_total",
            "Connections closed because the client broke the protocol.", closedForProtocolErrors);
        CounterWithCallback.builder().name("swarm_requests_total")
            .help("Requests handled (finished or aborted), by command.").labelNames(COMMAND)
            .callback(callback -> forEachCommand((code, name) -> callback.call(requests.handled(code), name)))
            .register(registry);
        GaugeWithCallback.builder().name("swarm_requests_active").help("Requests running now, by command.")
            .labelNames(COMMAND)
            .callback(callback -> forEachCommand((code, name) -> callback.call(requests.active(code), name)))
            .register(registry);
        SummaryWithCallback.builder().name("swarm_request_duration_seconds")
            .help("Handled time of requests, by command: quantiles over the last minute (NaN when none), sum and " +
                "count since start.").labelNames(COMMAND)
            .callback(callback -> forEachCommand((code, name) -> callback.call(requests.handled(code),
                requests.handledNanos(code) / NANOS_PER_SECOND, windowQuantiles(code), name)))
            .register(registry);
        GaugeWithCallback.builder().name("swarm_request_duration_max_seconds")
            .help("Longest handled time of a request over the last minute, by command (0 when none).")
            .labelNames(COMMAND)
            .callback(callback -> forEachCommand((code, name) -> callback.call(windowMaxSeconds(code), name)))
            .register(registry);
    }

    private static void counter(
        final PrometheusRegistry registry, final String name, final String help, final AtomicLong source)
    {
        CounterWithCallback.builder().name(name).help(help).callback(callback -> callback.call(source.get()))
            .register(registry);
    }

    private void forEachCommand(final CommandVisitor visitor)
    {
        for (int code = 0; code < commandNames.length; code++)
        {
            if (null != commandNames[code])
            {
                visitor.command(code, commandNames[code]);
            }
        }
    }

    private synchronized Quantiles windowQuantiles(final int code)
    {
        latencies.windowInto(code, window);
        final boolean empty = 0 == window.getTotalCount();
        final Quantile[] quantiles = new Quantile[QUANTILES.length];
        for (int q = 0; q < QUANTILES.length; q++)
        {
            quantiles[q] = new Quantile(QUANTILES[q],
                empty ? Double.NaN : window.getValueAtPercentile(QUANTILES[q] * 100) / NANOS_PER_SECOND);
        }
        return Quantiles.of(quantiles);
    }

    private synchronized double windowMaxSeconds(final int code)
    {
        latencies.windowInto(code, window);
        return 0 == window.getTotalCount() ? 0 : window.getMaxValue() / NANOS_PER_SECOND;
    }

    /**
     * Told each command that has a name.
     */
    @FunctionalInterface
    private interface CommandVisitor
    {
        void command(int code, String name);
    }

    private long sinceLastLine(final int figure, final long now)
    {
        final long since = now - printedNodeFigures[figure];
        printedNodeFigures[figure] = now;
        return since;
    }
}
