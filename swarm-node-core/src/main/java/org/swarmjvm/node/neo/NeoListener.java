package org.swarmjvm.node.neo;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.net.AcceptPause;
import org.swarmjvm.node.net.PollerExtension;
import org.swarmjvm.node.net.SelectionHandler;
import org.swarmjvm.protocol.neo.NeoHmac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

import jdk.net.ExtendedSocketOptions;

/**
 * The neo listener, run on the legacy poller's thread: accepts neo connections up to the connection limit and
 * refuses them all while no credentials file is loaded. Owns the credentials and the admin Unix socket.
 */
public final class NeoListener implements PollerExtension, SelectionHandler
{
    private static final Logger LOG = System.getLogger(NeoListener.class.getName());

    private final NeoContext context;
    private final NeoEngine engine;
    private final NodeServices services;
    private final int connectionLimit;
    private final ServerSocketChannel serverChannel;
    private final CredentialsRegistry credentials;
    private final UnixSocketAdmin admin;
    private final NeoHmac hmac = new NeoHmac();
    private final NeoStats stats;
    private final Set<NeoConnection> connections = new LinkedHashSet<>();
    private final ManyToOneConcurrentArrayQueue<Object> woken = new ManyToOneConcurrentArrayQueue<>(64 * 1024);
    private Selector selector;
    private SelectionKey acceptKey;
    private final AcceptPause acceptPause = new AcceptPause("neo accept");
    private long nextConnectionId;
    private long refused;

    /**
     * Binds the neo port, loads the credentials and opens the admin socket.
     *
     * @param context         neo settings.
     * @param address         IPv4 address to bind.
     * @param backlog         listen backlog.
     * @param connectionLimit most neo connections at once.
     * @param engine          the node's neo requests.
     * @param services        node-wide services.
     */
    public NeoListener(
        final NeoContext context,
        final String address,
        final int backlog,
        final int connectionLimit,
        final NeoEngine engine,
        final NodeServices services)
    {
        context.conclude();
        this.context = context;
        this.engine = engine;
        this.services = services;
        this.connectionLimit = connectionLimit;
        this.credentials = new CredentialsRegistry(context.credentialsFile());
        this.stats = new NeoStats(engine.requestNames(), timedRequests(engine), connectionLimit);
        try
        {
            serverChannel = ServerSocketChannel.open();
            serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            serverChannel.bind(new InetSocketAddress(address, context.port()), backlog);
            serverChannel.configureBlocking(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(
                "cannot listen for neo on " + address + ":" + context.port() + ": " + ex.getMessage(), ex);
        }
        UnixSocketAdmin opened = null;
        if (null != context.unixSocketPath())
        {
            try
            {
                opened = new UnixSocketAdmin(context.unixSocketPath(), credentials);
            }
            catch (final IOException ex)
            {
                closeQuietly(serverChannel);
                throw new UncheckedIOException("cannot open the admin socket " + context.unixSocketPath() + ": " +
                    ex.getMessage(), ex);
            }
        }
        this.admin = opened;
    }

    /**
     * @return the neo port bound.
     */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.socket().getLocalSocketAddress()).getPort();
    }

    /**
     * @return the credentials in force.
     */
    public CredentialsRegistry credentials()
    {
        return credentials;
    }

    /**
     * @return the neo figures of the stats line.
     */
    public NeoStats stats()
    {
        return stats;
    }

    NeoHmac hmac()
    {
        return hmac;
    }

    @Override
    public void onStart(final Selector selector)
    {
        this.selector = selector;
        try
        {
            acceptKey = serverChannel.register(selector, SelectionKey.OP_ACCEPT, this);
        }
        catch (final ClosedChannelException ex)
        {
            throw new IllegalStateException("neo listener closed before start", ex);
        }
    }

    @Override
    public int doWork()
    {
        acceptPause.resumeWhenDue(acceptKey);
        int work = 0;
        Object item;
        while (null != (item = woken.poll()))
        {
            final NeoConnection connection = (NeoConnection)item;
            // The pair is offered under a lock, but the request's slot may not be visible yet when the connection's
            // is: wait for it, or the pairs fall out of step and every later wake-up is lost.
            Object request;
            while (null == (request = woken.poll()))
            {
                Thread.onSpinWait();
            }
            connection.onWoken((NeoRequest)request);
            work++;
        }
        return work + engine.doWork(System.nanoTime());
    }

    void wake(final NeoConnection connection, final NeoRequest request)
    {
        synchronized (woken)
        {
            while (!woken.offer(connection))
            {
                Thread.onSpinWait();
            }
            while (!woken.offer(request))
            {
                Thread.onSpinWait();
            }
        }
        selector.wakeup();
    }

    @Override
    public void onSelected(final SelectionKey key)
    {
        if (!key.isValid() || !key.isAcceptable())
        {
            return;
        }
        SocketChannel channel;
        while (null != (channel = accept()))
        {
            if (!credentials.isLoaded())
            {
                if (0 == refused++ % 1000)
                {
                    LOG.log(Level.WARNING, "neo connection refused: no credentials loaded from {0} ({1,number,#} " +
                        "refused so far)", context.credentialsFile().toAbsolutePath(), refused);
                }
                closeQuietly(channel);
                continue;
            }
            if (connections.size() >= connectionLimit)
            {
                services.stats().onConnectionDeclined();
                LOG.log(Level.WARNING, "neo connection limit of {0} reached: declining", connectionLimit);
                closeQuietly(channel);
                continue;
            }
            open(channel);
        }
    }

    private void open(final SocketChannel channel)
    {
        try
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 5);
            channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 3);
            channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
            final String remote = String.valueOf(channel.getRemoteAddress());
            final SelectionKey connectionKey = channel.register(selector, SelectionKey.OP_READ);
            final NeoConnection connection = new NeoConnection(
                this, engine, services, context, ++nextConnectionId, channel, connectionKey, remote);
            connectionKey.attach(connection);
            connections.add(connection);
            stats.onConnectionOpened();
            LOG.log(Level.DEBUG, "neo connection {0} from {1} accepted", nextConnectionId, remote);
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "accepting a neo connection failed: " + ex.getMessage());
            closeQuietly(channel);
        }
    }

    void onClosed(final NeoConnection connection)
    {
        if (connections.remove(connection))
        {
            stats.onConnectionClosed();
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

    @Override
    public void onClose()
    {
        for (final NeoConnection connection : new ArrayList<>(connections))
        {
            connection.close(Level.DEBUG, "node shutting down");
        }
        closeQuietly(serverChannel);
        if (null != admin)
        {
            admin.close();
        }
    }

    private static void closeQuietly(final java.nio.channels.Channel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            LOG.log(Level.DEBUG, "closing failed", ex);
        }
    }

    private static boolean[] timedRequests(final NeoEngine engine)
    {
        final String[] names = engine.requestNames();
        final boolean[] timed = new boolean[names.length];
        for (int code = 0; code < names.length; code++)
        {
            timed[code] = null != names[code] && engine.isTimed(code);
        }
        return timed;
    }
}
