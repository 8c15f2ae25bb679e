package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient.TakeResult;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.protocol.queue.client.QueueClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
    private static final long ANSWER_SECONDS = 10;

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

    @Test
    @Timeout(180)
    void shouldNeverDeliverAgainARecordGivenBackThenPoppedOrConsumedAfterAKill() throws Exception
    {
        final QueueNodeProcess node = start();
        final List<String> consumed = new ArrayList<>();
        try (NodeProcess process = node.process(); QueueNeoClient client = node.neoClient();
            QueueClient legacy = new QueueClient(List.of(process.address())))
        {
            for (int i = 0; i < 6; i++)
            {
                push(client, "jobs", record(i));
            }
            // 0: nacked, then popped by a neo Pop.
            final TakeResult nacked = client.take("jobs", HOUR).get();
            assertTrue(client.nack("jobs", nacked.leaseId()).get());
            assertEquals(record(0), ascii(client.pop("jobs").get().value()));
            // 1: its lease expired, then popped by a legacy Pop.
            final TakeResult expiring = client.take("jobs", Duration.ofMillis(1)).get();
            assertEquals(record(1), text(expiring));
            awaitExpiry(client, expiring.leaseId());
            assertEquals(record(1), ascii(legacy.pop("jobs")));
            // 2: acked; 3: leased at the kill; 4 and 5 never taken.
            assertTrue(client.ack("jobs", client.take("jobs", HOUR).get().leaseId()).get());
            assertEquals(record(3), text(client.take("jobs", HOUR).get()));

            // A channel given back to, then consumed by a subscriber.
            for (int i = 0; i < 3; i++)
            {
                push(client, "fed", record(i));
            }
            assertTrue(client.nack("fed", client.take("fed", HOUR).get().leaseId()).get());
            consumed.addAll(consume(client, record(2)));
            // The record given back stays in the lease journal: Consume reads the subscriber's storage only.
            assertEquals(List.of(record(1), record(2)), consumed);
            process.kill9();
        }

        node.restart();
        try (NodeProcess process = node.process(); QueueNeoClient client = node.neoClient())
        {
            final TakeResult again = client.take("jobs", HOUR).get();
            assertEquals(record(3), text(again), "the record leased at the kill comes back first");
            assertEquals(2, again.deliveries());
            assertEquals(record(4), text(client.take("jobs", HOUR).get()));
            assertEquals(record(5), text(client.take("jobs", HOUR).get()));
            assertFalse(client.take("jobs", HOUR).get().taken(), "no record popped or acked comes back");
            assertEquals(QueueNeoRequest.POP_EMPTY, client.pop("jobs").get().status());

            push(client, "fed", record(9));
            final List<String> consumedAgain = consume(client, record(9));
            consumedAgain.retainAll(consumed);
            assertEquals(List.of(), consumedAgain, "no consumed record comes back; consumed before the kill: " +
                consumed);
            assertTrue(process.isAlive(), process.logTail(20));
        }
    }

    /**
     * Consumes the channel {@code fed} as its default subscriber until the record given arrives.
     *
     * @return the records consumed, in order.
     */
    private static List<String> consume(final QueueNeoClient client, final String last) throws Exception
    {
        final LinkedBlockingQueue<String> records = new LinkedBlockingQueue<>();
        final QueueNeoClient.Consumer consumer = client.consume("fed", "", value -> records.add(ascii(value)));
        consumer.started().get();
        final List<String> consumed = new ArrayList<>();
        while (consumed.isEmpty() || !last.equals(consumed.get(consumed.size() - 1)))
        {
            final String record = records.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
            assertNotNull(record, "consumed so far: " + consumed);
            consumed.add(record);
        }
        consumer.stop().get();
        return consumed;
    }

    /**
     * Polls with Extend until the node answers that the lease no longer runs: the expiry gave the record back.
     */
    private static void awaitExpiry(final QueueNeoClient client, final long leaseId) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
        while (client.extend("jobs", leaseId, Duration.ofMillis(1)).get())
        {
            assertTrue(System.nanoTime() - deadline < 0, "lease " + leaseId + " still runs");
            Thread.onSpinWait();
        }
    }

    private static void push(final QueueNeoClient client, final String channel, final String value) throws Exception
    {
        assertEquals(QueueNeoRequest.PUSH_PUSHED,
            client.push(value.getBytes(StandardCharsets.US_ASCII), channel).get());
    }

    private static String ascii(final byte[] value)
    {
        return null == value ? null : new String(value, StandardCharsets.US_ASCII);
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
