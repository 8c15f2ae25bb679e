package org.swarmjvm.node.stats;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.agrona.ErrorHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A node's metrics endpoint, served by the Prometheus client library's HTTP server on one thread of its own (never
 * the poller's), from the time the node starts loading its data until it has stopped:
 * <ul>
 *     <li>{@value #METRICS_PATH}: the JVM's heap, GC, buffer pools, threads and process figures, the node's name,
 *     the records, bytes and stored bytes per channel, and, once it serves, its request counters and latencies.
 *     Everything is read at scrape time through callbacks: the request path counts as it always did and never
 *     here;</li>
 *     <li>{@value #HEALTH_PATH}: 200 while the node serves, 503 while it loads or stops (a load balancer or a
 *     readiness probe sends it no clients then).</li>
 * </ul>
 * The same thread drains the latency recorders once per window slot between scrapes, so the "last minute"
 * quantiles hold the last minute. With the metrics port off, nothing is bound and every call does nothing.
 */
public final class NodeMetrics implements AutoCloseable
{
    /** The path of the metrics page. */
    public static final String METRICS_PATH = "/metrics";
    /** The path of the health check. */
    public static final String HEALTH_PATH = "/health";
    /** The port of metrics that are off. */
    public static final int OFF = -1;
    private static final Logger LOG = System.getLogger(NodeMetrics.class.getName());

    /** What the node is doing, as the health check tells it. */
    private enum State
    {
        /** Loading its data: not serving yet. */
        LOADING,
        /** Serving requests. */
        SERVING,
        /** Stopping: closing connections, writing its data. */
        STOPPING
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ScheduledExecutorService thread;
    private final HTTPServer server;
    private volatile State state = State.LOADING;
    private volatile ChannelFigures channels = visitor -> { };

    private NodeMetrics()
    {
        thread = null;
        server = null;
    }

    private NodeMetrics(final String name, final String address, final int port)
    {
        thread = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread metricsThread = new Thread(r, name + "-metrics");
            metricsThread.setDaemon(true);
            return metricsThread;
        });
        JvmMemoryMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
        Info.builder().name("swarm_node_info").help("Always 1; the label names the node.").labelNames("name")
            .register(registry).setLabelValues(name);
        GaugeWithCallback.builder().name("swarm_channel_records").help("Records a channel holds now.")
            .labelNames("channel").callback(callback -> channels.forEachChannel((channel, records, bytes) ->
            {
                if (ChannelFigures.RECORDS_UNKNOWN != records)
                {
                    callback.call(records, channel);
                }
            })).register(registry);
        GaugeWithCallback.builder().name("swarm_channel_bytes").help("Bytes a channel holds now.")
            .labelNames("channel")
            .callback(callback -> channels.forEachChannel((channel, records, bytes) -> callback.call(bytes, channel)))
            .register(registry);
        GaugeWithCallback.builder().name("swarm_channel_stored_bytes")
            .help("Bytes the storage holds for a channel now: as swarm_channel_bytes unless it compresses.")
            .labelNames("channel")
            .callback(callback -> channels.forEachChannelStored((channel, stored) -> callback.call(stored, channel)))
            .register(registry);
        try
        {
            server = HTTPServer.builder().hostname(address).port(port).registry(registry).executorService(thread)
                .metricsHandlerPath(METRICS_PATH).registerHealthHandler(false).defaultHandler(this::handle)
                .buildAndStart();
        }
        catch (final IOException ex)
        {
            thread.shutdownNow();
            throw new UncheckedIOException(
                "cannot bind the metrics port " + address + ":" + port + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Binds the metrics port and serves the JVM's metrics, and {@value #HEALTH_PATH} as loading; with the port
     * {@link #OFF}, binds nothing.
     *
     * @param name    of the node, for the thread name and the info metric.
     * @param address IPv4 address to bind.
     * @param port    to bind; 0 for any free port; {@link #OFF} for none.
     * @return the endpoint.
     * @throws UncheckedIOException when the port cannot be bound.
     */
    public static NodeMetrics start(final String name, final String address, final int port)
    {
        return OFF == port ? new NodeMetrics() : new NodeMetrics(name, address, port);
    }

    /**
     * @return the port bound, or {@link #OFF}.
     */
    public int port()
    {
        return null == server ? OFF : server.getPort();
    }

    /**
     * Publishes one more per-channel gauge, {@code swarm_channel_<figure>}, for figures only one kind of node has
     * (the queue's leased records). The source is read from the metrics thread at scrape time.
     *
     * @param figure name after {@code swarm_channel_}.
     * @param help   the gauge's help text.
     * @param source tells each channel's value.
     */
    public void channelGauge(final String figure, final String help, final ChannelGauge source)
    {
        GaugeWithCallback.builder().name("swarm_channel_" + figure).help(help).labelNames("channel")
            .callback(callback -> source.forEachChannel((channel, value) -> callback.call(value, channel)))
            .register(registry);
    }

    /**
     * The values of one per-channel figure.
     */
    @FunctionalInterface
    public interface ChannelGauge
    {
        /**
         * @param visitor told each channel's value.
         */
        void forEachChannel(ChannelValue visitor);
    }

    /**
     * Told one channel's value of a figure.
     */
    @FunctionalInterface
    public interface ChannelValue
    {
        /**
         * @param channel the channel.
         * @param value   its figure now.
         */
        void channel(String channel, double value);
    }

    /**
     * Publishes the records and bytes of each channel, from now on (during a load, as they grow).
     *
     * @param figures of the node's storage.
     */
    public void channels(final ChannelFigures figures)
    {
        channels = figures;
    }

    /**
     * The node serves: its request figures are published and the health check answers 200.
     *
     * @param stats    the node's counters.
     * @param channels the figures of its storage.
     * @param fatal    called with an Error of a recorder drain: the timer would stop draining silently.
     */
    public void serving(final NodeStats stats, final ChannelFigures channels, final ErrorHandler fatal)
    {
        if (null == server)
        {
            return;
        }
        stats.registerMetrics(registry);
        channels(channels);
        thread.scheduleAtFixedRate(() -> drain(stats.latencies(), fatal), RequestLatencies.SLOT_SECONDS,
            RequestLatencies.SLOT_SECONDS, TimeUnit.SECONDS);
        state = State.SERVING;
    }

    /**
     * The node stops: the health check answers 503 from now on, the metrics until {@link #close()}.
     */
    public void stopping()
    {
        state = State.STOPPING;
    }

    private static void drain(final RequestLatencies latencies, final ErrorHandler fatal)
    {
        try
        {
            latencies.drainAll();
        }
        catch (final RuntimeException ex)
        {
            // Logged and carried on: a failed drain must not cancel the ones after it.
            LOG.log(Level.WARNING, "draining the latency recorders failed", ex);
        }
        catch (final Error error)
        {
            fatal.onError(error);
        }
    }

    /**
     * Every path but the metrics page: the health check, or 404.
     */
    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final State now = state;
            if (!HEALTH_PATH.equals(exchange.getRequestURI().getPath()))
            {
                answer(exchange, 404, "not found: the metrics are at " + METRICS_PATH + ", the health check at " +
                    HEALTH_PATH + "\n");
            }
            else
            {
                answer(exchange, State.SERVING == now ? 200 : 503, now.name().toLowerCase(Locale.ROOT) + "\n");
            }
        }
    }

    private static void answer(final HttpExchange exchange, final int status, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head)
        {
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        }
    }

    /**
     * Stops serving at once and stops the thread.
     */
    @Override
    public void close()
    {
        if (null != server)
        {
            server.close();
            thread.shutdownNow();
        }
    }
}
