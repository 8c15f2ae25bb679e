package org.swarmjvm.node;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.node.neo.NeoEngine;
import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.node.testing.RequestFlood;
import org.swarmjvm.node.testing.fuzz.MemoryProbe;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoHeader;
import org.swarmjvm.protocol.neo.NeoHmac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node-wide request memory and the poller's failures, with {@link CounterEngine} through real sockets: read
 * buffers grow with what arrived, never with a declared length; what does not fit in the budget closes its
 * connection; legacy and neo share the budget; an error the poller cannot isolate reaches the fatal handler.
 */
@Timeout(120)
class RequestMemoryTest
{
    private static final byte[] KEY = new byte[128];
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldHoldNoMemoryForDeclaredLengthsAndCloseWhatDoesNotFit()
    {
        try (NodeServer node = NodeServer.launch(context().requestMemoryLimit(RequestFlood.limit()),
            new CounterEngine()))
        {
            final InetSocketAddress address = new InetSocketAddress("127.0.0.1", node.port());
            RequestFlood.run("core", address, node.requestMemory(),
                new Frame().i32(CounterEngine.ECHO).u64(RequestFlood.DECLARED).bytes(), () -> assertEchoes(address));
        }
    }

    @Test
    void shouldServeALargeRequestThatArrivesWithinTheBudget()
    {
        try (NodeServer node = NodeServer.launch(context().requestMemoryLimit(RequestFlood.limit()),
            new CounterEngine()))
        {
            final byte[] value = new byte[(int)RequestFlood.DECLARED];
            Arrays.fill(value, (byte)'v');
            try (RawConnection client = new RawConnection(new InetSocketAddress("127.0.0.1", node.port())))
            {
                client.send(new Frame().i32(CounterEngine.ECHO).array(value));
                assertEquals(SwarmStatus.OK.code(), client.readInt());
                assertArrayEquals(value, client.readArray());
            }
            Await.until("the budget holds nothing", () -> 0 == node.requestMemory().used());
            assertEquals(0, node.requestMemory().refusals());
        }
    }

    /**
     * Authenticated neo clients announcing 16 MiB messages and sending 256 KiB of each: the buffers grow with what
     * arrived, in the legacy connections' budget.
     */
    @Test
    void shouldGrowNeoMessageBuffersWithArrivalWithinTheSameBudget() throws IOException
    {
        final int clients = 20;
        final int part = 256 * 1024;
        final long limit = 4 * MIB;
        try (LogCapture log = new LogCapture();
            NodeServer node = NodeServer.launch(context().requestMemoryLimit(limit), new PingEngine(),
                neoContext(), new EchoNeoEngine()))
        {
            final long before = MemoryProbe.usedAfterGc();
            final List<SocketChannel> flood = new ArrayList<>();
            try
            {
                for (int i = 0; i < clients; i++)
                {
                    flood.add(announcing(node.neoPort(), NeoContext.DEFAULT_MAX_MESSAGE_LENGTH, part));
                }
                Await.until("the connections that do not fit are closed", () ->
                    node.requestMemory().refusals() >= clients - limit / part);
                final long growth = MemoryProbe.usedAfterGc() - before;
                // Before, each connection took the 16 MiB it announced: 320 MiB.
                assertTrue(growth < limit + 64 * MIB, "node memory grew by " + growth / MIB + " MiB");
                assertTrue(node.requestMemory().used() <= limit);
                assertNeoEchoes(node.neoPort());
            }
            finally
            {
                for (final SocketChannel channel : flood)
                {
                    channel.close();
                }
            }
            Await.until("the budget holds nothing", () -> 0 == node.requestMemory().used());
            assertNeoEchoes(node.neoPort());
            assertEquals(1, log.count(Level.WARNING, "request memory limit of " + limit));
        }
    }

