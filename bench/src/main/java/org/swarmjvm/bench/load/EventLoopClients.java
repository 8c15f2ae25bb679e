package org.swarmjvm.bench.load;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many simulated clients on one thread with a selector, each with its own connection and one request (or, with
 * pipelining, one batch of requests sent in one write) in flight: how {@code redis-benchmark} drives Redis, with
 * {@code -P} as its pipelining. With a thread per connection, 50 client threads share the cores with the node, and
 * every reply the node writes wakes a sleeping thread; that scheduling cost, paid inside the node's socket writes,
 * measured the client more than the node.
 */
final class EventLoopClients extends Thread
{
    private static final int SELECT_TIMEOUT_MS = 100;

    private final Measurement measurement;
    private final InetSocketAddress address;
    private final int clients;
    private final int pipeline;
    private final boolean missEndsRun;
    private final LoadExchange.Factory factory;
    private final int bufferCapacity;
    private final CountDownLatch connected;
    private final AtomicReference<RuntimeException> failure;
    final Outcome outcome = new Outcome();

    /**
     * @param measurement    the run's phases.
     * @param address        of the node.
     * @param clients        connections.
     * @param pipeline       requests each connection sends at once.
     * @param missEndsRun    whether a measured request that finds nothing ends the run (draining a queue).
     * @param factory        makes each client's exchange.
     * @param bufferCapacity bytes of the longest request or reply.
     * @param connected      counted down once per client when it is connected (or failed to).
     * @param failure        receives the first failure.
     */
    EventLoopClients(
        final Measurement measurement, final InetSocketAddress address, final int clients, final int pipeline,
        final boolean missEndsRun, final LoadExchange.Factory factory, final int bufferCapacity,
            final CountDownLatch connected,
        final AtomicReference<RuntimeException> failure)
    {
        super("load-event-loop");
        setDaemon(true);
        this.measurement = measurement;
        this.address = address;
        this.clients = clients;
        this.pipeline = pipeline;
        this.missEndsRun = missEndsRun;
        this.factory = factory;
        this.bufferCapacity = bufferCapacity * pipeline;
        this.connected = connected;
        this.failure = failure;
    }

    @Override
    public void run()
    {
        try (Selector selector = Selector.open())
        {
            try
            {
                for (int i = 0; i < clients; i++)
                {
                    final SocketChannel channel = SocketChannel.open(address);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.configureBlocking(false);
                    channel.register(selector, SelectionKey.OP_READ, new Client(factory.create(i), channel));
                    connected.countDown();
                }
            }
            finally
            {
                while (connected.getCount() > 0)
                {
                    connected.countDown();
                }
            }
            loop(selector);
        }
        catch (final IOException ex)
        {
            failure.compareAndSet(null, new UncheckedIOException("load against " + address + ": " + ex, ex));
            measurement.end();
        }
        catch (final RuntimeException ex)
        {
            failure.compareAndSet(null, ex);
            measurement.end();
        }
    }

    private void loop(final Selector selector) throws IOException
    {
        final ByteBuffer request = ByteBuffer.allocateDirect(bufferCapacity);
        final UnsafeBuffer requestView = new UnsafeBuffer(request);
        for (final SelectionKey key : selector.keys())
        {
            ((Client)key.attachment()).send(request, requestView);
        }
        while (!measurement.isStopped())
        {
            selector.select(SELECT_TIMEOUT_MS);
            for (final SelectionKey key : selector.selectedKeys())
            {
                final Client client = (Client)key.attachment();
                if (!client.receive())
                {
                    return;
                }
                if (0 == client.outstanding)
                {
                    client.send(request, requestView);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    /**
     * One connection and its exchange.
     */
    private final class Client
    {
        private final LoadExchange exchange;
        private final SocketChannel channel;
        private final ByteBuffer reply = ByteBuffer.allocateDirect(bufferCapacity);
        private final UnsafeBuffer replyView = new UnsafeBuffer(reply);
        private long sentNanos;
        private boolean measured;
        private int outstanding;

        Client(final LoadExchange exchange, final SocketChannel channel)
        {
            this.exchange = exchange;
            this.channel = channel;
        }

        /**
         * Writes the next batch of requests, all in one write.
         */
        void send(final ByteBuffer request, final UnsafeBuffer requestView) throws IOException
        {
            int length = 0;
            for (int i = 0; i < pipeline; i++)
            {
                requestView.wrap(request, length, bufferCapacity - length);
                length += exchange.writeRequest(requestView);
            }
            request.clear().limit(length);
            outstanding = pipeline;
            measured = measurement.isMeasuring();
            sentNanos = System.nanoTime();
            while (request.hasRemaining())
            {
                // A batch is small and the node reads it at once; the socket buffer takes it in one go.
                channel.write(request);
            }
        }

        /**
         * Reads what arrived and counts every reply now whole.
         *
         * @return true while the run goes on.
         */
        boolean receive() throws IOException
        {
            if (channel.read(reply) < 0)
            {
                throw new IOException("the node closed a connection");
            }
            final int received = reply.position();
            int offset = 0;
            while (outstanding > 0)
            {
                replyView.wrap(reply, offset, received - offset);
                final long payload = exchange.readReply(replyView, received - offset);
                if (LoadExchange.INCOMPLETE == payload)
                {
                    break;
                }
                offset += exchange.replyLength();
                outstanding--;
                if (!measurement.completed(outcome, measured, sentNanos, System.nanoTime(), payload,
                    missEndsRun))
                {
                    return false;
                }
            }
            if (offset > 0)
            {
                reply.limit(received).position(offset);
                reply.compact();
            }
            else if (!reply.hasRemaining())
            {
                throw new IllegalStateException("a reply longer than " + bufferCapacity + " bytes");
            }
            return true;
        }
    }
}
