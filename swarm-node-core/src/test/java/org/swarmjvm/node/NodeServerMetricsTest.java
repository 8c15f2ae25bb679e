package org.swarmjvm.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.node.testing.MetricsEndpoint;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoHmac;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.node.testing.MetricsEndpoint.value;

/**
 * A node with a metrics port, driven over real sockets: the metrics page counts the requests and gives their
 * latency quantiles, the JVM's figures and the engine's channels, served by the metrics thread; the health check
 * answers 200 while the node serves and 503 while it stops; the stats line gets the interval percentiles; neo
 * connections are counted apart from the legacy ones.
 */
@Timeout(60)
class NodeServerMetricsTest
{
    private static final int PINGS = 200;
    private static final int NEO_CONNECTIONS = 3;

    @TempDir
    Path tempDir;

    @Test
    void shouldServeRequestCountsAndQuantilesWhenMetricsPortIsSet() throws IOException
    {
        final PingEngine engine = new PingEngine();
        final NodeContext context = new NodeContext().name("ping-node").port(0).metricsPort(0);
        try (NodeServer server = NodeServer.launch(context, engine))
        {
            ping(server.port(), PINGS);
            final MetricsEndpoint.Answer answer = MetricsEndpoint.get(server.metricsPort(), "/metrics");
            assertEquals(MetricsEndpoint.TEXT_FORMAT, answer.contentType());
            final String page = answer.body();

            assertTrue(page.contains("# TYPE swarm_requests_total counter\n"), page);
            assertEquals(PINGS, value(page, "swarm_requests_total{command=\"Ping\"}"), page);
            assertEquals(PINGS, value(page, "swarm_request_duration_seconds_count{command=\"Ping\"}"), page);
            final double p50 = value(page, "swarm_request_duration_seconds{command=\"Ping\",quantile=\"0.5\"}");
            final double p99 = value(page, "swarm_request_duration_seconds{command=\"Ping\",quantile=\"0.99\"}");
            final double max = value(page, "swarm_request_duration_max_seconds{command=\"Ping\"}");
            assertTrue(p50 > 0 && p50 <= p99 && p99 <= max * 1.01 && max < 10, page);
            assertTrue(value(page, "swarm_bytes_received_total") >= PINGS * 4, page);
            assertTrue(value(page, "swarm_bytes_sent_total") >= PINGS * 4, page);
            assertEquals(1, value(page, "swarm_node_info{name=\"ping-node\"}"), page);
            assertEquals(1, value(page, "swarm_channel_records{channel=\"pings\"}"), page);
            assertEquals(2, value(page, "swarm_channel_bytes{channel=\"pings\"}"), page);
            assertTrue(value(page, "jvm_memory_used_bytes{area=\"heap\"}") > 0, page);
            assertTrue(value(page, "jvm_threads_current") > 0, page);
            assertTrue(page.contains("\njvm_gc_collection_seconds_count{gc=\""), page);
            assertEquals("ping-node-metrics", engine.metricsThread.get(), "the page is built on the metrics thread");

            ping(server.port(), 1);
            assertEquals(PINGS + 1, value(MetricsEndpoint.page(server.metricsPort(), "/metrics"),
                "swarm_requests_total{command=\"Ping\"}"));
        }
    }

