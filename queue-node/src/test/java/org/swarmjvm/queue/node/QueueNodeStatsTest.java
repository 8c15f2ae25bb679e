package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
