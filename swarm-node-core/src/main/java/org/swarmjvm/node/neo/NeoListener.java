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
 * The neo listener, run on the legacy poller's thread: accepts neo connections and refuses them all while no
 * credentials file is loaded. Owns the credentials and the admin Unix socket.
 * <p>
 * Unauthenticated connections are kept apart from authenticated ones, so that silent peers cannot shut clients
 * out: the connection limit counts authenticated connections only; at most
 * {@link NeoContext#unauthenticatedLimit()} unauthenticated ones are held, a new one above that closes the oldest
 * (an honest client authenticates within milliseconds, a silent one is the oldest); and one still unauthenticated
 * after {@link NeoContext#handshakeTimeout()} is closed. They are kept in accept order in a list threaded through
 * the connections, so the deadline check looks at the oldest only and allocates nothing.
 */
public final class NeoListener implements PollerExtension, SelectionHandler
{
    private static final Logger LOG = System.getLogger(NeoListener.class.getName());

    private final NeoContext context;
    private final NeoEngine engine;
    private final NodeServices services;
    private final int connectionLimit;
    private final int unauthenticatedLimit;
    private final long handshakeTimeoutNanos;
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
    private NeoConnection oldestUnauthenticated;
    private NeoConnection newestUnauthenticated;
    private int unauthenticated;
    private final ConnectionEventLog handshakeTimeouts;
    private final ConnectionEventLog shed;
    private final ConnectionEventLog declined;

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
        this.unauthenticatedLimit = context.unauthenticatedLimit();
        this.handshakeTimeoutNanos = context.handshakeTimeout().toNanos();
        this.handshakeTimeouts = new ConnectionEventLog("closed: not authenticated within the handshake timeout " +
            "of " + context.handshakeTimeout().toMillis() + " ms");
        this.shed = new ConnectionEventLog("closed unauthenticated to make room: " + unauthenticatedLimit +
            " unauthenticated connections held (neo_unauthenticated_limit)");
        this.declined = new ConnectionEventLog("declined: connection limit of " + connectionLimit +
            " authenticated connections reached");
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
        final long now = System.nanoTime();
        work += closeUnauthenticatedDue(now);
        handshakeTimeouts.onTurn(now);
        shed.onTurn(now);
        declined.onTurn(now);
        return work + engine.doWork(now);
    }

    private int closeUnauthenticatedDue(final long now)
    {
        int closed = 0;
        while (null != oldestUnauthenticated && now - oldestUnauthenticated.handshakeDeadlineNanos >= 0)
        {
            oldestUnauthenticated.close(Level.DEBUG, "not authenticated within the handshake timeout");
            handshakeTimeouts.onEvent(now);
            closed++;
        }
        return closed;
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
            final long now = System.nanoTime();
            if (connections.size() - unauthenticated >= connectionLimit)
            {
                services.stats().onConnectionDeclined();
                declined.onEvent(now);
                closeQuietly(channel);
                continue;
            }
            if (unauthenticated >= unauthenticatedLimit)
            {
                oldestUnauthenticated.close(Level.DEBUG, "closed to make room for a newer unauthenticated one");
                shed.onEvent(now);
            }
            open(channel, now);
        }
    }

    private void open(final SocketChannel channel, final long now)
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
            addUnauthenticated(connection, now + handshakeTimeoutNanos);
            stats.onConnectionOpened();
            LOG.log(Level.DEBUG, "neo connection {0} from {1} accepted", nextConnectionId, remote);
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "accepting a neo connection failed: " + ex.getMessage());
            closeQuietly(channel);
        }
    }

    /**
     * Moves a connection that has just authenticated to the authenticated ones, if the limit leaves room.
     *
     * @param connection authenticated.
     * @return false when the connection limit is reached: the caller closes the connection.
     */
    boolean onAuthenticated(final NeoConnection connection)
    {
        removeUnauthenticated(connection);
        if (connections.size() - unauthenticated > connectionLimit)
        {
            services.stats().onConnectionDeclined();
            declined.onEvent(System.nanoTime());
            return false;
        }
        return true;
    }

    void onClosed(final NeoConnection connection)
    {
        removeUnauthenticated(connection);
        if (connections.remove(connection))
        {
            stats.onConnectionClosed();
        }
    }

    private void addUnauthenticated(final NeoConnection connection, final long deadlineNanos)
    {
        connection.handshakeDeadlineNanos = deadlineNanos;
        connection.unauthenticated = true;
        connection.olderUnauthenticated = newestUnauthenticated;
        if (null == newestUnauthenticated)
        {
            oldestUnauthenticated = connection;
        }
        else
        {
            newestUnauthenticated.newerUnauthenticated = connection;
        }
        newestUnauthenticated = connection;
        unauthenticated++;
    }

    private void removeUnauthenticated(final NeoConnection connection)
    {
        if (!connection.unauthenticated)
        {
            return;
        }
        final NeoConnection older = connection.olderUnauthenticated;
        final NeoConnection newer = connection.newerUnauthenticated;
        if (null == older)
        {
            oldestUnauthenticated = newer;
        }
        else
        {
            older.newerUnauthenticated = newer;
        }
        if (null == newer)
        {
            newestUnauthenticated = older;
        }
        else
        {
            newer.olderUnauthenticated = older;
        }
        connection.olderUnauthenticated = null;
        connection.newerUnauthenticated = null;
        connection.unauthenticated = false;
        unauthenticated--;
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
