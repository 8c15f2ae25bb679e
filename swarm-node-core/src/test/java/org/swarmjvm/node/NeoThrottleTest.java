package org.swarmjvm.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.neo.ClientLimits;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.MetricsEndpoint;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.node.testing.ThreadAllocation;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoHeader;
import org.swarmjvm.protocol.neo.NeoHmac;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.protocol.neo.NeoRawConnection.requestMessage;

/**
 * Per-client throttling of neo requests (issue 20), enforced by the core for every node, on real sockets against
 * {@link NeoTestEngine}. The throttle's clock is moved by hand, so what passes and what is refused does not depend
 * on how fast the machine is: a refused request gets exactly the bytes docs/neo.md "Throttling" gives, the
 * connection stays open, other clients keep their own limits, the connections of one name share theirs, bytes
 * count with large requests and later messages, and refusals show in the metric, the stats line and one log line
 * per interval.
 */
@Timeout(120)
class NeoThrottleTest
{
    private static final String HEAVY = "heavy";
    private static final String FREE = "free";
    /** What a refused request 3 gets, as docs/neo.md writes it: a request message of 9 bytes, status ff. */
    private static final String REFUSED_3 = "01" + "0900000000000000" + "08" + "0300000000000000" + "ff";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int MEASURED_ROUNDS = 10_000;
    /** Slack for the JVM's own work on the thread (JIT deoptimisation, selector bookkeeping). */
    private static final long MAX_BYTES_PER_ROUND = 16;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(SECOND);

    @Test
    void shouldRefuseARequestOverTheLimitWithRequestNotSupportedAndKeepTheConnectionOpen() throws Exception
    {
        try (NodeServer node = launch(neo().throttle(HEAVY, new ClientLimits(2, 0)), node());
            RawConnection heavy = authenticated(node, HEAVY))
        {
            heavy.send(concat(request(1, NeoTestEngine.ANSWERED), request(2, NeoTestEngine.ANSWERED),
                request(3, NeoTestEngine.ANSWERED)));
            assertAnswered(heavy, 1);
            assertAnswered(heavy, 2);
            assertEquals(REFUSED_3, HexFormat.of().formatHex(heavy.readBytes(REFUSED_3.length() / 2)));

            clock.addAndGet(SECOND / 2);
            heavy.send(concat(request(3, NeoTestEngine.ANSWERED), request(4, NeoTestEngine.ANSWERED)));
            assertAnswered(heavy, 3);
            assertRefused(heavy, 4);
            assertTrue(heavy.staysOpenAndSilent(Duration.ofMillis(200)));
        }
    }

    @Test
    void shouldLeaveOtherClientsTheirOwnLimitsOrNone() throws Exception
    {
        final NeoContext neo = neo().throttle(new ClientLimits(2, 0)).throttle(FREE, ClientLimits.NONE);
        try (NodeServer node = launch(neo, node());
            RawConnection heavy = authenticated(node, HEAVY);
            RawConnection test = authenticated(node, NeoTestEngine.CLIENT);
            RawConnection free = authenticated(node, FREE))
        {
            assertEquals(List.of(true, true, false), serve(heavy, 1, 3));
            assertEquals(List.of(true, true, false), serve(test, 1, 3));
            assertFalse(serve(free, 1, 50).contains(false));
        }
    }

    @Test
    void shouldShareTheLimitAcrossTheConnectionsOfOneName() throws Exception
    {
        try (NodeServer node = launch(neo().throttle(HEAVY, new ClientLimits(3, 0)), node()))
        {
            try (RawConnection first = authenticated(node, HEAVY);
                RawConnection second = authenticated(node, HEAVY))
            {
                assertEquals(List.of(true, true), serve(first, 1, 2));
                assertEquals(List.of(true, false), serve(second, 1, 2));
                assertEquals(List.of(false), serve(first, 3, 1));
            }
            try (RawConnection reconnected = authenticated(node, HEAVY))
            {
                assertEquals(List.of(false), serve(reconnected, 1, 1), "reconnecting does not refill the buckets");
                clock.addAndGet(SECOND);
                assertEquals(List.of(true, true, true, false), serve(reconnected, 1, 4));
            }
        }
    }

