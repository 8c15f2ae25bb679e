package org.swarmjvm.node.net;

import org.agrona.collections.IntArrayList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import jdk.net.ExtendedSocketOptions;

/**
 * One listening socket of the {@link Poller} and the pool of connection slots of its {@link Protocol} (ocean's
 * {@code SelectListener}): accepts every pending connection when the socket is ready, asks the protocol whether it
 * admits it, and opens it in a free slot, or a new one, with the node's socket options. Slots are reused by later
 * connections, buffers and handlers included, so a busy node allocates no connection per accept.
 *
 * @param <C> the protocol's connection slot.
 */
public final class Listener<C extends PooledConnection> implements SelectionHandler
{
    private static final Logger LOG = System.getLogger(Listener.class.getName());
    /** TCP keep-alive as the original sets it: probe after 5 s idle, every 3 s, give up after 3. */
    private static final int KEEPALIVE_IDLE_SECONDS = 5;
    private static final int KEEPALIVE_INTERVAL_SECONDS = 3;
    private static final int KEEPALIVE_COUNT = 3;
    /** The write timeout is checked at most this often, and at least four times per timeout. */
    private static final long WRITE_TIMEOUT_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Protocol<C> protocol;
    private final Selector selector;
    private final ServerSocketChannel serverChannel;
    private final SelectionKey acceptKey;
    private final int socketBufferSize;
    /** 0 for none. */
    private final long writeTimeoutNanos;
    private final long writeTimeoutCheckNanos;
    private long writeTimeoutCheckedNanos;
    private final AcceptPause acceptPause;
    private final String connectionName;
    /** Every slot made, open or free, by its number: closed when the node stops. */
    private final ArrayList<C> connections = new ArrayList<>();
    /** The numbers of the free slots, the last released first. */
    private final IntArrayList freeSlots = new IntArrayList();
    private int openConnections;
    private long nextConnectionId;

    Listener(
        final Protocol<C> protocol,
        final Selector selector,
        final String address,
        final int port,
        final int backlog,
        final int socketBufferSize,
        final long writeTimeoutNanos)
    {
        this.protocol = protocol;
        this.selector = selector;
        this.socketBufferSize = socketBufferSize;
        this.writeTimeoutNanos = writeTimeoutNanos;
        this.writeTimeoutCheckNanos = Math.min(WRITE_TIMEOUT_CHECK_NANOS, writeTimeoutNanos / 4);
        final String name = protocol.logName();
        final String qualifier = name.isEmpty() ? "" : name + " ";
        this.acceptPause = new AcceptPause(qualifier + "accept");
        this.connectionName = qualifier + "connection";
        ServerSocketChannel bound = null;
        try
        {
            bound = ServerSocketChannel.open();
            bound.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            bound.bind(new InetSocketAddress(address, port), backlog);
            bound.configureBlocking(false);
            this.acceptKey = bound.register(selector, SelectionKey.OP_ACCEPT, this);
        }
        catch (final IOException ex)
        {
            if (null != bound)
            {
                closeQuietly(bound);
            }
            throw new UncheckedIOException("cannot listen " + (name.isEmpty() ? "" : "for " + name + " ") + "on " +
                address + ":" + port + ": " + ex.getMessage(), ex);
        }
        this.serverChannel = bound;
    }

    /**
     * @return the port bound, useful when 0 was asked for.
     */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.socket().getLocalSocketAddress()).getPort();
    }

    /**
     * @return connections open now.
     */
    public int openConnections()
    {
        return openConnections;
    }

    /**
     * @return what the log calls the protocol's connections: {@code connection}, {@code neo connection}.
     */
    String connectionName()
    {
        return connectionName;
    }

    /**
     * Takes back the slot of a connection that closed, holding nothing beyond its initial buffers.
     */
    void release(final int slot)
    {
        openConnections--;
        freeSlots.pushInt(slot);
    }

    @Override
    public void onSelected(final SelectionKey key)
    {
        if (!key.isAcceptable())
        {
            return;
        }
        SocketChannel channel;
        while (null != (channel = accept()))
        {
            final long now = System.nanoTime();
            if (protocol.admit(now, openConnections))
            {
                open(channel, now);
            }
            else
            {
                closeQuietly(channel);
            }
        }
    }

    /**
     * The listener's part of a poller turn: accepting again after a pause, closing the connections whose clients
     * stopped reading, and the protocol's part.
     *
     * @return work done, 0 for none.
     */
    int doWork()
    {
        acceptPause.resumeWhenDue(acceptKey);
        if (0 != writeTimeoutNanos)
        {
            closeWriteTimedOut(System.nanoTime());
        }
        return protocol.doWork();
    }

    /**
     * A client that stops reading would hold its connection's pending output, and the stream's state behind it,
     * for good: no readiness ever comes for it, so every slot is looked at once per check interval.
     */
    private void closeWriteTimedOut(final long nowNanos)
    {
        if (nowNanos - writeTimeoutCheckedNanos < writeTimeoutCheckNanos)
        {
            return;
        }
        writeTimeoutCheckedNanos = nowNanos;
        for (int i = 0; i < connections.size(); i++)
        {
            connections.get(i).closeIfWriteTimedOut(nowNanos, writeTimeoutNanos);
        }
    }

    /**
     * Closes every connection, the protocol and the listening socket; on the poller thread when the node stops.
     */
    void close()
    {
        for (int i = 0; i < connections.size(); i++)
        {
            connections.get(i).close(Level.DEBUG, "node shutting down");
        }
        protocol.close();
        closeQuietly(serverChannel);
    }

    private void open(final SocketChannel channel, final long now)
    {
        final int slot = takeFreeSlot();
        final C connection = connections.get(slot);
        try
        {
            configure(channel);
            final String remote = String.valueOf(channel.getRemoteAddress());
            final SelectionKey key = channel.register(selector, SelectionKey.OP_READ, connection);
            connection.open(channel, key, ++nextConnectionId, remote);
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "accepting a " + connectionName + " failed: " + ex.getMessage());
            freeSlots.pushInt(slot);
            closeQuietly(channel);
            return;
        }
        openConnections++;
        protocol.onOpened(connection, now);
    }

    private SocketChannel accept()
    {
        try
        {
            return serverChannel.accept();
        }
        catch (final IOException ex)
        {
            acceptPause.onFailure(acceptKey, ex);
            return null;
        }
    }

    private int takeFreeSlot()
    {
        if (!freeSlots.isEmpty())
        {
            return freeSlots.popInt();
        }
        final int slot = connections.size();
        final C created = protocol.newConnection();
        created.attach(this, slot);
        connections.add(created);
        return slot;
    }

    private void configure(final SocketChannel channel) throws IOException
    {
        if (socketBufferSize > 0)
        {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, socketBufferSize);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, socketBufferSize);
        }
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
        channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
        channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_COUNT);
    }

    private static void closeQuietly(final Channel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            LOG.log(Level.DEBUG, "closing a socket failed", ex);
        }
    }
}
