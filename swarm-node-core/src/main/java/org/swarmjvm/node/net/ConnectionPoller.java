package org.swarmjvm.node.net;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.swarmjvm.node.NodeEngine;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.stats.NodeStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

import jdk.net.ExtendedSocketOptions;

/**
 * The node's one network thread (ocean's {@code SelectListener} and epoll loop): accepts connections into pooled
 * slots up to the connection limit, and drives every connection's reads, requests and writes. It never blocks but
 * in {@code select}.
 */
public final class ConnectionPoller implements Agent
{
    private static final Logger LOG = System.getLogger(ConnectionPoller.class.getName());
    private static final long SELECT_TIMEOUT_MS = 100;
    /** TCP keep-alive as the original sets it: probe after 5 s idle, every 3 s, give up after 3. */
    private static final int KEEPALIVE_IDLE_SECONDS = 5;
    private static final int KEEPALIVE_INTERVAL_SECONDS = 3;
    private static final int KEEPALIVE_COUNT = 3;

    private final String roleName;
    private final Selector selector;
    private final ServerSocketChannel serverChannel;
    private final NodeEngine engine;
    private final NodeServices services;
    private final NodeStats stats;
    private final int connectionLimit;
    private final int socketBufferSize;
    private final ArrayDeque<Connection> freeConnections = new ArrayDeque<>();
    private final ManyToOneConcurrentArrayQueue<Connection> wokenConnections;
    /** Connections that ran in this turn: their replies are sent when it ends. */
    private final ArrayDeque<Connection> ranThisTurn;
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private final Consumer<Connection> onWoken = Connection::onWoken;
    private int createdConnections;
    private long nextConnectionId;
    private boolean declining;
    private final SelectionKey acceptKey;
    private final AcceptPause acceptPause = new AcceptPause("accept");
    private PollerExtension extension;