    @Test
    void shouldLimitBytesPerSecondWithLargeRequestsAndLaterMessages() throws Exception
    {
        try (NodeServer node = launch(neo().throttle(HEAVY, new ClientLimits(0, 100_000)), node());
            RawConnection heavy = authenticated(node, HEAVY))
        {
            // A message of 300,010 bytes passes a full bucket of 100,000 and leaves it 200,010 in debt.
            heavy.send(request(1, NeoTestEngine.ANSWERED, 300_010 - NeoHeader.LENGTH - Long.BYTES - 3));
            assertAnswered(heavy, 1);
            assertRefused(heavy, 2, request(2, NeoTestEngine.ANSWERED));
            clock.addAndGet(2 * SECOND);
            assertRefused(heavy, 2, request(2, NeoTestEngine.ANSWERED));
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
            heavy.send(request(2, NeoTestEngine.ANSWERED));
            assertAnswered(heavy, 2);

            // The second message of a running request is never refused, but its bytes count.
            clock.addAndGet(2 * SECOND);
            heavy.send(request(3, NeoTestEngine.ANSWERS_NEXT));
            assertSupported(heavy, 3);
            heavy.send(requestMessage(3, new byte[150_000]));
            assertEquals(2, status(heavy, 3));
            assertRefused(heavy, 4, request(4, NeoTestEngine.ANSWERED));
        }
    }

    @Test
    void shouldCountRefusalsInTheMetricAndTheStatsLineAndLogOneLinePerInterval() throws Exception
    {
        final Path stats = dir.resolve("stats.log");
        try (LogCapture log = new LogCapture())
        {
            try (NodeServer node = launch(neo().throttle(HEAVY, new ClientLimits(1, 0)),
                node().metricsPort(0).statsFile(stats));
                RawConnection heavy = authenticated(node, HEAVY);
                RawConnection test = authenticated(node, NeoTestEngine.CLIENT))
            {
                assertEquals(List.of(true, false, false, false, false, false), serve(heavy, 1, 6));
                assertEquals(List.of(true, true), serve(test, 1, 2));
                final String page = MetricsEndpoint.page(node.metricsPort(), "/metrics");
                assertEquals(5.0, MetricsEndpoint.value(page, "swarm_neo_throttled_requests_total{client=\"heavy\"}"));
                assertFalse(page.contains("client=\"test\""), page);
                log.awaitRecord(Level.WARNING, "1 neo request(s) of client 'heavy' refused (RequestNotSupported): " +
                    "over its throttle of 1 requests/s, no limit on bytes/s (1 since start)");

                clock.addAndGet(10 * SECOND);
                log.awaitRecord(Level.WARNING, "4 neo request(s) of client 'heavy' refused (RequestNotSupported): " +
                    "over its throttle of 1 requests/s, no limit on bytes/s (5 since start)");
                assertEquals(2, log.count(Level.WARNING, "of client 'heavy' refused"), log::toString);
            }
        }
        final List<String> lines = Files.readAllLines(stats);
        final String last = lines.get(lines.size() - 1);
        assertTrue(last.contains(" neo_client/heavy/throttled_requests:5"), last);
        assertFalse(last.contains("neo_client/test/"), last);
    }

    @Test
    void shouldNotAllocatePerRequestOnThePollerThreadWhenServingOrRefusing() throws Exception
    {
        try (NodeServer node = launch(neo().throttle(HEAVY, new ClientLimits(1000, 1_000_000_000)),
            node().name("throttled"));
            RawConnection heavy = authenticated(node, HEAVY))
        {
            // Each round the clock gives one request token and two requests come: once the first second's worth is
            // spent, one is served and one refused per round.
            final byte[] twoRequests = concat(request(1, NeoTestEngine.ANSWERED), request(2, NeoTestEngine.ANSWERED));
            final long millisecond = TimeUnit.MILLISECONDS.toNanos(1);
            final ThreadAllocation.Round round = i ->
            {
                clock.addAndGet(millisecond);
                heavy.send(twoRequests);
                if (-3 == status(heavy, 1))
                {
                    status(heavy, 1);
                }
                if (-3 == status(heavy, 2))
                {
                    status(heavy, 2);
                }
            };
            for (int i = 0; i < WARM_UP_ROUNDS; i++)
            {
                round.run(i);
            }
            clock.addAndGet(millisecond);
            assertEquals(List.of(true, false), serve(heavy, 1, 2), "steady state: one served, one refused");
            ThreadAllocation.assertSteadyStateAllocatesNothing("throttled-poller", MEASURED_ROUNDS,
                MAX_BYTES_PER_ROUND, round);
        }
    }

