package org.swarmjvm.logfiles.node;

import org.swarmjvm.logfiles.node.redistribution.Redistributor;
import org.swarmjvm.logfiles.node.request.ActionCounters;
import org.swarmjvm.logfiles.node.request.LogfilesRequestHandlers;
import org.swarmjvm.logfiles.node.request.WriteFailureLog;
import org.swarmjvm.logfiles.node.storage.LogfilesChannel;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeEngine;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.node.work.NodeTimers;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;
import org.swarmjvm.support.stats.StatsLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

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
    private final Duration writeFlush;
    private final Duration checkpointCommit;
    private final Redistributor redistributor;
    private final ActionCounters counters = new ActionCounters();
    private final WriteFailureLog writeFailures = new WriteFailureLog();

    /**
     * @param storage          opened and recovered.
     * @param writeFlush       period of the write-buffer flush ({@code write_flush_ms}).
     * @param checkpointCommit period of the checkpoint commit ({@code checkpoint_commit_seconds}).
     */
    LogfilesEngine(final LogfilesStorage storage, final Duration writeFlush, final Duration checkpointCommit)
    {
        this.storage = storage;
        this.writeFlush = writeFlush;
        this.checkpointCommit = checkpointCommit;
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
    public void scheduleTimers(final NodeTimers timers)
    {
        StorageMaintenance.schedule(timers, storage, writeFlush, checkpointCommit);
    }

    @Override
    public void appendStats(final StatsLine line)
    {
        counters.appendAndReset(line);
        line.addMoved("action/redistributed/records", redistributor.takeMovedRecords())
            .addMoved("action/redistributed/bytes", redistributor.takeMovedBytes())
            .add("channels", storage.channelNames().size());
    }

    /**
     * Tells each channel's bytes in its bucket files, read from the file system (on the metrics thread, never the
     * poller's); the storage keeps no count of records, as the original's did not.
     */
    @Override
    public void forEachChannel(final Visitor visitor)
    {
        for (final LogfilesChannel channel : storage.channels())
        {
            visitor.channel(channel.name(), RECORDS_UNKNOWN, bytesInFiles(channel.dir()));
        }
    }

    private static long bytesInFiles(final Path dir)
    {
        final long[] bytes = new long[1];
        try
        {
            Files.walkFileTree(dir, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes)
                {
                    bytes[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(final Path file, final IOException ex)
                {
                    // A bucket or the channel removed meanwhile holds nothing any more.
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the size of " + dir + ": " + ex.getMessage(), ex);
        }
        return bytes[0];
    }

    @Override
    public void close()
    {
        try
        {
            storage.close();
            LOG.log(System.Logger.Level.INFO, "storage closed: buffers written and synced, checkpoint removed");
        }
        catch (final IOException ex)
        {
            // Buffered records may not be on disk: the stop must not look clean (the runner exits 1). The checkpoint
            // stays, so the next start recovers what reached the files.
            throw new UncheckedIOException("closing the storage failed; the checkpoint is kept", ex);
        }
    }
}