    @Test
    void shouldCountNeoConnectionsApartFromLegacyOnesAndNeoDeclinesWithTheOthers() throws IOException
    {
        final NeoContext neo = new NeoContext().port(0)
            .credentialsFile(NeoTestEngine.writeCredentials(tempDir.resolve("credentials")));
        final NodeContext context = new NodeContext().address("127.0.0.1").port(0).metricsPort(0)
            .connectionLimit(NEO_CONNECTIONS);
        try (NodeServer server = NodeServer.launch(context, new PingEngine(), neo, new NeoTestEngine()))
        {
            final int metricsPort = server.metricsPort();
            String page = MetricsEndpoint.awaitValue(metricsPort, "swarm_neo_connections", 0);
            assertEquals(NEO_CONNECTIONS, value(page, "swarm_neo_connection_limit"), page);
            assertTrue(page.contains("# TYPE swarm_neo_connections gauge\n"), page);

            final List<SocketChannel> open = new ArrayList<>();
            try
            {
                for (int i = 0; i < NEO_CONNECTIONS; i++)
                {
                    open.add(authenticatedNeo(server));
                }
                page = MetricsEndpoint.awaitValue(metricsPort, "swarm_neo_connections", NEO_CONNECTIONS);
                assertEquals(0, value(page, "swarm_connections"), "the legacy slots are counted apart: " + page);

                try (SocketChannel over = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.neoPort())))
                {
                    assertThrows(IOException.class, () -> NeoClient.authenticate(over, NeoTestEngine.CLIENT,
                        NeoHmac.keySpec(NeoTestEngine.KEY), System.currentTimeMillis() / 1000),
                        "over the limit");
                }
                page = MetricsEndpoint.awaitValue(metricsPort, "swarm_connections_declined_total", 1);
                assertEquals(NEO_CONNECTIONS, value(page, "swarm_neo_connections"), page);
            }
            finally
            {
                for (final SocketChannel channel : open)
                {
                    channel.close();
                }
            }
            MetricsEndpoint.awaitValue(metricsPort, "swarm_neo_connections", 0);
        }
    }

    @Test
    void shouldAnswerNotFoundWhenPathIsNeitherMetricsNorHealth() throws IOException
    {
        try (NodeServer server = NodeServer.launch(new NodeContext().port(0).metricsPort(0), new PingEngine()))
        {
            final MetricsEndpoint.Answer answer = MetricsEndpoint.get(server.metricsPort(), "/");
            assertEquals(404, answer.status());
            assertTrue(answer.body().contains("/metrics") && answer.body().contains("/health"), answer.body());
        }
    }

    @Test
    void shouldAnswerHealthyWhileServingAndUnavailableWhileStopping() throws Exception
    {
        final PingEngine engine = new PingEngine();
        engine.closeGate = new CountDownLatch(1);
        final NodeServer server = NodeServer.launch(new NodeContext().port(0).metricsPort(0), engine);
        final int port = server.metricsPort();
        final Thread closing = new Thread(server::close, "closing");
        try
        {
            assertEquals(new MetricsEndpoint.Answer(200, "text/plain; charset=utf-8", "serving\n"),
                MetricsEndpoint.get(port, "/health"));
            closing.start();
            assertEquals("stopping\n", MetricsEndpoint.awaitStatus(port, "/health", 503).body(),
                "503 from the start of the stop: the engine still writes its data");
            assertTrue(MetricsEndpoint.page(port, "/metrics").contains("\njvm_threads_current "));
        }
        finally
        {
            engine.closeGate.countDown();
            closing.join();
        }
    }

    @Test
    void shouldServeNoMetricsWhenPortIsOff()
    {
        try (NodeServer server = NodeServer.launch(new NodeContext().port(0), new PingEngine()))
        {
            assertEquals(NodeContext.METRICS_OFF, server.metricsPort());
        }
    }

    @Test
    void shouldWritePercentilesOfTheIntervalInStatsLog() throws IOException
    {
        final Path statsFile = tempDir.resolve("log/stats.log");
        final NodeContext context = new NodeContext().port(0).statsFile(statsFile);
        try (NodeServer server = NodeServer.launch(context, new PingEngine()))
        {
            ping(server.port(), 10);
        }
        final List<String> lines = Files.readAllLines(statsFile);
        final String line = lines.get(lines.size() - 1);
        assertTrue(line.contains(" request/Ping/handled:10 "), line);
        final long p50 = Long.parseLong(field(line, "request/Ping/p50_handled_time_micros"));
        final long p99 = Long.parseLong(field(line, "request/Ping/p99_handled_time_micros"));
        final long max = Long.parseLong(field(line, "request/Ping/max_handled_time_micros"));
        assertTrue(p50 <= p99 && p99 <= max, line);
        assertTrue(line.endsWith(" pings_engine:1"), line);
    }

    private static void ping(final int port, final int count) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            final OutputStream out = socket.getOutputStream();
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final byte[] request = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(PingEngine.PING)
                .array();
            final byte[] status = new byte[4];
            for (int i = 0; i < count; i++)
            {
                out.write(request);
                in.readFully(status);
                assertEquals(SwarmStatus.OK.code(), ByteBuffer.wrap(status).order(ByteOrder.LITTLE_ENDIAN).getInt());
            }
        }
    }

    private static SocketChannel authenticatedNeo(final NodeServer server) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.neoPort()));
        NeoClient.authenticate(channel, NeoTestEngine.CLIENT, NeoHmac.keySpec(NeoTestEngine.KEY),
            System.currentTimeMillis() / 1000);
        return channel;
    }

    private static String field(final String line, final String name)
    {
        final Matcher matcher = Pattern.compile(" " + Pattern.quote(name) + ":(\\S+)").matcher(line);
        assertTrue(matcher.find(), "no " + name + " in " + line);
        return matcher.group(1);
    }
}
