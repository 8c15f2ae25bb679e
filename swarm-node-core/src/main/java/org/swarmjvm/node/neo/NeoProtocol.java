package org.swarmjvm.node.neo;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.net.Poller;
import org.swarmjvm.node.net.Protocol;
import org.swarmjvm.protocol.neo.NeoHmac;
import org.swarmjvm.support.stats.StatsLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The neo protocol as a peer of the {@link Poller}: admits neo connections, refusing them all while no credentials
 * file is loaded. Owns the credentials and the admin Unix socket.
 * <p>
 * Unauthenticated connections are kept apart from authenticated ones, so that silent peers cannot shut clients
 * out: the connection limit counts authenticated connections only; at most
 * {@link NeoContext#unauthenticatedLimit()} unauthenticated ones are held, a new one above that closes the oldest
 * (an honest client authenticates within milliseconds, a silent one is the oldest); and one still unauthenticated
 * after {@link NeoContext#handshakeTimeout()} is closed. They are kept in accept order in a list threaded through
 * the connections, so the deadline check looks at the oldest only and allocates nothing.
 * <p>
 * Clients with {@code [Throttle]} limits draw their new requests from a {@link NeoThrottle}; without any limit the
 * node has none and serves every request as it always did.
 */
public final class NeoProtocol implements Protocol<NeoConnection>
{
    private static final Logger LOG = System.getLogger(NeoProtocol.class.getName());
    /** Wake-ups queued between two turns, a connection and a request each. */
    private static final int WOKEN_CAPACITY = 64 * 1024;
    /** A node without credentials logs one refused connection in this many. */
    private static final int REFUSALS_PER_LOG_LINE = 1000;

    private final NeoContext context;
    private final NeoEngine engine;
    private final NodeServices services;
    private final int connectionLimit;
    private final int unauthenticatedLimit;
    private final long handshakeTimeoutNanos;
    private final CredentialsRegistry credentials;
    private final UnixSocketAdmin admin;
    private final NeoHmac hmac = new NeoHmac();
    private final NeoStats stats;
    /** The client throttles, or {@code null} when no client has limits. */
    private final NeoThrottle throttle;
    private final ManyToOneConcurrentArrayQueue<Object> woken = new ManyToOneConcurrentArrayQueue<>(WOKEN_CAPACITY);
    private final Poller poller;
    private long refused;
    private NeoConnection oldestUnauthenticated;
    private NeoConnection newestUnauthenticated;
    private int unauthenticated;
    private final PeerEventLog handshakeTimeouts;
    private final PeerEventLog shed;
    private final PeerEventLog declined;

    /**
     * Loads the credentials and opens the admin socket.
     *
     * @param poller          serving the protocol's listener.
     * @param context         neo settings.
     * @param connectionLimit most authenticated neo connections at once.
     * @param engine          the node's neo requests.
     * @param services        node-wide services.
     * @throws UncheckedIOException when the admin socket cannot be opened.
     */
    public NeoProtocol(
        final Poller poller,
        final NeoContext context,
        final int connectionLimit,
        final NeoEngine engine,
        final NodeServices services)
    {
        context.conclude();
        this.context = context;
        this.poller = poller;
        this.engine = engine;
        this.services = services;
        this.connectionLimit = connectionLimit;
        this.unauthenticatedLimit = context.unauthenticatedLimit();
        this.handshakeTimeoutNanos = context.handshakeTimeout().toNanos();
        this.handshakeTimeouts = new PeerEventLog("neo connection(s) closed: not authenticated within the " +
            "handshake timeout of " + context.handshakeTimeout().toMillis() + " ms");
        this.shed = new PeerEventLog("neo connection(s) closed unauthenticated to make room: " +
            unauthenticatedLimit + " unauthenticated connections held (neo_unauthenticated_limit)");
        this.declined = new PeerEventLog("neo connection(s) declined: connection limit of " + connectionLimit +
            " authenticated connections reached");
        this.credentials = new CredentialsRegistry(context.credentialsFile());
        this.stats = new NeoStats(engine.requestNames(), timedRequests(engine), connectionLimit);
        this.throttle = context.isThrottled() ? new NeoThrottle(context) : null;
        UnixSocketAdmin opened = null;
        if (null != context.unixSocketPath())
        {
            try
            {
                opened = new UnixSocketAdmin(context.unixSocketPath(), credentials);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot open the admin socket " + context.unixSocketPath() + ": " +
                    ex.getMessage(), ex);
            }
        }
        this.admin = opened;
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

    /**
     * Appends the neo figures of the stats line: {@link NeoStats}, and the requests each throttled client had
     * refused in the interval.
     *
     * @param line the stats line.
     */
    public void appendStats(final StatsLine line)
    {
        stats.appendAndReset(line);
        if (null != throttle)
        {
            throttle.appendAndReset(line);
        }
    }

    /**
     * Registers the neo metrics: the connection figures of {@link NeoStats}, and {@value NeoThrottle#METRIC} when
     * some client has limits.
     *
     * @param registry the node's metrics.
     */
    public void registerMetrics(final PrometheusRegistry registry)
    {
        stats.registerMetrics(registry);
        if (null != throttle)
        {
            throttle.registerMetrics(registry);
        }
    }

    NeoHmac hmac()
    {
        return hmac;
    }

    /**
     * @param client name of a connection that has just authenticated.
     * @return the throttle of that name, or {@code null} when its requests are not limited.
     */
    ClientThrottle throttleOf(final String client)
    {
        return null == throttle ? null : throttle.forClient(client);
    }

    @Override
    public String logName()
    {
        return "neo";
    }

    @Override
    public NeoConnection newConnection()
    {
        return new NeoConnection(this, engine, services, context);
    }

    @Override
    public int doWork()
    {
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
        if (null != throttle)
        {
            throttle.onTurn();
        }
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
        poller.wakeup();
    }

    @Override
    public boolean admit(final long nowNanos, final int openConnections)
    {
        if (!credentials.isLoaded())
        {
            if (0 == refused++ % REFUSALS_PER_LOG_LINE)
            {
                LOG.log(Level.WARNING, "neo connection refused: no credentials loaded from {0} ({1,number,#} " +
                    "refused so far)", context.credentialsFile().toAbsolutePath(), refused);
            }
            return false;
        }
        if (openConnections - unauthenticated >= connectionLimit)
        {
            services.stats().onConnectionDeclined();
            declined.onEvent(nowNanos);
            return false;
        }
        if (unauthenticated >= unauthenticatedLimit)
        {
            oldestUnauthenticated.close(Level.DEBUG, "closed to make room for a newer unauthenticated one");
            shed.onEvent(nowNanos);
        }
        return true;
    }

    @Override
    public void onOpened(final NeoConnection connection, final long nowNanos)
    {
        addUnauthenticated(connection, nowNanos + handshakeTimeoutNanos);
        stats.onConnectionOpened();
        LOG.log(Level.DEBUG, "neo connection {0,number,#} from {1} accepted", connection.connectionId(),
            connection.remoteAddress());
    }

    /**
     * Moves a connection that has just authenticated to the authenticated ones, if the limit leaves room.
     *
     * @param connection      authenticated.
     * @param openConnections neo connections open now, this one included.
     * @return false when the connection limit is reached: the caller closes the connection.
     */
    boolean onAuthenticated(final NeoConnection connection, final int openConnections)
    {
        removeUnauthenticated(connection);
        if (openConnections - unauthenticated > connectionLimit)
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
        stats.onConnectionClosed();
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

    @Override
    public void close()
    {
        if (null != admin)
        {
            admin.close();
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
