package org.swarmjvm.node.stats;

import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counters of a node, written by its poller thread and read by two readers: the stats writer, once per interval
 * ({@link #appendAndReset(StatsLine)}: figures since the last line, as the original's {@code stats.log}), and the
 * metrics endpoint ({@link #appendMetrics(PrometheusText)}: totals since start, as Prometheus expects). The
 * counters only go up; the stats line keeps the values it last printed and prints the difference. Per-request
 * counters are indexed by command code; the handled time is counted in the original's figures
 * ({@link RequestCounters}) and recorded in {@link RequestLatencies} for percentiles.
 */
public final class NodeStats
{
    /** Quantiles the metrics endpoint publishes, and their label values. */
    private static final double[] QUANTILES = {50.0, 90.0, 99.0, 99.9};
    private static final String[] QUANTILE_LABELS = {"0.5", "0.9", "0.99", "0.999"};
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
     * Appends the node-wide and per-request figures since the last line, and starts a new interval. Called by one
     * thread at a time (the stats writer).
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
            .add("declined_connections", sinceLastLine(2, declinedConnections.get()))
            .add("protocol_errors", sinceLastLine(3, closedForProtocolErrors.get()));
        for (int code = 0; code < commandNames.length; code++)
        {
            final String name = commandNames[code];
            if (null == name)
            {
                continue;
            }
            requests.appendAndReset(line, "request", code, name, true);
            line.add("request", name, "p50_handled_time_micros",
                    latencies.intervalValueAtPercentile(code, 50.0) / 1000)
                .add("request", name, "p99_handled_time_micros",
                    latencies.intervalValueAtPercentile(code, 99.0) / 1000)
                .add("request", name, "max_handled_time_micros", latencies.intervalMax(code) / 1000);
            latencies.resetInterval(code);
        }
    }

    /**
     * Appends the node's counters and per-command latencies in the Prometheus format: totals since start, and
     * quantiles over the last minute (see {@link RequestLatencies}). Safe to call from any thread.
     *
     * @param metrics the page being built.
     */
    public synchronized void appendMetrics(final PrometheusText metrics)
    {
        metrics.family("swarm_bytes_sent_total", PrometheusText.Type.COUNTER, "Bytes sent to clients.")
            .sample("swarm_bytes_sent_total", bytesSent.get())
            .family("swarm_socket_writes_total", PrometheusText.Type.COUNTER,
                "Socket writes to clients (replies of a batch of pipelined requests leave in one).")
            .sample("swarm_socket_writes_total", socketWrites.get())
            .family("swarm_bytes_received_total", PrometheusText.Type.COUNTER, "Bytes received from clients.")
            .sample("swarm_bytes_received_total", bytesReceived.get())
            .family("swarm_connections", PrometheusText.Type.GAUGE, "Client connections holding a slot now.")
            .sample("swarm_connections", openConnections.get())
            .family("swarm_connection_limit", PrometheusText.Type.GAUGE, "Most connections served at once.")
            .sample("swarm_connection_limit", connectionLimit)
            .family("swarm_connections_declined_total", PrometheusText.Type.COUNTER,
                "Connections closed at once because every slot was busy.")
            .sample("swarm_connections_declined_total", declinedConnections.get())
            .family("swarm_protocol_errors_total", PrometheusText.Type.COUNTER,
                "Connections closed because the client broke the protocol.")
            .sample("swarm_protocol_errors_total", closedForProtocolErrors.get());

        metrics.family("swarm_requests_total", PrometheusText.Type.COUNTER,
            "Requests handled (finished or aborted), by command.");
        for (int code = 0; code < commandNames.length; code++)
        {
            if (null != commandNames[code])
            {
                metrics.sample("swarm_requests_total", "command", commandNames[code], requests.handled(code));
            }
        }
        metrics.family("swarm_requests_active", PrometheusText.Type.GAUGE, "Requests running now, by command.");
        for (int code = 0; code < commandNames.length; code++)
        {
            if (null != commandNames[code])
            {
                metrics.sample("swarm_requests_active", "command", commandNames[code], requests.active(code));
            }
        }

        final String duration = "swarm_request_duration_seconds";
        final String durationMax = "swarm_request_duration_max_seconds";
        metrics.family(duration, PrometheusText.Type.SUMMARY, "Handled time of requests, by command: quantiles " +
            "over the last minute (NaN when none), sum and count since start.");
        for (int code = 0; code < commandNames.length; code++)
        {
            final String name = commandNames[code];
            if (null == name)
            {
                continue;
            }
            latencies.windowInto(code, window);
            final boolean empty = 0 == window.getTotalCount();
            for (int q = 0; q < QUANTILES.length; q++)
            {
                metrics.sample(duration, "command", name, "quantile", QUANTILE_LABELS[q],
                    empty ? Double.NaN : window.getValueAtPercentile(QUANTILES[q]) / NANOS_PER_SECOND);
            }
            metrics.sample(duration + "_sum", "command", name, requests.handledNanos(code) / NANOS_PER_SECOND)
                .sample(duration + "_count", "command", name, requests.handled(code));
        }
        metrics.family(durationMax, PrometheusText.Type.GAUGE,
            "Longest handled time of a request over the last minute, by command (0 when none).");
        for (int code = 0; code < commandNames.length; code++)
        {
            if (null != commandNames[code])
            {
                latencies.windowInto(code, window);
                metrics.sample(durationMax, "command", commandNames[code],
                    0 == window.getTotalCount() ? 0 : window.getMaxValue() / NANOS_PER_SECOND);
            }
        }
    }

    private long sinceLastLine(final int figure, final long now)
    {
        final long since = now - printedNodeFigures[figure];
        printedNodeFigures[figure] = now;
        return since;
    }
}