    @Test
    void shouldCallTheFatalHandlerWhenThePollerFailsOutsideAConnection() throws Exception
    {
        final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
        final EchoNeoEngine neo = new EchoNeoEngine();
        try (LogCapture log = new LogCapture();
            NodeServer node = NodeServer.launch(context().fatalErrorHandler(fatal::complete), new PingEngine(),
                neoContext(), neo))
        {
            final Error error = new StackOverflowError("injected on the poller, outside any connection");
            neo.failure = error;
            assertSame(error, fatal.get(30, TimeUnit.SECONDS));
            log.awaitRecord(Level.SEVERE, "fatal error on thread node-poller, the node cannot go on: exiting " +
                "with status " + NodeContext.FATAL_EXIT_STATUS);
        }
    }

    private NodeContext context()
    {
        return new NodeContext().name("node").port(0).statsFile(null);
    }

    private NeoContext neoContext()
    {
        final Path credentials = dir.resolve("credentials");
        try
        {
            Files.writeString(credentials, "test:" + "0".repeat(256) + "\n");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return new NeoContext().port(0).credentialsFile(credentials);
    }

    private static void assertEchoes(final InetSocketAddress address)
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(new Frame().i32(CounterEngine.ECHO).array("still there?"));
            assertEquals(SwarmStatus.OK.code(), client.readInt());
            assertEquals("still there?", new String(client.readArray()));
        }
    }

    /**
     * @return a neo connection, authenticated, that sent a request message header announcing {@code announced}
     *     bytes of body and {@code part} bytes of it.
     */
    private static SocketChannel announcing(final int port, final long announced, final int part) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        NeoClient.authenticate(channel, "test", NeoHmac.keySpec(KEY), System.currentTimeMillis() / 1000);
        final ByteBuffer message = ByteBuffer.allocate(NeoHeader.LENGTH + part).order(ByteOrder.LITTLE_ENDIAN);
        NeoHeader.write(new UnsafeBuffer(message), 0, NeoHeader.TYPE_REQUEST, announced);
        message.putLong(NeoHeader.LENGTH, 1);
        try
        {
            while (message.hasRemaining())
            {
                channel.write(message);
            }
        }
        catch (final IOException ex)
        {
            // Closed by the node on the way: what the test counts.
        }
        return channel;
    }

    private static void assertNeoEchoes(final int port)
    {
        try (NeoClient client = NeoClient.connect("127.0.0.1", port, "test", KEY))
        {
            final CompletableFuture<Integer> answer = new CompletableFuture<>();
            client.start(client.nextRequestId(), new NeoClient.RequestListener()
            {
                private boolean supported;

                @Override
                public void onMessage(final DirectBuffer buffer, final int offset, final int length)
                {
                    if (supported)
                    {
                        answer.complete((int)buffer.getByte(offset));
                    }
                    supported = true;
                }

                @Override
                public void onDisconnected(final IOException cause)
                {
                    answer.completeExceptionally(cause);
                }
            }, new byte[] {1, 0, 7});
            assertEquals(7, answer.get(30, TimeUnit.SECONDS));
        }
        catch (final Exception ex)
        {
            throw new AssertionError("neo request not answered", ex);
        }
    }

    /**
     * Code 1, v0: answers its argument byte. Its timer hook throws {@link #failure} once set, on the poller thread
     * outside every connection.
     */
    private static final class EchoNeoEngine implements NeoEngine
    {
        private volatile Error failure;

        @Override
        public String[] requestNames()
        {
            return new String[] {null, "Echo"};
        }

        @Override
        public int requestVersion(final int code)
        {
            return 0;
        }

        @Override
        public NeoRequest newRequest(final int code, final NodeServices services)
        {
            return new NeoRequest()
            {
                @Override
                protected void onStart(final DirectBuffer buffer, final int offset, final int length)
                {
                    sendByte(buffer.getByte(offset));
                    finish();
                }
            };
        }

        @Override
        public int doWork(final long nowNanos)
        {
            final Error error = failure;
            if (null != error)
            {
                failure = null;
                throw error;
            }
            return 0;
        }
    }
}
