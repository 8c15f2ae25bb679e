package org.swarmjvm.node;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.swarmjvm.node.legacy.LegacyProtocol;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.node.neo.NeoEngine;
import org.swarmjvm.node.neo.NeoProtocol;
import org.swarmjvm.node.net.Listener;
import org.swarmjvm.node.net.Poller;
import org.swarmjvm.node.net.RequestMemory;
import org.swarmjvm.node.stats.NodeMetrics;
import org.swarmjvm.node.stats.NodeStats;
import org.swarmjvm.node.stats.StatsWriter;
import org.swarmjvm.node.work.BlockingWorker;
import org.swarmjvm.node.work.NodeTimers;
import org.swarmjvm.support.stats.StatsLine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * A running node: the poller thread serving the connections of each protocol (legacy, neo) as peers, the
 * blocking worker, the timers (the stats line), the optional metrics endpoint (its own thread), and the engine.
 * {@link #launch(NodeContext, NodeEngine)} starts it; {@link #close()} stops accepting, closes every connection,
 * then closes the engine (which may dump its data), in that order. A node that loads its data first starts the
 * metrics endpoint itself ({@link #startMetrics(NodeContext)}), so the load can be watched, and hands it over to
 * {@link #launch(NodeContext, NodeEngine, NeoContext, NeoEngine, NodeMetrics)}; the health check answers 200
 * from the time the poller serves until {@link #close()} starts.
 */
public final class NodeServer implements AutoCloseable, NodeServices
{
    private static final Logger LOG = System.getLogger(NodeServer.class.getName());

    private final NodeContext context;
    private final NodeEngine engine;
    private final NodeStats stats;
    private final RequestMemory requestMemory;
    private final ErrorHandler fatalErrorHandler = this::onFatalError;
    private final BlockingWorker worker;
    private final Poller poller;
    private final AgentRunner pollerRunner;
    private final StatsWriter statsWriter;
    private final NodeTimers timers;
    private final NodeMetrics metrics;
    /** The legacy protocol's listener, or null when the node serves neo only. */
    private final Listener<?> legacyListener;
    private final NeoProtocol neoProtocol;
    private final Listener<?> neoListener;

    private NodeServer(final NodeContext context, final NodeEngine engine, final NeoContext neoContext,
        final NeoEngine neoEngine, final NodeMetrics metrics)
    {
        this.context = context;
        this.metrics = metrics;
        this.engine = engine;
        this.stats = new NodeStats(engine.commandNames(), context.connectionLimit());
        this.requestMemory = new RequestMemory(context.requestMemoryLimit());
        this.worker = new BlockingWorker(context.name() + "-worker", fatalErrorHandler);
        try
        {
            this.poller = new Poller(context.name());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(worker, metrics);
            throw ex;
        }
        NeoProtocol neo = null;
        try
        {
            this.legacyListener = context.legacyEnabled() ? poller.listen(
                new LegacyProtocol(poller, engine, this, context.connectionLimit()), context.legacyAddress(),
                context.port(), context.backlog(), context.socketBufferSize(), context.writeTimeout()) : null;
            if (null != neoEngine)
            {
                neo = new NeoProtocol(poller, neoContext, context.connectionLimit(), neoEngine, this);
            }
            // Neo connections keep the system's socket buffers, as they always did.
            this.neoListener = null == neo ? null :
                poller.listen(neo, context.neoAddress(), neoContext.port(), context.backlog(), 0,
                    context.writeTimeout());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(poller::onClose, null == neo ? null : neo::close, worker, metrics);
            throw ex;
        }
        this.neoProtocol = neo;
        this.statsWriter = null == context.statsFile() ? null : new StatsWriter(context.statsFile(), this::appendStats);
        this.timers = new NodeTimers(context.name(), System::nanoTime, fatalErrorHandler);
        if (null != statsWriter)
        {
            timers.schedule(statsWriter::writeLine, context.statsInterval().toNanos());
        }
        metrics.scheduleDrain(timers, stats.latencies());
        engine.scheduleTimers(timers);
        timers.start();
        // Every connection's handling catches what it can survive (closing that connection); whatever reaches the
        // runner happened outside one connection, or is an Error: a poller going on after it, or dead, would
        // accept connections and answer nothing.
        this.pollerRunner = new AgentRunner(context.pollerIdleStrategy(), fatalErrorHandler, null, poller);
        AgentRunner.startOnThread(pollerRunner);
        metrics.serving(stats, engine);
        if (null != neoProtocol)
        {
            metrics.register(neoProtocol::registerMetrics);
        }
        if (context.legacyEnabled())
        {
            LOG.log(Level.INFO, "{0} listening on {1}:{2,number,#}, connection limit {3,number,#}, request memory " +
                "limit {4,number,#} bytes", context.name(), context.legacyAddress(), legacyListener.port(),
                context.connectionLimit(), requestMemory.limit());
        }
        else
        {
            LOG.log(Level.INFO, "{0} serves no legacy protocol ([Server] legacy = false), request memory limit " +
                "{1,number,#} bytes", context.name(), requestMemory.limit());
        }
        if (null != neoListener)
        {
            LOG.log(Level.INFO, "{0} listening for neo on {1}:{2,number,#}", context.name(), context.neoAddress(),
                neoListener.port());
        }
    }

    /**
     * Starts the metrics endpoint of a node before it loads its data: the JVM's metrics, and the health check
     * answering 503 until the node serves.
     *
     * @param context settings; {@link NodeContext#conclude()} is called here.
     * @return the endpoint, which does nothing when the metrics port is off; hand it to
     * {@link #launch(NodeContext, NodeEngine, NeoContext, NeoEngine, NodeMetrics)}, or close it if the load fails.
     * @throws java.io.UncheckedIOException when the port cannot be bound.
     */
    public static NodeMetrics startMetrics(final NodeContext context)
    {
        context.conclude();
        final NodeMetrics metrics =
            NodeMetrics.start(context.name(), context.metricsAddress(), context.metricsPort());
        if (NodeContext.METRICS_OFF != metrics.port())
        {
            LOG.log(Level.INFO, "{0} serves metrics on http://{1}:{2,number,#}{3}, its health on {4}",
                context.name(), context.metricsAddress(), metrics.port(), NodeMetrics.METRICS_PATH,
                NodeMetrics.HEALTH_PATH);
        }
        return metrics;
    }

    /**
     * Starts a node.
     *
     * @param context settings; {@link NodeContext#conclude()} is called here.
     * @param engine  answering the requests; closed with the node.
     * @return the running node.
     */
    public static NodeServer launch(final NodeContext context, final NodeEngine engine)
    {
        return launch(context, engine, null, null, startMetrics(context));
    }

    /**
     * Starts a node serving the legacy protocol and, on a second port, the neo protocol.
     *
     * @param context    settings; {@link NodeContext#conclude()} is called here.
     * @param engine     answering the legacy requests; closed with the node.
     * @param neoContext neo settings.
     * @param neoEngine  answering the neo requests.
     * @return the running node.
     */
    public static NodeServer launch(
        final NodeContext context, final NodeEngine engine, final NeoContext neoContext, final NeoEngine neoEngine)
    {
        return launch(context, engine, neoContext, neoEngine, startMetrics(context));
    }

    /**
     * Starts a node serving the legacy protocol and, on a second port when there is a neo engine, the neo
     * protocol, with the metrics endpoint it started before loading its data.
     *
     * @param context    settings; {@link NodeContext#conclude()} is called here.
     * @param engine     answering the legacy requests; closed with the node.
     * @param neoContext neo settings.
     * @param neoEngine  answering the neo requests, or {@code null} for none.
     * @param metrics    from {@link #startMetrics(NodeContext)}; closed with the node, or here if it cannot start.
     * @return the running node.
     */
    public static NodeServer launch(final NodeContext context, final NodeEngine engine, final NeoContext neoContext,
        final NeoEngine neoEngine, final NodeMetrics metrics)
    {
        context.conclude();
        if (!context.legacyEnabled() && null == neoEngine)
        {
            metrics.close();
            throw new IllegalArgumentException("legacy = false needs a neo port: the node would serve nothing");
        }
        return new NodeServer(context, engine, neoContext, neoEngine, metrics);
    }

    /**
     * @return the neo port, or -1 when the node serves no neo.
     */
    public int neoPort()
    {
        return null == neoListener ? -1 : neoListener.port();
    }

    @Override
    public String address()
    {
        return context.address();
    }

    /**
     * @return the legacy port, or -1 when the node serves no legacy protocol.
     */
    @Override
    public int port()
    {
        return null == legacyListener ? -1 : legacyListener.port();
    }

    /**
     * @return the port serving the metrics, or {@link NodeContext#METRICS_OFF} when there is none.
     */
    public int metricsPort()
    {
        return metrics.port();
    }

    @Override
    public NodeStats stats()
    {
        return stats;
    }

    @Override
    public BlockingWorker worker()
    {
        return worker;
    }

    @Override
    public RequestMemory requestMemory()
    {
        return requestMemory;
    }

    /**
     * An error the node cannot go on after: logged with the thread it happened on, then handed to the context's
     * fatal error handler, which by default halts the process with {@link NodeContext#FATAL_EXIT_STATUS}.
     */
    private void onFatalError(final Throwable error)
    {
        try
        {
            LOG.log(Level.ERROR, context.name() + ": fatal error on thread " + Thread.currentThread().getName() +
                ", the node cannot go on: exiting with status " + NodeContext.FATAL_EXIT_STATUS, error);
        }
        finally
        {
            context.fatalErrorHandler().onError(error);
        }
    }

    private void appendStats(final StatsLine line)
    {
        stats.appendAndReset(line);
        if (null != neoProtocol)
        {
            neoProtocol.appendStats(line);
        }
        engine.appendStats(line);
    }

    @Override
    public void close()
    {
        LOG.log(Level.INFO, "{0} stopping: closing connections", context.name());
        metrics.stopping();
        poller.wakeup();
        CloseHelper.close(pollerRunner);
        CloseHelper.close(worker);
        // The timers first: the stats writer's last line is written by its close, not by a tick beside it.
        CloseHelper.close(timers);
        CloseHelper.close(statsWriter);
        LOG.log(Level.INFO, "{0} stopping: closing storage", context.name());
        try
        {
            engine.close();
        }
        finally
        {
            // Last: the metrics and the health check (503) answer while the engine writes its data.
            metrics.close();
        }
        LOG.log(Level.INFO, "{0} stopped", context.name());
    }
}
