package org.swarmjvm.logfiles.node;

import org.agrona.CloseHelper;
import org.swarmjvm.logfiles.node.config.LogfilesNodeContext;
import org.swarmjvm.logfiles.node.neo.LogfilesNeoEngine;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServer;
import org.swarmjvm.node.ServingNode;
import org.swarmjvm.node.stats.NodeMetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;

/**
 * A running logfiles node: starts the metrics endpoint (its health check answering 503 until the node serves),
 * recovers and opens the storage, then serves the legacy protocol and, on its own port,
 * the neo protocol until closed, then writes out and syncs every bucket and removes the checkpoint.
 */
public final class LogfilesNode extends ServingNode<LogfilesStorage>
{
    private static final System.Logger LOG = System.getLogger(LogfilesNode.class.getName());

    private LogfilesNode(final LogfilesStorage storage, final NodeServer server)
    {
        super(server, storage);
    }

    /**
     * Starts a node: checks the settings, recovers and loads {@code data_dir}, then listens.
     *
     * @param context settings; port 0 picks a free port.
     * @return the running node.
     * @throws UncheckedIOException when the data directory cannot be opened or repaired.
     */
    public static LogfilesNode launch(final LogfilesNodeContext context)
    {
        context.conclude();
        LOG.log(Level.INFO, "logfiles node starting: data_dir {0}, write_buffer_size {1,number,#}, " +
            "file_buffer_size {2,number,#}, write_flush_ms {3,number,#}, checkpoint_commit_seconds {4,number,#}",
            context.dataDir().toAbsolutePath(), context.storage().writeBufferSize(), context.storage().readBufferSize(),
            context.writeFlush().toMillis(), context.checkpointCommit().toSeconds());
        final NodeMetrics metrics = NodeServer.startMetrics(context.node());
        final LogfilesStorage storage;
        try
        {
            storage = LogfilesStorage.open(context.storage());
        }
        catch (final IOException ex)
        {
            metrics.close();
            final String refusal = "cannot open data_dir " + context.dataDir() + ": " + ex.getMessage();
            LOG.log(Level.ERROR, refusal);
            throw new UncheckedIOException(refusal, ex);
        }
        catch (final RuntimeException ex)
        {
            metrics.close();
            throw ex;
        }
        LOG.log(Level.INFO, "loaded {0,number,#} channels", storage.channelNames().size());
        try
        {
            final LogfilesEngine engine = new LogfilesEngine(storage, context.writeFlush(), context.checkpointCommit());
            final LogfilesNeoEngine neoEngine =
                context.neoEnabled() ? new LogfilesNeoEngine(storage, engine.counters()) : null;
            if (null == neoEngine)
            {
                LOG.log(Level.INFO, "no neoport configured: the neo protocol is not served");
            }
            return new LogfilesNode(storage,
                NodeServer.launch(context.node(), engine, context.neo(), neoEngine, metrics));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.close(metrics);
            CloseHelper.quietClose(storage);
            throw ex;
        }
    }
}
