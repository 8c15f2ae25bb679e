package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient.TakeResult;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leases and acks survive the node process being killed with SIGKILL as acknowledged pushes do: after a restart on
 * the same folder every record leased and not acked is delivered again, first and with its delivery count kept,
 * and no acked record ever again.
 */
class QueueLeaseCrashTest
{
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int RECORDS = 2_000;
    private static final int TAKEN = 1_200;

    @TempDir
    Path work;

    @Test
    @Timeout(180)
    void shouldDeliverEveryUnackedLeasedRecordAgainAndNoAckedOneAfterAKill() throws Exception
    {
        final Map<String, Integer> unacked = new HashMap<>();
        final QueueNodeProcess node = start();
        try (NodeProcess process = node.process(); QueueNeoClient client = node.neoClient())
        {
            for (int i = 0; i < RECORDS; i++)
            {
                assertEquals(QueueNeoRequest.PUSH_PUSHED,
                    client.push(record(i).getBytes(StandardCharsets.US_ASCII), "jobs").get());
            }
            final List<TakeResult> taken = new ArrayList<>();
            for (int i = 0; i < TAKEN; i++)
            {
                final TakeResult result = client.take("jobs", HOUR).get();
                assertEquals(record(i), text(result), "take " + i);
                taken.add(result);
            }
            // Every third one nacked once and taken again (at the head: it is the next Take's), so some records
            // are at their second delivery at the kill.
            for (int i = 0; i < TAKEN; i += 3)
            {
                assertTrue(client.nack("jobs", taken.get(i).leaseId()).get());
                final TakeResult again = client.take("jobs", HOUR).get();
                assertEquals(record(i), text(again));
                assertEquals(2, again.deliveries());
                taken.set(i, again);
            }
            // Every even one acked.
            for (int i = 0; i < TAKEN; i++)
            {
                if (0 == i % 2)
                {
                    assertTrue(client.ack("jobs", taken.get(i).leaseId()).get());
                }
                else
                {
                    unacked.put(record(i), taken.get(i).deliveries());
                }
            }
            process.kill9();
        }

        node.restart();
        try (NodeProcess process = node.process(); QueueNeoClient client = node.neoClient())
        {
            // The unacked records first, oldest first, each one delivery further; then the records never taken.
            for (int i = 1; i < TAKEN; i += 2)
            {
                final TakeResult result = client.take("jobs", HOUR).get();
                final String value = text(result);
                assertEquals(record(i), value, "redelivery " + i);
                assertEquals(unacked.remove(value) + 1, result.deliveries(), "delivery count of " + value);
                assertTrue(client.ack("jobs", result.leaseId()).get());
            }
            for (int i = TAKEN; i < RECORDS; i++)
            {
                final TakeResult result = client.take("jobs", HOUR).get();
                assertEquals(record(i), text(result), "record " + i);
                assertEquals(1, result.deliveries());
            }
            assertFalse(client.take("jobs", HOUR).get().taken(), "no acked record comes back");
            assertTrue(unacked.isEmpty(), unacked.keySet().toString());
            assertTrue(process.isAlive(), process.logTail(20));
        }
    }

    private QueueNodeProcess start()
    {
        return QueueNodeProcess.startServingNeo(work, "[Leases]", "journal_size = 1048576");
    }

    private static String text(final TakeResult result)
    {
        assertTrue(result.taken(), "taken");
        return new String(result.value(), StandardCharsets.US_ASCII);
    }

    private static String record(final int i)
    {
        return String.format("%09d-lease-test", i);
    }
}
