package org.swarmjvm.dht.dump;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.RecordConsumer;
import org.swarmjvm.protocol.dht.client.SizeReport;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.dht.tcm.TcmRecordDescriptor;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One dump cycle (dhtdump's {@code DumpCycle}): GetChannels, then per channel GetAll into a {@link TcmWriter}
 * that replaces {@code <channel>.tcm} only once the dump is complete and on disk. Unlike the original, whose error
 * flag was shared by the whole cycle, a channel that fails is logged and left for the next cycle while the others
 * are still dumped; a channel whose dump would not fit the free space is skipped before anything is written; and a
 * channel that disappeared from the node since the previous cycle has its dump moved to {@code deleted/}, as the
 * node does on RemoveChannel.
 * <p>
 * Keeps the channels seen by the last successful GetChannels between cycles; not thread-safe.
 */
public final class DumpCycle
{
    private static final Logger LOG = System.getLogger(DumpCycle.class.getName());

    private final DhtDumpContext context;
    private final DumpDirectory directory;
    private final UnsafeBuffer valueView = new UnsafeBuffer(new byte[0]);
    private Set<String> knownChannels = Set.of();

    /**
     * @param context   settings, concluded.
     * @param directory where the dumps go.
     */
    public DumpCycle(final DhtDumpContext context, final DumpDirectory directory)
    {
        this.context = context;
        this.directory = directory;
    }

    /**
     * Dumps every channel of the node once.
     *
     * @param client connected to the node.
     * @return what the cycle did; {@link DumpStats#isSuccess()} is false when any channel was not dumped.
     */
    public DumpStats run(final DhtClient client)
    {
        final DumpStats stats = new DumpStats();
        final Set<String> channels;
        try
        {
            channels = new LinkedHashSet<>(client.getChannels());
        }
        catch (final RuntimeException ex)
        {
            LOG.log(Level.ERROR, "GetChannels failed, nothing dumped this cycle: {0}", ex.getMessage());
            stats.cycleFailed("GetChannels failed: " + ex.getMessage());
            stats.finish();
            return stats;
        }
        moveDisappeared(channels);
        knownChannels = channels;
        LOG.log(Level.INFO, "dump cycle started: {0} channels", channels.size());
        for (final String channel : channels)
        {
            dump(client, channel, stats);
        }
        stats.finish();
        if (stats.isSuccess())
        {
            LOG.log(Level.INFO, "dump cycle finished: {0}", stats.summary());
        }
        else
        {
            LOG.log(Level.WARNING, "dump cycle finished with failures ({0}): {1}", stats.failureReason(),
                stats.summary());
        }
        return stats;
    }

    private void moveDisappeared(final Set<String> channels)
    {
        for (final String channel : knownChannels)
        {
            if (!channels.contains(channel))
            {
                LOG.log(Level.INFO, "channel {0} is gone from the node: moving its dump to {1}", channel,
                    directory.deletedFolder());
                directory.moveToDeleted(channel);
            }
        }
    }

    private void dump(final DhtClient client, final String channel, final DumpStats stats)
    {
        final long start = System.nanoTime();
        try
        {
            if (!hasSpaceFor(client, channel, stats))
            {
                return;
            }
            // Left by an earlier run in continuous mode: older than this dump, they must not be replayed after it.
            final List<Path> changeLogs = directory.changeLogs(channel);
            try (TcmWriter writer = TcmWriter.create(directory.path(), channel))
            {
                client.getAll(channel, recordWriter(channel, writer));
                writer.commit(context.keepGenerations());
                directory.deleteChangeLogs(changeLogs);
                stats.channelDumped(channel, writer.records(), writer.bytes());
                LOG.log(Level.INFO, "channel {0} dumped: {1,number,#} records, {2,number,#} bytes in {3,number,#} " +
                    "ms", channel, writer.records(), writer.bytes(), (System.nanoTime() - start) / 1_000_000);
            }
        }
        catch (final UncheckedIOException ex)
        {
            fail(channel, stats, ex.getCause());
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(channel, stats, ex);
        }
    }

    private RecordConsumer recordWriter(final String channel, final TcmWriter writer)
    {
        return (key, value) ->
        {
            if (0 == value.length)
            {
                return;
            }
            valueView.wrap(value);
            try
            {
                writer.append(key, valueView, 0, value.length);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            if (0 == writer.records() % DhtDumpContext.PROGRESS_RECORDS)
            {
                LOG.log(Level.INFO, "channel {0}: {1,number,#} records dumped so far, last key {2}", channel,
                    writer.records(), HexKey.toString(key));
            }
        };
    }

    private boolean hasSpaceFor(final DhtClient client, final String channel, final DumpStats stats)
        throws IOException
    {
        final SizeReport size = client.getChannelSize(channel);
        // The node's byte figure counts at least every value; the file adds the key and two lengths per record.
        final long estimate = TcmRecordDescriptor.paddedLength(TcmRecordDescriptor.HEADER_LENGTH + size.totalBytes() +
            size.totalRecords() * TcmRecordDescriptor.RECORD_OVERHEAD + TcmRecordDescriptor.END_MARKER_LENGTH);
        final long usable = Files.getFileStore(directory.path()).getUsableSpace();
        if (usable - estimate >= context.minFreeBytes())
        {
            return true;
        }
        final String reason = "skipped: not enough free space in " + directory.path() + " (" + usable +
            " bytes usable, the dump needs about " + estimate + " and " + context.minFreeBytes() +
            " must stay free); the previous dump is kept";
        LOG.log(Level.ERROR, "channel {0} {1}", channel, reason);
        stats.channelFailed(channel, reason);
        return false;
    }

    private static void fail(final String channel, final DumpStats stats, final Throwable ex)
    {
        LOG.log(Level.ERROR, "dump of channel " + channel + " failed, the previous dump is kept; retried next " +
            "cycle", ex);
        stats.channelFailed(channel, "failed, previous dump kept: " + ex);
    }
}
