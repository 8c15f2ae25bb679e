package org.swarmjvm.dht.node.dump;

import org.agrona.DirectBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes every channel to {@code <channel>.tcm} at shutdown (dhtnode's {@code DumpManager}): each through a
 * temporary file that replaces the previous dump only once complete and on disk, so a failed dump loses nothing
 * but that dump. Empty channels are dumped too, so they exist again after a restart. The change logs of a
 * channel (dht-dump's continuous mode) are deleted once its dump is in place: the dump holds all they did.
 */
public final class ChannelDumper implements DhtChannel.RecordSink
{
    /** Tries per channel before its dump is given up. */
    public static final int ATTEMPTS = 3;

    private static final Logger LOG = System.getLogger(ChannelDumper.class.getName());
    private static final long RETRY_PAUSE_MS = 1000;

    private final DumpDirectory directory;
    private TcmWriter writer;
    private IOException failure;

    /**
     * @param directory where the dumps go.
     */
    public ChannelDumper(final DumpDirectory directory)
    {
        this.directory = directory;
    }

    /**
     * Dumps every channel; a channel that fails is tried again {@value #ATTEMPTS} times in all, a second apart (a
     * disk that filled for a moment, an operator freeing space), each failure logged, and the others are still
     * dumped.
     *
     * @param channels to dump.
     * @return the names of the channels whose dump failed every attempt: their previous dump is kept.
     */
    public List<String> dumpAll(final Collection<DhtChannel> channels)
    {
        final List<String> failed = new ArrayList<>();
        for (final DhtChannel channel : channels)
        {
            if (!dumpWithRetries(channel))
            {
                failed.add(channel.name());
            }
        }
        return failed;
    }

    private boolean dumpWithRetries(final DhtChannel channel)
    {
        for (int attempt = 1; ; attempt++)
        {
            final IOException ex = dump(channel);
            if (null == ex)
            {
                return true;
            }
            if (ATTEMPTS == attempt)
            {
                LOG.log(Level.ERROR, "dump of channel " + channel.name() + " failed " + ATTEMPTS + " times; the " +
                    "previous dump is kept, the records written since it are lost when the node exits", ex);
                return false;
            }
            LOG.log(Level.WARNING, "dump of channel {0} failed (attempt {1} of {2}): {3}; trying again in {4} ms",
                channel.name(), attempt, ATTEMPTS, ex.toString(), RETRY_PAUSE_MS);
            try
            {
                Thread.sleep(RETRY_PAUSE_MS);
            }
            catch (final InterruptedException interrupted)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Dumps one channel.
     *
     * @return {@code null} when its dump replaced the previous one, otherwise why it did not.
     */
    private IOException dump(final DhtChannel channel)
    {
        final long start = System.nanoTime();
        failure = null;
        // Listed before the records are read: every change they hold is in the dump.
        final List<Path> changeLogs = directory.changeLogs(channel.name());
        try (TcmWriter dump = TcmWriter.create(directory.path(), channel.name()))
        {
            writer = dump;
            for (int segment = 0, segments = channel.segments(); segment < segments && null == failure; segment++)
            {
                channel.forEachInSegment(segment, this);
            }
            if (null != failure)
            {
                throw failure;
            }
            dump.commit(0);
            // Replayed after this newer dump they would undo the changes since: gone once the dump is in place.
            directory.deleteChangeLogs(changeLogs);
            LOG.log(Level.INFO, "channel {0} dumped: {1} records, {2} bytes in {3} ms", channel.name(),
                dump.records(), dump.bytes(), (System.nanoTime() - start) / 1_000_000);
            return null;
        }
        catch (final IOException ex)
        {
            return ex;
        }
        finally
        {
            writer = null;
        }
    }

    @Override
    public void onRecord(final long key, final DirectBuffer value, final int valueOffset, final int valueLength)
    {
        if (null != failure)
        {
            return;
        }
        try
        {
            writer.append(key, value, valueOffset, valueLength);
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
    }
}