    @Test
    void shouldPublishNoThrottleFiguresWithoutLimits() throws Exception
    {
        final Path stats = dir.resolve("stats.log");
        try (NodeServer node = launch(neo(), node().metricsPort(0).statsFile(stats));
            RawConnection test = authenticated(node, NeoTestEngine.CLIENT))
        {
            assertFalse(serve(test, 1, 50).contains(false));
            assertFalse(MetricsEndpoint.page(node.metricsPort(), "/metrics").contains("throttled"));
        }
        assertFalse(Files.readString(stats).contains("throttled"));
    }

    private NeoContext neo() throws IOException
    {
        final String key = ":" + "0".repeat(256) + "\n";
        final Path credentials = Files.writeString(dir.resolve("credentials"),
            NeoTestEngine.CLIENT + key + HEAVY + key + FREE + key);
        return new NeoContext().port(0).credentialsFile(credentials).throttleClockNanos(clock::get);
    }

    private static NodeContext node()
    {
        return new NodeContext().address("127.0.0.1").port(0).statsFile(null);
    }

    private static NodeServer launch(final NeoContext neo, final NodeContext node)
    {
        return NodeServer.launch(node, new PingEngine(), neo, new NeoTestEngine());
    }

    private static RawConnection authenticated(final NodeServer node, final String name) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", node.neoPort()));
        NeoClient.authenticate(channel, name, NeoHmac.keySpec(NeoTestEngine.KEY), System.currentTimeMillis() / 1000);
        channel.socket().setSoTimeout(30_000);
        return RawConnection.of(channel.socket());
    }

    /**
     * Sends {@code count} requests with ids from {@code firstId} in one write and reads what each got.
     *
     * @return per request, true when it was answered, false when it was refused.
     */
    private static List<Boolean> serve(final RawConnection connection, final long firstId, final int count)
    {
        final ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++)
        {
            requests.writeBytes(request(firstId + i, NeoTestEngine.ANSWERED));
        }
        connection.send(requests.toByteArray());
        final Boolean[] served = new Boolean[count];
        for (int i = 0; i < count; i++)
        {
            final int status = status(connection, firstId + i);
            served[i] = -3 == status;
            if (served[i])
            {
                assertEquals(1, status(connection, firstId + i));
            }
            else
            {
                assertEquals(-1, status, "request " + (firstId + i));
            }
        }
        return List.of(served);
    }

    private static void assertAnswered(final RawConnection connection, final long id)
    {
        assertSupported(connection, id);
        assertEquals(1, status(connection, id));
    }

    private static void assertSupported(final RawConnection connection, final long id)
    {
        assertEquals(-3, status(connection, id), "status of request " + id);
    }

    private static void assertRefused(final RawConnection connection, final long id)
    {
        assertEquals(-1, status(connection, id), "status of request " + id);
    }

    private static void assertRefused(final RawConnection connection, final long id, final byte[] request)
    {
        connection.send(request);
        assertRefused(connection, id);
    }

    /**
     * @return the one payload byte of the next message, which must be for request {@code id}.
     */
    private static int status(final RawConnection connection, final long id)
    {
        final byte[] header = connection.readBytes(NeoHeader.LENGTH);
        final long length = ByteBuffer.wrap(header, 1, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertAll(() -> assertEquals(NeoHeader.TYPE_REQUEST, header[0]),
            () -> assertEquals(Long.BYTES + 1, length, "payload of one byte"));
        assertEquals(id, connection.readLong(), "request id");
        return (byte)connection.readU8();
    }

    private static byte[] request(final long id, final byte argument)
    {
        return request(id, argument, 0);
    }

    /**
     * @return a request message for code 1, v0, with the argument and {@code padding} more bytes.
     */
    private static byte[] request(final long id, final byte argument, final int padding)
    {
        final byte[] payload = new byte[3 + padding];
        payload[0] = 1;
        payload[2] = argument;
        return requestMessage(id, payload);
    }

    private static byte[] concat(final byte[]... messages)
    {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (final byte[] message : messages)
        {
            all.writeBytes(message);
        }
        return all.toByteArray();
    }
}
