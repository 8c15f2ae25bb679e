package org.swarmjvm.cli.dht;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.cli.CliRun;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.TestPorts;
import org.swarmjvm.protocol.dht.HashRange;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DHT node with a metrics port, loaded through the command-line client, then scraped over HTTP: the page counts
 * the requests per command and gives their p50 and p99.
 */
@Timeout(60)
class DhtMetricsTest
{
    private static final int PUTS = 50;

    @TempDir
    Path tempDir;

    @Test
    void shouldShowRequestCountsAndLatencyPerCommandWhenScrapedAfterLoad() throws IOException
    {
        final int metricsPort = TestPorts.closedPort();
        try (TestCluster cluster = new TestCluster(tempDir, List.of(HashRange.FULL), metricsPort))
        {
            final String node = cluster.node(0);
            for (int i = 0; i < PUTS; i++)
            {
                final CliRun put = CliRun.run("dht", "put", "--node", node, "load", Integer.toHexString(i),
                    "value " + i);
                assertEquals(ExitCode.OK, put.exitCode(), put::toString);
            }
            assertEquals(ExitCode.OK, CliRun.run("dht", "get", "--node", node, "load", "1").exitCode());
            assertEquals(ExitCode.NOT_FOUND, CliRun.run("dht", "get", "--node", node, "load", "ffff").exitCode());

            final String page = fetch(metricsPort);
            assertEquals(PUTS, value(page, "swarm_requests_total{command=\"Put\"}"), page);
            assertEquals(2, value(page, "swarm_requests_total{command=\"Get\"}"), page);
            // Every CLI run connects afresh: GetVersion and GetResponsibleRange once per run.
            assertEquals(PUTS + 2, value(page, "swarm_requests_total{command=\"GetVersion\"}"), page);
            for (final String command : List.of("Put", "Get"))
            {
                final double p50 = value(page,
                    "swarm_request_duration_seconds{command=\"" + command + "\",quantile=\"0.5\"}");
                final double p99 = value(page,
                    "swarm_request_duration_seconds{command=\"" + command + "\",quantile=\"0.99\"}");
                assertTrue(p50 > 0 && p50 <= p99 && p99 < 5, command + " p50 " + p50 + " p99 " + p99);
            }
            assertTrue(page.contains("swarm_node_info{name=\"dht-node-0\"} 1\n"), page);
        }
    }

    private static String fetch(final int port) throws IOException
    {
        final HttpURLConnection http =
            (HttpURLConnection)URI.create("http://127.0.0.1:" + port + "/metrics").toURL().openConnection();
        try (InputStream body = http.getInputStream())
        {
            assertEquals(200, http.getResponseCode());
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        finally
        {
            http.disconnect();
        }
    }

    private static double value(final String page, final String sample)
    {
        final Matcher matcher = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(page);
        assertTrue(matcher.find(), "no sample " + sample + " in:\n" + page);
        return Double.parseDouble(matcher.group(1));
    }
}
