package org.swarmjvm.logfiles.node.neo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.LogfilesNode;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.MetricsEndpoint;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoClient;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.node.testing.MetricsEndpoint.value;

/**
 * Neo and legacy requests count into one stats line: {@code action/handled/*} for records stored and returned by
 * either port, and the core's {@code neo_request/<name>/handled} per neo request with its handled-time figures.
 */
@Timeout(60)
class NeoStatsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCountNeoAndLegacyRecordsInOneStatsLine() throws IOException
    {
        final Path stats = dir.resolve("stats.log");
        try (LogfilesNode node = NeoTestNodes.launch(dir,
            context ->
            {
                context.node().statsFile(stats).statsInterval(Duration.ofMillis(200));
                return context;
            });
            LogfilesNeoClient neo = new LogfilesNeoClient(NeoClient.connect("127.0.0.1", node.neoPort(),
                NeoTestNodes.CLIENT, NeoRawConnection.ZERO_KEY));
            LogfilesClient legacy = new LogfilesClient(new InetSocketAddress("127.0.0.1", node.port())))
        {
            assertEquals(LogfilesNeoRequest.PUT_OK, neo.put("counted", 10, ascii("12345")).join());
            assertEquals(LogfilesNeoRequest.PUT_OK, neo.put("counted", 20, ascii("123")).join());
            assertEquals(SwarmStatus.OK, legacy.put("counted", 30, ascii("1")));
            assertEquals(2, neo.getRange("counted", 0, 25, "", LogfilesNeoRequest.FILTER_NONE).join().size());
            Await.until("2 neo Puts, 1 legacy Put and 2 records returned counted",
                () -> 5 == sum(stats, "action/handled/records") && 17 == sum(stats, "action/handled/bytes") &&
                    2 == sum(stats, "neo_request/Put/handled") && 1 == sum(stats, "neo_request/GetRange/handled"));
            assertEquals(2, sum(stats, "neo_request/Put/handled_10_micros") +
                sum(stats, "neo_request/Put/handled_100_micros") + sum(stats, "neo_request/Put/handled_1_ms") +
                sum(stats, "neo_request/Put/handled_10_ms") + sum(stats, "neo_request/Put/handled_100_ms") +
                sum(stats, "neo_request/Put/handled_over_100_ms"), "every timed neo Put in one handled-time bucket");
            assertTrue(Files.readString(stats).contains("neo_request/GetRange/mean_handled_time_micros:"),
                "GetRange is timed");
        }
    }

    @Test
    void shouldServeBytesPerChannelAndHealthWhenMetricsPortIsSet() throws IOException
    {
        try (LogfilesNode node = NeoTestNodes.launch(dir,
            context ->
            {
                context.node().metricsPort(0);
                return context;
            });
            LogfilesClient legacy = new LogfilesClient(new InetSocketAddress("127.0.0.1", node.port())))
        {
            assertEquals(SwarmStatus.OK, legacy.put("gauged", 30, ascii("12345")));
            assertEquals("serving\n", MetricsEndpoint.get(node.metricsPort(), "/health").body());
            final String bytes = "swarm_channel_bytes{channel=\"gauged\"}";
            Await.until("the record in the channel's files, by the write_flush timer", () ->
            {
                final String page = MetricsEndpoint.page(node.metricsPort(), "/metrics");
                return MetricsEndpoint.has(page, bytes) && value(page, bytes) >= 5;
            });
            final String page = MetricsEndpoint.page(node.metricsPort(), "/metrics");
            assertFalse(MetricsEndpoint.has(page, "swarm_channel_records{channel=\"gauged\"}"),
                "the storage keeps no count of records: " + page);
            assertEquals(1, value(page, "swarm_requests_total{command=\"Put\"}"), page);
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static long sum(final Path stats, final String name)
    {
        if (!Files.exists(stats))
        {
            return 0;
        }
        final Pattern field = Pattern.compile("(^| )" + Pattern.quote(name) + ":([0-9]+)");
        long total = 0;
        try
        {
            for (final String line : Files.readAllLines(stats))
            {
                final Matcher matcher = field.matcher(line);
                total += matcher.find() ? Long.parseLong(matcher.group(2)) : 0;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return total;
    }
}
