package org.swarmjvm.queue.node;

import org.swarmjvm.node.NodeContext;
import org.swarmjvm.node.NodeServer;
import org.swarmjvm.node.ServingNode;
import org.swarmjvm.node.stats.NodeMetrics;
import org.swarmjvm.queue.node.config.QueueNodeContext;
import org.swarmjvm.queue.node.neo.QueueNeoEngine;
import org.swarmjvm.queue.node.storage.QueueStore;

/**
 * A running queue node. {@link #launch(QueueNodeContext)} opens the storage (loading the original's files and
 * recovering ring files after a crash), with the metrics endpoint already up (its health check answering 503
 * meanwhile), and starts serving the legacy port and, when configured, the neo port,
 * both on one thread over the one storage; {@link #close()} stops accepting, drops the
 * connections, then writes the overflow index and the ring dumps.
 */
public final class QueueNode extends ServingNode<QueueStore>
{
    private QueueNode(final NodeServer server, final QueueStore store)
    {
        super(server, store);
    }

    /**
     * Starts a node.
     *
     * @param context settings; {@link QueueNodeContext#conclude()} is called here.
     * @return the running node.
     */
    public static QueueNode launch(final QueueNodeContext context)
    {
        context.conclude();
        final NodeContext nodeContext = context.node();
        final NodeMetrics metrics = NodeServer.startMetrics(nodeContext);
        final QueueStore store = new QueueStore(
            context.dataDirectory(), context.channelSizes(), context.crashSafe(), context.leaseSettings());
        final QueueEngine engine = new QueueEngine(store);
        metrics.channels(engine);
        engine.publishLeaseGauges(metrics);
        try
        {
            store.open();
        }
        catch (final RuntimeException ex)
        {
            metrics.close();
            throw ex;
        }
        try
        {
            return new QueueNode(NodeServer.launch(nodeContext, engine, context.neo(),
                context.neoEnabled() ? new QueueNeoEngine(store) : null, metrics), store);
        }
        catch (final RuntimeException ex)
        {
            store.close();
            throw ex;
        }
    }
}
