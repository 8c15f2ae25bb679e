package org.swarmjvm.dht.node.dump;

import org.agrona.DirectBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collection;

/**
 * Writes every channel to {@code <channel>.tcm} at shutdown (dhtnode's {@code DumpManager}): each through a
 * temporary file that replaces the previous dump only once complete and on disk, so a failed dump loses nothing
 * but that dump. Empty channels are dumped too, so they exist again after a restart.
 */
public final class ChannelDumper implements DhtChannel.RecordSink
{
    private static final Logger LOG = System.getLogger(ChannelDumper.class.getName());

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
     * Dumps every channel; a channel that fails is logged and the others are still dumped.
     *
     * @param channels to dump.
     * @return true when every channel was dumped.
     */
    public boolean dumpAll(final Collection<DhtChannel> channels)
    {
        boolean allDumped = true;
        for (final DhtChannel channel : channels)
        {
            allDumped &= dump(channel);
        }
        return allDumped;
    }

    /**
     * Dumps one channel.
     *
     * @param channel to dump.
     * @return true when its dump replaced the previous one.
     */
    public boolean dump(final DhtChannel channel)
    {
        final long start = System.nanoTime();
        failure = null;
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
            LOG.log(Level.INFO, "channel {0} dumped: {1} records, {2} bytes in {3} ms", channel.name(),
                dump.records(), dump.bytes(), (System.nanoTime() - start) / 1_000_000);
            return true;
        }
        catch (final IOException ex)
        {
            LOG.log(Level.ERROR, "dump of channel " + channel.name() + " failed; the previous dump is kept", ex);
            return false;
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
