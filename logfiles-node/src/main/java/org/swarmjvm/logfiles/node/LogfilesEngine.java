package org.swarmjvm.logfiles.node;

import org.swarmjvm.logfiles.node.redistribution.Redistributor;
import org.swarmjvm.logfiles.node.request.ActionCounters;
import org.swarmjvm.logfiles.node.request.LogfilesRequestHandlers;
import org.swarmjvm.logfiles.node.request.WriteFailureLog;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeEngine;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.node.stats.StatsLine;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;

/**
 * The logfiles engine plugged into the node core: the 12 legacy commands over {@link LogfilesStorage}. Closing it
 * is the node's clean shutdown of the storage.
 */
final class LogfilesEngine implements NodeEngine
{
    private static final System.Logger LOG = System.getLogger(LogfilesEngine.class.getName());
    private static final String[] COMMAND_NAMES = new String[LogfilesCommand.MAX_CODE + 1];

    static
    {
        for (final LogfilesCommand command : LogfilesCommand.values())
        {
            COMMAND_NAMES[command.code()] = command.label();
        }
    }

    private final LogfilesStorage storage;
    private final Runnable beforeClose;
    private final Redistributor redistributor;
    private final ActionCounters counters = new ActionCounters();
    private final WriteFailureLog writeFailures = new WriteFailureLog();

    LogfilesEngine(final LogfilesStorage storage, final Runnable beforeClose)
    {
        this.storage = storage;
        this.beforeClose = beforeClose;
        this.redistributor = new Redistributor(storage);
    }

    /**
     * @return the action counters, shared with the neo requests.
     */
    ActionCounters counters()
    {
        return counters;
    }

    @Override
    public String[] commandNames()
    {
        return COMMAND_NAMES.clone();
    }

    @Override
    public RequestHandler[] newRequestHandlers(final NodeServices services)
    {
        return LogfilesRequestHandlers.create(storage, services, redistributor, counters, writeFailures);
    }

    @Override
    public void appendStats(final StatsLine line)
    {
        counters.appendAndReset(line);
        line.add("action", "redistributed", "records", redistributor.takeMovedRecords())
            .add("action", "redistributed", "bytes", redistributor.takeMovedBytes())
            .add("channels", storage.channelNames().size());
    }

    @Override
    public void close()
    {
        beforeClose.run();
        try
        {
            storage.close();
            LOG.log(System.Logger.Level.INFO, "storage closed: buffers written and synced, checkpoint removed");
        }
        catch (final java.io.IOException ex)
        {
            // Buffered records may not be on disk: the stop must not look clean (the runner exits 1). The checkpoint
            // stays, so the next start recovers what reached the files.
            throw new java.io.UncheckedIOException("closing the storage failed; the checkpoint is kept", ex);
        }
    }
}
