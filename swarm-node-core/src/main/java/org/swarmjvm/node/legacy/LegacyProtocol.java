package org.swarmjvm.node.legacy;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.swarmjvm.node.NodeEngine;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.net.Poller;
import org.swarmjvm.node.net.Protocol;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The legacy protocol of swarm (dhtproto, dmqproto, dlsproto) as a peer of the {@link Poller}: admits connections
 * up to the connection limit, declining the others, and ends every turn by sending the replies its connections
 * wrote in it (see {@link LegacyConnection}).
 */
public final class LegacyProtocol implements Protocol<LegacyConnection>
{
    private static final Logger LOG = System.getLogger(LegacyProtocol.class.getName());

    private final Poller poller;
    private final NodeEngine engine;
    private final NodeServices services;
    private final int connectionLimit;
    private final ManyToOneConcurrentArrayQueue<LegacyConnection> wokenConnections;
    /** Connections that ran in this turn: their replies are sent when it ends. */
    private final ArrayDeque<LegacyConnection> ranThisTurn;
    private final Consumer<LegacyConnection> onWoken = LegacyConnection::onWoken;
    private boolean declining;

    /**
     * @param poller          serving the protocol's listener.
     * @param engine          answering the requests.
     * @param services        node-wide services for the handlers.
     * @param connectionLimit most connections served at once.
     */
    public LegacyProtocol(
        final Poller poller, final NodeEngine engine, final NodeServices services, final int connectionLimit)
    {
        this.poller = poller;
        this.engine = engine;
        this.services = services;
        this.connectionLimit = connectionLimit;
        this.wokenConnections = new ManyToOneConcurrentArrayQueue<>(connectionLimit);
        this.ranThisTurn = new ArrayDeque<>(connectionLimit);
    }

    @Override
    public String logName()
    {
        return "";
    }

    @Override
    public LegacyConnection newConnection()
    {
        return new LegacyConnection(this, services.stats(), services.requestMemory(),
            engine.newRequestHandlers(services), engine.commandNames());
    }

    @Override
    public boolean admit(final long nowNanos, final int openConnections)
    {
        if (openConnections < connectionLimit)
        {
            declining = false;
            return true;
        }
        services.stats().onConnectionDeclined();
        if (!declining)
        {
            declining = true;
            LOG.log(Level.WARNING, "connection limit of {0,number,#} reached: declining new connections " +
                "(counted in the stats line as declined_connections)", connectionLimit);
        }
        return false;
    }

    @Override
    public void onOpened(final LegacyConnection connection, final long nowNanos)
    {
        // What the client sent right after connecting is handled now, as the original's connection handler
        // reads at once: a request on another connection must not overtake it (a Listen the client assigned
        // before a Put would miss that Put).
        connection.onReadable();
    }

    @Override
    public int doWork()
    {
        final int work = wokenConnections.drain(onWoken);
        LegacyConnection connection;
        while (null != (connection = ranThisTurn.poll()))
        {
            connection.endTurn();
        }
        return work;
    }

    void wake(final LegacyConnection connection)
    {
        if (!wokenConnections.offer(connection))
        {
            LOG.log(Level.ERROR, "wake-up queue full; a request may stall");
        }
        poller.wakeup();
    }

    void endTurnLater(final LegacyConnection connection)
    {
        ranThisTurn.add(connection);
    }
}
