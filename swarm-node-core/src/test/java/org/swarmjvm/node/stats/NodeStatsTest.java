package org.swarmjvm.node.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeStatsTest
{
    private static final int PUT = 1;

    private final NodeStats stats = new NodeStats(new String[]{null, "Put"}, 100, () -> 0L);

    @Test
    void shouldPrintFiguresSinceTheLastLineWhenMetricsKeepTotals()
    {
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
        assertTrue(second.contains(" request/Put/handled:0 "), second);
        assertTrue(second.contains(" request/Put/handled_10_ms:0 "), second);
        assertTrue(second.contains(" request/Put/max_handled_time_micros:0"), second);

        final PrometheusText page = new PrometheusText();
        stats.appendMetrics(page);
        final String text = page.toString();
        assertTrue(text.contains("\nswarm_bytes_received_total 150\n"), text);
        assertTrue(text.contains("\nswarm_requests_total{command=\"Put\"} 1\n"), text);
        assertTrue(text.contains("\nswarm_request_duration_seconds_sum{command=\"Put\"} 0.002\n"), text);
        assertTrue(text.contains("\nswarm_request_duration_seconds{command=\"Put\",quantile=\"0.99\"} 0.00"), text);
        assertTrue(text.contains("\nswarm_connection_limit 100\n"), text);
    }

    @Test
    void shouldPublishNaNQuantilesWhenNoRequestRan()
    {
        final PrometheusText page = new PrometheusText();
        stats.appendMetrics(page);
        final String text = page.toString();
        assertTrue(text.contains("\nswarm_request_duration_seconds{command=\"Put\",quantile=\"0.5\"} NaN\n"), text);
        assertTrue(text.contains("\nswarm_request_duration_max_seconds{command=\"Put\"} 0\n"), text);
    }

    private String line()
    {
        final StatsLine line = new StatsLine();
        stats.appendAndReset(line);
        return line.toString();
    }
}
