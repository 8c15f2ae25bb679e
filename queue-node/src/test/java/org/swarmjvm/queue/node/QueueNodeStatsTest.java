package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.MetricsEndpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.node.testing.MetricsEndpoint.value;

class QueueNodeStatsTest
{
    @TempDir
    Path work;

    @Test
    @Timeout(30)
    void shouldWriteFillLevelPerChannelWhenStatsAreOn() throws IOException
    {
        final Path stats = work.resolve("log/stats.log");
        try (QueueNode node = QueueNode.launch(QueueNodeTranscriptTest.testContext(work.resolve("data"))
            .channelSizeById("fill", 1000)
            .statsFile(stats)
            .statsInterval(Duration.ofMillis(100))))
        {
            try (RawConnection c = new RawConnection(node.port()))
            {
                for (int i = 0; i < 5; i++)
                {
                    assertEquals(200, QueueNodeSocketTest.push(c, "fill_level", "x".repeat(92)));
                }
            }
            final long deadline = System.nanoTime() + 20_000_000_000L;
            String text = "";
            while (!text.contains("channel/fill_level/percent_memory:50") && System.nanoTime() < deadline)
            {
                text = Files.exists(stats) ? Files.readString(stats) : "";
            }
            assertTrue(text.contains("channel/fill_level/percent_memory:50"), text);
            assertTrue(text.contains("channel/fill_level/records:5"), text);
            assertTrue(text.contains("channel/fill_level/bytes_memory:500"), text);
        }
    }

    @Test
    @Timeout(30)
    void shouldServeRecordsAndBytesPerChannelAndHealthWhenMetricsPortIsSet() throws IOException
    {
        try (QueueNode node = QueueNode.launch(QueueNodeTranscriptTest.testContext(work.resolve("data"))
            .metricsPort(0)))
        {
            try (RawConnection c = new RawConnection(node.port()))
            {
                for (int i = 0; i < 5; i++)
                {
                    assertEquals(200, QueueNodeSocketTest.push(c, "gauged", "x".repeat(92)));
                }
            }
            assertEquals("serving\n", MetricsEndpoint.get(node.metricsPort(), "/health").body());
            final String page = MetricsEndpoint.page(node.metricsPort(), "/metrics");
            assertEquals(5, value(page, "swarm_channel_records{channel=\"gauged\"}"), page);
            assertEquals(500, value(page, "swarm_channel_bytes{channel=\"gauged\"}"), "8 bytes a record in memory");
            assertEquals(5, value(page, "swarm_requests_total{command=\"Push\"}"), page);
            assertTrue(value(page, "jvm_memory_used_bytes{area=\"heap\"}") > 0, page);
        }
    }
}
