package org.swarmjvm.dht.node;

import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.agrona.CloseHelper;
import org.swarmjvm.dht.node.dump.DumpLoader;
import org.swarmjvm.dht.node.neo.DhtNeoEngine;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServer;
import org.swarmjvm.node.ServingNode;
import org.swarmjvm.node.stats.NodeMetrics;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * A running DHT node: loads the dumps, then serves the legacy protocol until closed, then dumps every channel. The
 * metrics endpoint starts before the load, so its channels can be watched growing (and the health check answers
 * 503 until the node serves).
 */
public final class DhtNode extends ServingNode<DhtStorage>
{
    private static final Logger LOG = System.getLogger(DhtNode.class.getName());

    private DhtNode(final DhtStorage storage, final NodeServer server)
    {
        super(server, storage);
    }

    /**
     * Starts a node: checks the settings, loads {@code data_dir}, then listens.
     *
     * @param context settings; port 0 picks a free port.
     * @return the running node.
     */
    public static DhtNode launch(final DhtNodeContext context)
    {
        context.conclude();
        LOG.log(Level.INFO, "dht node starting: range {0}, data_dir {1}, batch_size {2,number,#}, size_limit " +
            "{3,number,#}, channel_capacity {4,number,#}", context.range(), context.dataDir().toAbsolutePath(),
            context.batchSize(), context.sizeLimit(), context.channelCapacity());
        warmUpInBackground();
        final DhtStorage storage = new DhtStorage(
            context.range(), context.sizeLimit(), context.channelCapacity(), context.averageValueSize(),
            context.compression());
        NodeMetrics metrics = null;
        try
        {
            metrics = NodeServer.startMetrics(context.node());
            final DumpDirectory dumpDirectory = new DumpDirectory(context.dataDir());
            final DhtEngine engine = new DhtEngine(context, storage, dumpDirectory);
            metrics.channels(engine);
            final long loaded = new DumpLoader(dumpDirectory, storage, context.batchSize(), context.outOfRange(),
                context.abortAfterAllOutOfRange()).loadAll();
            LOG.log(Level.INFO, "loaded {0,number,#} records in {1,number,#} channels", loaded,
                storage.channels().size());
            return new DhtNode(storage, NodeServer.launch(context.node(), engine, context.neo(),
                new DhtNeoEngine(storage, dumpDirectory, context.mirrorQueueCapacity()), metrics));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(metrics, storage);
            throw ex;
        }
    }

    /**
     * Runs the map library's one-time set-up (seconds on a cold JVM) beside the start instead of before it: the
     * node serves every request that needs no new channel meanwhile, loading dumps overlaps it, and a channel
     * created before it is done waits for it, as it would have waited at start.
     */
    private static void warmUpInBackground()
    {
        final Thread thread = new Thread(() ->
        {
            final long start = System.nanoTime();
            try
            {
                DhtChannel.warmUp();
                LOG.log(Level.INFO, "storage engine ready in {0,number,#} ms",
                    (System.nanoTime() - start) / 1_000_000);
            }
            catch (final RuntimeException ex)
            {
                LOG.log(Level.ERROR, "storage engine set-up failed: creating a channel will fail the same way", ex);
            }
        }, "storage-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
