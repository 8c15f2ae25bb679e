package org.swarmjvm.node.stats;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.swarmjvm.support.stats.StatsLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.node.testing.MetricsEndpoint.value;

class NodeStatsTest
{
    private static final int PUT = 1;
    private static final int GET = 2;

    private final NodeStats stats = new NodeStats(new String[]{null, "Put", "Get"}, 100, () -> 0L);

    @Test
    void shouldPrintFiguresSinceTheLastLineWhenMetricsKeepTotals() throws IOException
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        stats.registerMetrics(registry);
        stats.onBytesReceived(100);
        stats.onRequestStarted(PUT);
        stats.onRequestFinished(PUT, 2_000_000);
        final String first = line();
        assertTrue(first.contains("bytes_received:100 "), first);
        assertTrue(first.contains(" request/Put/handled:1 "), first);
        assertTrue(first.contains(" request/Put/handled_10_ms:1 "), first);
        assertTrue(first.matches(".* request/Put/p50_handled_time_micros:20(0\\d|1\\d) .*"),
            "2 ms within 1 %: " + first);

        stats.onBytesReceived(50);
        final String second = line();
        assertTrue(second.contains("bytes_received:50 "), second);

        final String text = page(registry);
        assertEquals(150, value(text, "swarm_bytes_received_total"), text);
        assertEquals(1, value(text, "swarm_requests_total{command=\"Put\"}"), text);
        assertEquals(0.002, value(text, "swarm_request_duration_seconds_sum{command=\"Put\"}"), 1e-9, text);
        assertEquals(0.002, value(text, "swarm_request_duration_seconds{command=\"Put\",quantile=\"0.99\"}"),
            0.002 * 0.01, text);
        assertEquals(100, value(text, "swarm_connection_limit"), text);
    }

    @Test
    void shouldLeaveOutOfTheLineTheCountersThatDidNotMove()
    {
        stats.onConnectionOpened();
        stats.onRequestStarted(GET);
        final String running = line();
        assertTrue(running.startsWith("bytes_sent:0 bytes_received:0 handling_connections:1 " +
            "handling_connections_pcnt:1 request/Get/max_active:1 request/Get/handled:0 "), running);
        assertFalse(running.contains("request/Put/"), running);
        assertFalse(running.contains("declined_connections"), running);

        stats.onRequestFinished(GET, 5_000);
        stats.onConnectionDeclined();
        final String finished = line();
        assertTrue(finished.contains(" declined_connections:1 "), finished);
        assertTrue(finished.contains(" request/Get/handled:1 request/Get/mean_handled_time_micros:5 " +
            "request/Get/handled_10_micros:1 "), finished);

        assertEquals("bytes_sent:0 bytes_received:0 handling_connections:1 handling_connections_pcnt:1", line(),
            "nothing moved: only the original's global figures");
    }

    @Test
    void shouldPublishNaNQuantilesWhenNoRequestRan() throws IOException
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        stats.registerMetrics(registry);
        final String text = page(registry);
        assertTrue(Double.isNaN(value(text, "swarm_request_duration_seconds{command=\"Put\",quantile=\"0.5\"}")),
            text);
        assertEquals(0, value(text, "swarm_request_duration_max_seconds{command=\"Put\"}"), text);
    }

    /**
     * @return the registry's metrics in the text format Prometheus scrapes.
     */
    static String page(final PrometheusRegistry registry) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private String line()
    {
        final StatsLine line = new StatsLine();
        stats.appendAndReset(line);
        return line.toString();
    }
}
