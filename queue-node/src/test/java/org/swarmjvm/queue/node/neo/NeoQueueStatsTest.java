package org.swarmjvm.queue.node.neo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.queue.node.QueueNode;
import org.swarmjvm.queue.node.config.QueueNodeContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;

class NeoQueueStatsTest
{
    private static final Pattern PUSHES = Pattern.compile("neo_request/push/handled:(\\d+)");

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldCountNeoConnectionsAndRequestsInTheStatsLine() throws IOException
    {
        final Path stats = dir.resolve("log/stats.log");
        final QueueNodeContext context = new QueueNodeContext().address("127.0.0.1").port(0).neoPort(0)
            .dataDirectory(dir.resolve("data")).channelSizeLimit(100_000).statsFile(stats)
            .statsInterval(Duration.ofMillis(100));
        context.neo().credentialsFile(NeoRawConnection.writeCredentials(dir));
        try (QueueNode node = QueueNode.launch(context);
            NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            for (int id = 1; id <= 3; id++)
            {
                raw.request(id, "01 03 01" + array("counted") + array("r")).answer(id, "fd").answer(id, "01");
            }
            raw.request(9, "06 04" + array("counted") + array("s")).answer(9, "fd").answer(9, "01");
            final String text = awaitStats(stats, "neo_request/consume/max_active:1");
            assertTrue(text.contains("handling_neo_connections:1"), text);
            assertTrue(text.contains("channel/counted/records:"), text);
            final String counted = awaitStats(stats, "neo_request/push/handled:", 3);
            assertEquals(3, pushesCounted(counted), counted);
            assertTrue(counted.contains("neo_request/push/mean_handled_time_micros:"), "push is timed: " + counted);
            assertTrue(counted.contains("neo_request/push/handled_over_100_ms:"), "push is timed: " + counted);
            assertFalse(counted.contains("neo_request/pop/"), "pop never ran, its figures are left out: " + counted);
            assertFalse(counted.contains("neo_request/consume/mean_handled_time_micros"),
                "consume, a stream, is not timed: " + counted);
        }
    }

    private static String awaitStats(final Path stats, final String wanted) throws IOException
    {
        return awaitStats(stats, wanted, -1);
    }

    private static String awaitStats(final Path stats, final String wanted, final int pushes) throws IOException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String text = "";
        while (System.nanoTime() < deadline)
        {
            text = Files.exists(stats) ? Files.readString(stats) : "";
            if (text.contains(wanted) && (pushes < 0 || pushesCounted(text) >= pushes))
            {
                return text;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return text;
    }

    private static long pushesCounted(final String text)
    {
        long sum = 0;
        final Matcher matcher = PUSHES.matcher(text);
        while (matcher.find())
        {
            sum += Long.parseLong(matcher.group(1));
        }
        return sum;
    }
}