    /**
     * Binds the listening socket.
     *
     * @param name            of the node, for the thread name.
     * @param address         IPv4 address to bind; {@code null} binds no listening socket, for a node that serves
     *                        neo only (its listener is an {@link #extension(PollerExtension)}).
     * @param port            to bind; 0 for any free port.
     * @param backlog         of the listening socket.
     * @param connectionLimit most connections served at once.
     * @param socketBufferSize send and receive buffer of accepted connections; 0 for the system's.
     * @param engine          answering the requests.
     * @param services        node-wide services for the handlers.
     * @param stats           the node's counters.
     * @throws UncheckedIOException when the socket cannot be bound.
     */
    public ConnectionPoller(
        final String name,
        final String address,
        final int port,
        final int backlog,
        final int connectionLimit,
        final int socketBufferSize,
        final NodeEngine engine,
        final NodeServices services,
        final NodeStats stats)
    {
        this.roleName = name + "-poller";
        this.engine = engine;
        this.services = services;
        this.stats = stats;
        this.connectionLimit = connectionLimit;
        this.socketBufferSize = socketBufferSize;
        this.wokenConnections = new ManyToOneConcurrentArrayQueue<>(connectionLimit);
        this.ranThisTurn = new ArrayDeque<>(connectionLimit);
        try
        {
            selector = Selector.open();
            if (null == address)
            {
                serverChannel = null;
                acceptKey = null;
                return;
            }
            serverChannel = ServerSocketChannel.open();
            serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            serverChannel.bind(new InetSocketAddress(address, port), backlog);
            serverChannel.configureBlocking(false);
            acceptKey = serverChannel.register(selector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on " + address + ":" + port + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the port bound, useful when 0 was asked for; -1 when there is no listening socket.
     */
    public int port()
    {
        if (null == serverChannel)
        {
            return -1;
        }
        return ((InetSocketAddress)serverChannel.socket().getLocalSocketAddress()).getPort();
    }

    /**
     * Makes a blocked {@code select} return, so that a close takes effect at once.
     */
    public void wakeup()
    {
        selector.wakeup();
    }

    /**
     * Adds a second listener served by this poller's thread; call before the thread starts.
     *
     * @param extension the listener.
     */
    public void extension(final PollerExtension extension)
    {
        this.extension = extension;
    }

    @Override
    public void onStart()
    {
        if (null != extension)
        {
            extension.onStart(selector);
        }
    }

    @Override
    public int doWork() throws IOException
    {
        if (null != acceptKey)
        {
            acceptPause.resumeWhenDue(acceptKey);
        }
        int work = selector.select(onSelected, SELECT_TIMEOUT_MS);
        work += wokenConnections.drain(onWoken);
        if (null != extension)
        {
            work += extension.doWork();
        }
        Connection connection;
        while (null != (connection = ranThisTurn.poll()))
        {
            connection.endTurn();
        }
        return work;
    }

    @Override
    public void onClose()
    {
        if (null != extension)
        {
            extension.onClose();
        }
        for (final SelectionKey key : selector.keys())
        {
            if (key.attachment() instanceof Connection)
            {
                ((Connection)key.attachment()).close(Level.DEBUG, "node shutting down");
            }
        }
        try
        {
            if (null != serverChannel)
            {
                serverChannel.close();
            }
            selector.close();
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "closing the listener failed", ex);
        }
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    void wake(final Connection connection)
    {
        if (!wokenConnections.offer(connection))
        {
            LOG.log(Level.ERROR, "wake-up queue full; a request may stall");
        }
        selector.wakeup();
    }

    void endTurnLater(final Connection connection)
    {
        ranThisTurn.add(connection);
    }

    void release(final Connection connection)
    {
        freeConnections.push(connection);
    }

    private void onSelected(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        if (key.attachment() instanceof SelectionHandler)
        {
            ((SelectionHandler)key.attachment()).onSelected(key);
            return;
        }
        if (key.isAcceptable())
        {
            acceptAll();
            return;
        }
        final Connection connection = (Connection)key.attachment();
        if (key.isReadable())
        {
            connection.onReadable();
        }
        if (key.isValid() && key.isWritable() && connection.isOpen())
        {
            connection.onWritable();
        }
    }

    private void acceptAll()
    {
        SocketChannel channel;
        while (null != (channel = accept()))
        {
            final Connection connection = takeFreeConnection();
            if (null == connection)
            {
                decline(channel);
                continue;
            }
            declining = false;
            try
            {
                configure(channel);
                final SelectionKey key = channel.register(selector, SelectionKey.OP_READ, connection);
                connection.open(channel, key, ++nextConnectionId, String.valueOf(channel.getRemoteAddress()));
            }
            catch (final IOException ex)
            {
                LOG.log(Level.WARNING, "accepting a connection failed: " + ex.getMessage());
                freeConnections.push(connection);
                closeQuietly(channel);
                continue;
            }
            // What the client sent right after connecting is handled now, as the original's connection handler
            // reads at once: a request on another connection must not overtake it (a Listen the client assigned
            // before a Put would miss that Put).
            connection.onReadable();
        }
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

    private Connection takeFreeConnection()
    {
        final Connection free = freeConnections.poll();
        if (null != free)
        {
            return free;
        }
        if (createdConnections >= connectionLimit)
        {
            return null;
        }
        createdConnections++;
        return new Connection(
            this, stats, services.requestMemory(), engine.newRequestHandlers(services), engine.commandNames());
    }

    private void decline(final SocketChannel channel)
    {
        stats.onConnectionDeclined();
        if (!declining)
        {
            declining = true;
            LOG.log(Level.WARNING, "connection limit of {0,number,#} reached: declining new connections " +
                "(counted in the stats line as declined_connections)", connectionLimit);
        }
        closeQuietly(channel);
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

    private static void closeQuietly(final SocketChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            LOG.log(Level.DEBUG, "closing a declined connection failed", ex);
        }
    }
}
