package org.swarmjvm.queue.node.neo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.MetricsEndpoint;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.queue.node.QueueNode;
import org.swarmjvm.queue.node.storage.LeaseSettings;
import org.swarmjvm.queue.node.storage.LeaseTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.node.testing.MetricsEndpoint.value;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;

/**
 * Leased delivery (Take, Ack, Nack, Extend) byte by byte against docs/neo.md "Leased delivery", the rules of the
 * lease table over sockets, and the refusals of bad input.
 */
@Timeout(60)
class NeoLeasedDeliveryTest
{
    private static final int MAX_DELIVERIES = 3;
    /** A lease of one hour: u64 3 600 000 ms. */
    private static final String HOUR = "80ee360000000000";

    @TempDir
    Path dir;

    private QueueNode node;

    @BeforeEach
    void start() throws IOException
    {
        node = NeoQueueNodes.launch(dir, new LeaseSettings(MAX_DELIVERIES, "-dead", LeaseSettings.MIN_JOURNAL_LENGTH));
    }

    @AfterEach
    void stop()
    {
        node.close();
    }

    @Test
    void shouldAnswerTheDocumentedTakeAckNackAndExtendExchanges() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(9, "01 03 02" + array("jobs") + array("jobs") + array("hi")).answer(9, "fd").answer(9, "01");
            // Take "jobs" with a lease of 30 000 ms: lease 1, first delivery, "hi".
            raw.send("01 1e00000000000000 1f 0100000000000000 14 00 0400000000000000 6a6f6273 3075000000000000");
            raw.expect("01 0900000000000000 08 0100000000000000 fd");
            raw.expect("01 1f00000000000000 1e 0100000000000000 01 0100000000000000 01000000" +
                " 0200000000000000 6869");
            // Extend lease 1 by 60 000 ms: Done.
            raw.send("01 2600000000000000 27 0200000000000000 17 00 0400000000000000 6a6f6273 0100000000000000" +
                " 60ea000000000000");
            raw.expect("01 0900000000000000 08 0200000000000000 fd");
            raw.expect("01 0900000000000000 08 0200000000000000 01");
            // Ack lease 1: Done; twice: Unknown.
            raw.send("01 1e00000000000000 1f 0300000000000000 15 00 0400000000000000 6a6f6273 0100000000000000");
            raw.expect("01 0900000000000000 08 0300000000000000 fd");
            raw.expect("01 0900000000000000 08 0300000000000000 01");
            raw.request(3, "15 00" + array("jobs") + "0100000000000000").answer(3, "fd").answer(3, "02");
            // The second "hi": lease 2; Nack: Done; taken again with its second delivery under lease 3.
            raw.request(4, "14 00" + array("jobs") + HOUR).answer(4, "fd")
                .answer(4, "01 0200000000000000 01000000" + array("hi"));
            raw.send("01 1e00000000000000 1f 0500000000000000 16 00 0400000000000000 6a6f6273 0200000000000000");
            raw.expect("01 0900000000000000 08 0500000000000000 fd");
            raw.expect("01 0900000000000000 08 0500000000000000 01");
            raw.request(6, "14 00" + array("jobs") + HOUR).answer(6, "fd")
                .answer(6, "01 0300000000000000 02000000" + array("hi"));
            raw.request(7, "14 00" + array("jobs") + HOUR).answer(7, "fd").answer(7, "02");
        }
    }

    @Test
    void shouldRefuseBadInputWithTheDocumentedStatuses() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "01 03 01" + array("q") + array("v")).answer(1, "fd").answer(1, "01");
            // Leases of 0 ms and of a day and 1 ms: Error, nothing taken.
            raw.request(2, "14 00" + array("q") + "0000000000000000").answer(2, "fd").answer(2, "03");
            raw.request(3, "14 00" + array("q") + "015c260500000000").answer(3, "fd").answer(3, "03");
            raw.request(4, "14 00" + array("q") + "ffffffffffffffff").answer(4, "fd").answer(4, "03");
            raw.request(5, "14 00" + array("bad name") + HOUR).answer(5, "fd").answer(5, "03");
            raw.request(6, "15 00" + array("a/b") + "0100000000000000").answer(6, "fd").answer(6, "03");
            raw.request(7, "16 00" + array("") + "0100000000000000").answer(7, "fd").answer(7, "03");
            // Unknown leases: on a channel without leases, on a missing channel, of an id never given.
            raw.request(8, "15 00" + array("q") + "0100000000000000").answer(8, "fd").answer(8, "02");
            raw.request(9, "16 00" + array("nowhere") + "0100000000000000").answer(9, "fd").answer(9, "02");
            raw.request(10, "14 00" + array("q") + "005c260500000000").answer(10, "fd")
                .answer(10, "01 0100000000000000 01000000" + array("v"));
            raw.request(11, "17 00" + array("q") + "0200000000000000" + HOUR).answer(11, "fd").answer(11, "02");
            raw.request(12, "17 00" + array("q") + "0100000000000000" + "0000000000000000").answer(12, "fd")
                .answer(12, "03");
            raw.request(13, "16 00" + array("q") + "0200000000000000").answer(13, "fd").answer(13, "02");
            // An unknown version of a known request.
            raw.request(14, "14 01" + array("q") + HOUR).answer(14, "fe");
            // Still leased: the Ack of lease 1 is Done.
            raw.request(15, "15 00" + array("q") + "0100000000000000").answer(15, "fd").answer(15, "01");
            // Arguments that do not parse close the connection.
            raw.request(16, "14 00" + array("q") + "3075");
            raw.expect("01 0900000000000000 08 1000000000000000 fd");
            raw.expectEof();
        }
    }

    @Test
    void shouldHideALeasedRecordFromPopsAndGiveItBackAtTheHeadWhenItsLeaseExpires() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node);
            QueueClient legacy = NeoQueueNodes.legacyClient(node))
        {
            for (final String value : new String[] {"r0", "r1", "r2"})
            {
                legacy.push("jobs", value.getBytes(StandardCharsets.US_ASCII));
            }
            raw.request(1, "14 00" + array("jobs") + HOUR).answer(1, "fd")
                .answer(1, "01 0100000000000000 01000000" + array("r0"));
            // While it runs, the legacy and the neo Pop get the records after it.
            assertArrayEquals(bytes("r1"), legacy.pop("jobs"));
            raw.request(2, "02 01" + array("jobs")).answer(2, "fd").answer(2, "01" + array("r2"));
            raw.request(3, "02 01" + array("jobs")).answer(3, "fd").answer(3, "02");
            // Its lease cut to 1 ms: the timer gives r0 back, with no request asking.
            raw.request(7, "17 00" + array("jobs") + "0100000000000000" + "0100000000000000").answer(7, "fd")
                .answer(7, "01");
            final LeaseTable leases = node.storage().channel("jobs").leases();
            await(() -> 1 == leases.ready() && 0 == leases.leased());
            assertEquals(1, leases.redelivered());
            // Its Ack comes too late; a Take gets it again, its second delivery.
            raw.request(4, "15 00" + array("jobs") + "0100000000000000").answer(4, "fd").answer(4, "02");
            raw.request(5, "14 00" + array("jobs") + HOUR).answer(5, "fd")
                .answer(5, "01 0200000000000000 02000000" + array("r0"));
            raw.request(6, "16 00" + array("jobs") + "0200000000000000").answer(6, "fd").answer(6, "01");
            // Given back, a Pop sees it first: it is the head of the channel again.
            legacy.push("jobs", bytes("r3"));
            assertArrayEquals(bytes("r0"), legacy.pop("jobs"));
            assertArrayEquals(bytes("r3"), legacy.pop("jobs"));
            assertNull(legacy.pop("jobs"));
        }
    }

    @Test
    void shouldPutANackedRecordBackAtTheHeadAndDeadLetterItAfterTheMaximumOfDeliveries() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node);
            QueueClient legacy = NeoQueueNodes.legacyClient(node))
        {
            legacy.push("jobs", bytes("poison"));
            legacy.push("jobs", bytes("next"));
            for (int delivery = 1; delivery <= MAX_DELIVERIES; delivery++)
            {
                final byte[] taken = raw.request(delivery, "14 00" + array("jobs") + HOUR).answer(delivery, "fd")
                    .readAnswer(delivery);
                final ByteBuffer view = ByteBuffer.wrap(taken).order(ByteOrder.LITTLE_ENDIAN);
                assertEquals(1, view.get(0), "Taken");
                assertEquals(delivery, view.getInt(9), "delivery count");
                assertEquals("poison", new String(taken, 21, taken.length - 21, StandardCharsets.US_ASCII));
                raw.request(100 + delivery, "16 00" + array("jobs") + le(view.getLong(1))).answer(100 + delivery, "fd")
                    .answer(100 + delivery, "01");
            }
            final LeaseTable leases = node.storage().channel("jobs").leases();
            assertEquals(MAX_DELIVERIES - 1, leases.redelivered());
            assertEquals(1, leases.deadLettered());
            raw.request(10, "14 00" + array("jobs") + HOUR).answer(10, "fd")
                .answer(10, "01 0400000000000000 01000000" + array("next"));
            raw.request(11, "14 00" + array("jobs") + HOUR).answer(11, "fd").answer(11, "02");
            assertArrayEquals(bytes("poison"), legacy.pop("jobs-dead"));
            assertNull(legacy.pop("jobs-dead"));
        }
    }

    @Test
    void shouldAnswerSubscribedToATakeOnceAConsumeSubscribed() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "06 04" + array("fed") + array("s")).answer(1, "fd").answer(1, "01");
            raw.request(2, "14 00" + array("fed") + HOUR).answer(2, "fd").answer(2, "04");
        }
    }

    @Test
    void shouldCountReadyLeasedRedeliveredAndDeadLetteredRecordsInTheStatsLineAndTheMetrics() throws IOException
    {
        node.close();
        final Path stats = dir.resolve("stats.log");
        final LeaseSettings oneDelivery = new LeaseSettings(1, "-dead", LeaseSettings.MIN_JOURNAL_LENGTH);
        node = QueueNode.launch(NeoQueueNodes.context(Files.createDirectories(dir.resolve("metered")), oneDelivery)
            .statsFile(stats).statsInterval(Duration.ofMillis(100)).metricsPort(0));
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "01 03 03" + array("m") + array("m") + array("m") + array("v")).answer(1, "fd")
                .answer(1, "01");
            raw.request(2, "14 00" + array("m") + HOUR).answer(2, "fd")
                .answer(2, "01 0100000000000000 01000000" + array("v"));
            raw.request(3, "14 00" + array("m") + HOUR).answer(3, "fd")
                .answer(3, "01 0200000000000000 01000000" + array("v"));
            // One delivery at most: a Nack dead-letters.
            raw.request(4, "16 00" + array("m") + "0100000000000000").answer(4, "fd").answer(4, "01");
        }
        final String page = MetricsEndpoint.page(node.metricsPort(), "/metrics");
        assertEquals(1, value(page, "swarm_channel_ready{channel=\"m\"}"), page);
        assertEquals(1, value(page, "swarm_channel_leased{channel=\"m\"}"), page);
        assertEquals(0, value(page, "swarm_channel_redelivered{channel=\"m\"}"), page);
        assertEquals(1, value(page, "swarm_channel_dead_lettered{channel=\"m\"}"), page);
        final String line = "channel/m/ready:1 channel/m/leased:1 channel/m/redelivered:0 channel/m/dead_lettered:1";
        await(() -> readStats(stats).contains(line));
    }

    @Test
    void shouldGiveTheJavaClientResultsAndFailItsFutureWithTheRefusalOnError() throws Exception
    {
        try (QueueNeoClient client = new QueueNeoClient(
            NeoClient.connect("127.0.0.1", node.neoPort(), "test", NeoRawConnection.ZERO_KEY)))
        {
            assertFalse(client.take("idle", Duration.ofSeconds(5)).get().taken());
            client.push(bytes("job"), "idle").get();
            final QueueNeoClient.TakeResult taken = client.take("idle", Duration.ofSeconds(5)).get();
            assertEquals(1, taken.deliveries());
            assertArrayEquals(bytes("job"), taken.value());
            assertTrue(client.extend("idle", taken.leaseId(), Duration.ofMinutes(1)).get());
            assertFalse(client.ack("idle", taken.leaseId() + 1).get());
            assertTrue(client.ack("idle", taken.leaseId()).get());
            assertFalse(client.nack("idle", taken.leaseId()).get());
            final ExecutionException zero =
                assertThrows(ExecutionException.class, () -> client.take("idle", Duration.ZERO).get());
            assertEquals("Take on channel 'idle' with a lease of 0 ms answered Error: a bad channel name, a lease " +
                "outside 1 ms to 1 day, a record the node's lease journal cannot hold, or a lease journal the node " +
                "cannot make (its log names the cause)",
                zero.getCause().getMessage());
            final ExecutionException twoDays =
                assertThrows(ExecutionException.class, () -> client.extend("idle", 1, Duration.ofDays(2)).get());
            assertEquals("Extend of lease 1 on channel 'idle' answered Error: a bad channel name or a lease outside " +
                "1 ms to 1 day", twoDays.getCause().getMessage());
            assertThrows(ExecutionException.class, () -> client.ack("no way", 1).get());
        }
    }

    private static String readStats(final Path stats)
    {
        try
        {
            return Files.exists(stats) ? Files.readString(stats) : "";
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void await(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadline < 0, "condition not met within 10 s");
            Thread.onSpinWait();
        }
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String le(final long value)
    {
        return org.swarmjvm.protocol.fixtures.Hex.toHex(NeoRawConnection.le(value));
    }
}
