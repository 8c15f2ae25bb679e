package org.swarmjvm.node.stats;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.agrona.ErrorHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Serves {@code GET /metrics} in the Prometheus text format with the JDK's HTTP server, on one thread of its own
 * (never the poller's): a scrape only reads counters and drains the latency recorders. The same thread drains the
 * recorders once per window slot between scrapes, so the "last minute" quantiles hold the last minute.
 */
public final class MetricsHttpServer implements AutoCloseable
{
    /** The path served. */
    public static final String PATH = "/metrics";
    private static final Logger LOG = System.getLogger(MetricsHttpServer.class.getName());

    private final HttpServer server;
    private final ScheduledExecutorService thread;
    private final Consumer<PrometheusText> source;

    /**
     * Binds the port and starts serving.
     *
     * @param name     of the node, for the thread name.
     * @param address  IPv4 address to bind.
     * @param port     to bind; 0 for any free port.
     * @param source   fills each page.
     * @param drainAll run once per latency window slot.
     * @param fatal    called with an Error of a drain: the timer would stop draining silently.
     * @throws UncheckedIOException when the port cannot be bound.
     */
    public MetricsHttpServer(
        final String name,
        final String address,
        final int port,
        final Consumer<PrometheusText> source,
        final Runnable drainAll,
        final ErrorHandler fatal)
    {
        this.source = source;
        try
        {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(
                "cannot bind the metrics port " + address + ":" + port + ": " + ex.getMessage(), ex);
        }
        thread = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread metricsThread = new Thread(r, name + "-metrics");
            metricsThread.setDaemon(true);
            return metricsThread;
        });
        server.setExecutor(thread);
        server.createContext("/", this::handle);
        thread.scheduleAtFixedRate(() -> drain(drainAll, fatal), RequestLatencies.SLOT_SECONDS,
            RequestLatencies.SLOT_SECONDS, TimeUnit.SECONDS);
        server.start();
    }

    /**
     * @return the port bound.
     */
    public int port()
    {
        return server.getAddress().getPort();
    }

    private static void drain(final Runnable drainAll, final ErrorHandler fatal)
    {
        try
        {
            drainAll.run();
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

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            if (!PATH.equals(exchange.getRequestURI().getPath()))
            {
                answer(exchange, 404, "not found: the metrics are at " + PATH + "\n");
            }
            else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod()))
            {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                answer(exchange, 405, "method not allowed\n");
            }
            else
            {
                final PrometheusText page = new PrometheusText();
                source.accept(page);
                answer(exchange, 200, page.toString());
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.log(Level.WARNING, "metrics page failed", ex);
            throw ex;
        }
    }

    private static void answer(final HttpExchange exchange, final int status, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", 200 == status ? PrometheusText.CONTENT_TYPE :
            "text/plain; charset=utf-8");
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
        server.stop(0);
        thread.shutdownNow();
    }
}
