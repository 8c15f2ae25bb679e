package org.swarmjvm.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.node.testing.fuzz.MemoryProbe;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ArrayPrefix;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core's connection state machine through real sockets, with {@link CounterEngine}: how requests arrive
 * (pipelined, byte by byte), how large replies leave (a slow reader), and what malformed input does. After each
 * bad input the node must still serve a connection opened before it and a new one.
 */
@Timeout(60)
class ConnectionTest
{
    /** Far below forever, which is how long the bytes of a 2^63-byte array would take. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final int OK = SwarmStatus.OK.code();

    private final CounterEngine engine = new CounterEngine();
    private LogCapture log;
    private NodeServer node;
    private InetSocketAddress address;

    @BeforeEach
    void startNode()
    {
        log = new LogCapture();
        node = NodeServer.launch(new NodeContext().name("core-test").port(0), engine);
        address = new InetSocketAddress("127.0.0.1", node.port());
    }

    @AfterEach
    void stopNode()
    {
        try
        {
            node.close();
        }
        finally
        {
            log.close();
        }
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderWhenSentInOneWrite()
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(new Frame()
                .i32(CounterEngine.ECHO).array("first")
                .i32(CounterEngine.COUNT)
                .i32(CounterEngine.STREAM).u64(2)
                .i32(CounterEngine.ECHO).array("second")
                .i32(CounterEngine.COUNT));

            assertEcho(client, "first");
            assertEquals(OK, client.readInt());
            assertEquals(1, client.readLong());
            assertEquals(OK, client.readInt());
            assertChunk(client.readArray(), 0);
            assertChunk(client.readArray(), 1);
            assertEquals(0, client.readArray().length, "end of stream");
            assertEcho(client, "second");
            assertEquals(OK, client.readInt());
            assertEquals(2, client.readLong());
        }
        assertNoWarnings();
    }

    @Test
    void shouldSendRepliesOfPipelinedRequestsInOneWriteWhenSentInOneWrite()
    {
        final int requests = 16;
        final Frame batch = new Frame();
        for (int i = 0; i < requests; i++)
        {
            batch.i32(CounterEngine.ECHO).array("request " + i);
        }
        try (RawConnection client = new RawConnection(address))
        {
            assertServes(client);
            final long before = node.stats().socketWrites();
            client.send(batch);
            for (int i = 0; i < requests; i++)
            {
                assertEcho(client, "request " + i);
            }
            // The reply to a later request is written after the poller counted the writes of the batch.
            assertServes(client);
            final long writes = node.stats().socketWrites() - before - 1;
            // One read takes the whole batch (one small segment on loopback), so one write answers it. Allowed
            // besides: the batch read in two pieces, and the write before it counted only after the client read
            // its reply. Writing before each request made it 16.
            assertTrue(writes <= 3, writes + " socket writes for " + requests + " pipelined requests");
        }
        assertNoWarnings();
    }

    @Test
    void shouldDecodeRequestWhenSplitByteByByteAcrossManyWrites()
    {
        final byte[] payload = new byte[300];
        Arrays.fill(payload, (byte)'p');
        final byte[] requests = new Frame().i32(CounterEngine.ECHO).array(payload).i32(CounterEngine.COUNT).bytes();
        try (RawConnection client = new RawConnection(address))
        {
            for (final byte b : requests)
            {
                client.send(new byte[]{b});
            }
            assertEquals(OK, client.readInt());
            assertArrayEquals(payload, client.readArray());
            assertEquals(OK, client.readInt());
            assertEquals(1, client.readLong());
        }
        assertNoWarnings();
    }

    @Test
    void shouldDecodeRequestsLargerThanTheReadBufferWhenSplitAcrossManyWrites()
    {
        final byte[] large = new byte[40 * 1024];
        final byte[] larger = new byte[100 * 1024];
        new Random(7).nextBytes(large);
        new Random(8).nextBytes(larger);
        final byte[] requests = new Frame()
            .i32(CounterEngine.COUNT)
            .i32(CounterEngine.ECHO).array(large)
            .i32(CounterEngine.ECHO).array("small")
            .i32(CounterEngine.ECHO).array(larger)
            .i32(CounterEngine.COUNT).bytes();
        try (RawConnection client = new RawConnection(address))
        {
            // Odd-sized pieces: requests start and end anywhere within them, so the node compacts and grows its
            // read buffer with part of a request already received.
            final int piece = 997;
            for (int offset = 0; offset < requests.length; offset += piece)
            {
                client.send(Arrays.copyOfRange(requests, offset, Math.min(requests.length, offset + piece)));
            }
            assertEquals(OK, client.readInt());
            assertEquals(1, client.readLong());
            assertEquals(OK, client.readInt());
            assertArrayEquals(large, client.readArray());
            assertEcho(client, "small");
            assertEquals(OK, client.readInt());
            assertArrayEquals(larger, client.readArray());
            assertEquals(OK, client.readInt());
            assertEquals(2, client.readLong());
        }
        assertNoWarnings();
    }

    @Test
    void shouldBoundBufferedReplyWhenReaderIsSlow() throws IOException
    {
        final int chunks = 2000;
        // The kernel holds at most the node's send buffer (net.ipv4.tcp_wmem max, 4 MiB here) and the reader's
        // fixed receive buffer; the node itself at most a stream step beyond its 64 KiB high-water mark.
        final int receiveBuffer = 64 * 1024;
        final long maxAhead = 8L * 1024 * 1024;
        try (RawConnection slow = new RawConnection(address, receiveBuffer);
            RawConnection other = new RawConnection(address))
        {
            slow.send(new Frame().i32(CounterEngine.STREAM).u64(chunks));
            final InputStream in = slow.input();
            final byte[] piece = new byte[4096];
            long received = 0;
            final long total = Integer.BYTES + (long)chunks * (ArrayPrefix.LENGTH + CounterEngine.CHUNK_LENGTH) +
                ArrayPrefix.LENGTH;
            final byte[] head = slow.readBytes(Integer.BYTES + ArrayPrefix.LENGTH + 16);
            received += head.length;
            assertEquals(OK, head[0] & 0xff | (head[1] & 0xff) << 8);
            while (received < total)
            {
                final long ahead = engine.streamedBytes() - received;
                assertTrue(ahead <= maxAhead, "the node produced " + ahead + " bytes ahead of a slow reader");
                if (received % (4 * 1024 * 1024) < piece.length)
                {
                    // Another client is served while this stream waits for its reader.
                    other.send(new Frame().i32(CounterEngine.COUNT));
                    assertEquals(OK, other.readInt());
                    other.readLong();
                }
                final int read = in.read(piece, 0, (int)Math.min(piece.length, total - received));
                assertTrue(read > 0, "stream ended early at byte " + received);
                received += read;
            }
            assertEquals((long)chunks * (ArrayPrefix.LENGTH + CounterEngine.CHUNK_LENGTH), engine.streamedBytes());
            assertServes(slow);
        }
        assertNoWarnings();
    }

    /**
     * A stream step waits while more than the high-water mark is unsent; the turn's last flush may then send all of
     * it (the client read in between), and the connection must still ask to be called again: with nothing unsent
     * and no write interest, the stream would stop for good, its client waiting for the rest (seen with the DHT's
     * GetAll-style streams and logfiles' scans). Small send buffers make the first flush partial, clients reading
     * in large pieces drain the socket between the two flushes, and several streams share each turn.
     */
    @Test
    void shouldFinishEveryStreamWhenTheSocketDrainsBetweenFlushes() throws Exception
    {
        final int clients = 8;
        final int rounds = 6;
        final int chunks = 200;
        final long total = Integer.BYTES + (long)chunks * (ArrayPrefix.LENGTH + CounterEngine.CHUNK_LENGTH) +
            ArrayPrefix.LENGTH;
        try (NodeServer small = NodeServer.launch(
            new NodeContext().name("stream-test").port(0).socketBufferSize(48 * 1024), new CounterEngine()))
        {
            final InetSocketAddress smallAddress = new InetSocketAddress("127.0.0.1", small.port());
            final ExecutorService pool = Executors.newFixedThreadPool(clients);
            try
            {
                final List<Future<Long>> streams = new ArrayList<>();
                for (int i = 0; i < clients; i++)
                {
                    streams.add(pool.submit(() ->
                    {
                        long streamed = 0;
                        try (RawConnection client = new RawConnection(smallAddress))
                        {
                            // A stalled stream fails the read here rather than after the default 30 s.
                            client.socket().setSoTimeout(5_000);
                            final byte[] piece = new byte[256 * 1024];
                            for (int round = 0; round < rounds; round++)
                            {
                                client.send(new Frame().i32(CounterEngine.STREAM).u64(chunks));
                                long received = 0;
                                while (received < total)
                                {
                                    final int read = client.input().read(
                                        piece, 0, (int)Math.min(piece.length, total - received));
                                    assertTrue(read > 0, "stream ended early at byte " + received);
                                    received += read;
                                }
                                streamed += received;
                            }
                            assertServes(client);
                        }
                        return streamed;
                    }));
                }
                for (final Future<Long> stream : streams)
                {
                    assertEquals(rounds * total, stream.get(2, TimeUnit.MINUTES));
                }
            }
            finally
            {
                pool.shutdownNow();
            }
        }
        assertNoWarnings();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 21, 35, 0x101, -1, Integer.MIN_VALUE})
    void shouldCloseWithNothingSentWhenCommandCodeIsUnknown(final int code)
    {
        try (RawConnection bystander = new RawConnection(address); RawConnection bad = new RawConnection(address))
        {
            assertServes(bystander);
            bad.send(new Frame().i32(code).array("payload that must not be read as a request"));
            assertTrue(bad.isClosedByPeerWithNothingSent(PROMPTLY));
            log.awaitRecord(Level.WARNING, "unknown command code " + code);
            assertServes(bystander);
            assertServesNewClient();
        }
    }

    @Test
    void shouldServeNextClientWhenClientLeavesInTheMiddleOfARequest()
    {
        final byte[] echo = new Frame().i32(CounterEngine.ECHO).array(new byte[1000]).bytes();
        try (RawConnection bystander = new RawConnection(address))
        {
            assertServes(bystander);
            try (RawConnection truncated = new RawConnection(address))
            {
                truncated.send(Arrays.copyOf(echo, echo.length / 2));
                Await.until("the node has both connections", () -> node.stats().openConnections() == 2);
            }
            Await.until("the node frees the slot", () -> node.stats().openConnections() == 1);
            log.awaitRecord(Level.WARNING, "before request Echo was fully received");
            assertServes(bystander);
            assertServesNewClient();
        }
    }

    @Test
    void shouldCloseOnlyTheConnectionWhoseHandlerThrew()
    {
        try (RawConnection bystander = new RawConnection(address); RawConnection bad = new RawConnection(address))
        {
            assertServes(bystander);
            bad.send(new Frame().i32(CounterEngine.ECHO).array(CounterEngine.FAIL));
            assertTrue(bad.isClosedByPeerWithNothingSent(PROMPTLY));
            log.awaitRecord(Level.SEVERE, "request Echo failed, closing the connection");
            assertServes(bystander);
            assertServesNewClient();
        }
    }

    @Test
    void shouldGiveBackLargeReadBuffersWhenClientsLeaveInTheMiddleOfLargeRequests()
    {
        final int clients = 8;
        final int declared = 8 * 1024 * 1024;
        final byte[] half = new Frame().i32(CounterEngine.ECHO).u64(declared).raw(new byte[declared / 2]).bytes();
        final long before = MemoryProbe.usedAfterGc();
        final List<RawConnection> leaving = new ArrayList<>();
        try
        {
            for (int i = 0; i < clients; i++)
            {
                final RawConnection client = new RawConnection(address);
                leaving.add(client);
                client.send(half);
            }
            Await.until("the node holds every connection", () -> node.stats().openConnections() == clients);
        }
        finally
        {
            leaving.forEach(RawConnection::close);
        }
        Await.until("the node frees the slots", () -> node.stats().openConnections() == 0);
        // Eight slots keeping their 8 MiB read buffers would hold 64 MiB.
        Await.until("the node gives the large read buffers back",
            () -> MemoryProbe.usedAfterGc() - before < 16L * 1024 * 1024, Duration.ofSeconds(20));
        assertServesNewClient();
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -1L, Long.MAX_VALUE})
    void shouldCloseAtOnceWhenArrayLengthIsAbsurd(final long declared)
    {
        try (RawConnection bystander = new RawConnection(address); RawConnection bad = new RawConnection(address))
        {
            assertServes(bystander);
            bad.send(new Frame().i32(CounterEngine.ECHO).u64(declared).raw(new byte[100]));
            assertTrue(bad.isClosedByPeerWithNothingSent(PROMPTLY), "closed without waiting for the bytes");
            log.awaitRecord(Level.WARNING, "declares an array of " + Long.toUnsignedString(declared) + " bytes");
            assertServes(bystander);
            assertServesNewClient();
        }
    }

    @Test
    void shouldDiscardThenCloseWhenArrayIsOverTheLimit()
    {
        final int length = ArrayPrefix.MAX_ARRAY_LENGTH + 1;
        try (RawConnection bystander = new RawConnection(address); RawConnection bad = new RawConnection(address))
        {
            assertServes(bystander);
            bad.send(new Frame().i32(CounterEngine.ECHO).u64(length).raw(new byte[length - 1]));
            assertTrue(bad.staysOpenAndSilent(Duration.ofMillis(200)), "the node waits for the whole array");
            bad.send(new byte[1]);
            assertTrue(bad.isClosedByPeerWithNothingSent(PROMPTLY));
            log.awaitRecord(Level.WARNING, "over the limit of " + ArrayPrefix.MAX_ARRAY_LENGTH);
            assertServes(bystander);
            assertServesNewClient();
        }
    }

    private void assertServesNewClient()
    {
        try (RawConnection client = new RawConnection(address))
        {
            assertServes(client);
        }
    }

    private static void assertServes(final RawConnection client)
    {
        client.send(new Frame().i32(CounterEngine.ECHO).array("still there?"));
        assertEcho(client, "still there?");
    }

    private static void assertEcho(final RawConnection client, final String expected)
    {
        assertEquals(OK, client.readInt());
        assertEquals(expected, new String(client.readArray(), StandardCharsets.US_ASCII));
    }

    private static void assertChunk(final byte[] chunk, final int number)
    {
        assertEquals(CounterEngine.CHUNK_LENGTH, chunk.length);
        for (final byte b : chunk)
        {
            assertEquals((byte)number, b);
        }
    }

    private void assertNoWarnings()
    {
        assertEquals(0, log.messagesAtLeast(Level.WARNING).size(), () -> log.messagesAtLeast(Level.WARNING).toString());
    }
}
