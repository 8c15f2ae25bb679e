package org.swarmjvm.dht.node.storage;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.storage.ChannelRegistry;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The storage of a DHT node: its channels, the hash range it is responsible for, and its size limit
 * (dhtnode's {@code StorageChannels}).
 */
public final class DhtStorage implements AutoCloseable
{
    private static final Logger LOG = System.getLogger(DhtStorage.class.getName());

    private final ChannelRegistry<DhtChannel> channels;
    private final long sizeLimit;
    private final long channelCapacity;
    private final int averageValueSize;
    private final CompressionRule compression;
    private final AtomicBoolean redistributing = new AtomicBoolean();
    private final RangeHold rangeHold = new RangeHold();
    private volatile HashRange range;
    private volatile List<Target> learnedNodes = List.of();

    /**
     * @param range            the keys this node is responsible for.
     * @param sizeLimit        most bytes over all channels, 0 for no limit.
     * @param channelCapacity  records each channel holds ({@code channel_capacity}).
     * @param averageValueSize expected average value length, for the channels' maps.
     */
    public DhtStorage(
        final HashRange range, final long sizeLimit, final long channelCapacity, final int averageValueSize)
    {
        this(range, sizeLimit, channelCapacity, averageValueSize, CompressionRule.NONE);
    }

    /**
     * @param range            the keys this node is responsible for.
     * @param sizeLimit        most bytes over all channels (values as sent), 0 for no limit.
     * @param channelCapacity  records each channel holds ({@code channel_capacity}).
     * @param averageValueSize expected average value length, for the channels' maps.
     * @param compression      which channels compress their values ({@code [Compression]}).
     */
    public DhtStorage(final HashRange range, final long sizeLimit, final long channelCapacity,
        final int averageValueSize, final CompressionRule compression)
    {
        this.range = range;
        this.sizeLimit = sizeLimit;
        this.channelCapacity = channelCapacity;
        this.averageValueSize = averageValueSize;
        this.compression = compression;
        if (compression.compressesAny())
        {
            Lz4ValueCodec.requireNativeLibrary();
            LOG.log(Level.INFO, "value compression: {0}", compression);
        }
        this.channels = new ChannelRegistry<>(
            name -> newChannel(name, channelCapacity, channelCapacity, averageValueSize));
    }

    private DhtChannel newChannel(
        final String name, final long capacity, final long mapEntries, final int averageValueSize)
    {
        final ValueCompression valueCompression = compression.compressionOf(name);
        LOG.log(Level.INFO, ValueCompression.NONE == valueCompression ?
            "channel {0} created" : "channel {0} created, values stored compressed ({1})", name, valueCompression);
        return new DhtChannel(name, capacity, mapEntries, averageValueSize, valueCompression);
    }

    /**
     * @return records each channel holds ({@code channel_capacity}); a channel loaded from a larger dump holds more.
     */
    public long channelCapacity()
    {
        return channelCapacity;
    }

    /**
     * @return the keys this node is responsible for.
     */
    public HashRange range()
    {
        return range;
    }

    /**
     * @param range the new range (Redistribute).
     */
    public void range(final HashRange range)
    {
        this.range = range;
    }

    /**
     * @return the hold on GetResponsibleRange answers while this node hands a sub-range over.
     */
    public RangeHold rangeHold()
    {
        return rangeHold;
    }

    /**
     * @return the other nodes the last Redistribute named (reported to neo GetHashRange as new nodes).
     */
    public List<Target> learnedNodes()
    {
        return learnedNodes;
    }

    /**
     * @param nodes the other nodes a Redistribute named, with their legacy ports and ranges.
     */
    public void learnNodes(final List<Target> nodes)
    {
        this.learnedNodes = List.copyOf(nodes);
    }

    /**
     * Marks a redistribution as running.
     *
     * @return false when one is running already.
     */
    public boolean startRedistribution()
    {
        return redistributing.compareAndSet(false, true);
    }

    /**
     * Marks the running redistribution as finished.
     */
    public void endRedistribution()
    {
        redistributing.set(false);
    }

    /**
     * @param key a record key.
     * @return true when the key is in this node's range.
     */
    public boolean isResponsibleFor(final long key)
    {
        return range.containsKey(key);
    }

    /**
     * Whether storing a value would exceed the size limit ({@code Σ bytes + len(value) > size_limit}).
     *
     * @param valueLength of the value to store.
     * @return true when the node must answer OutOfMemory.
     */
    public boolean wouldExceedSizeLimit(final int valueLength)
    {
        return 0 != sizeLimit && bytes() + valueLength > sizeLimit;
    }

    /**
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return the channel, or {@code null}.
     */
    public DhtChannel channel(final DirectBuffer buffer, final int offset, final int length)
    {
        return channels.get(buffer, offset, length);
    }

    /**
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return the channel, created if missing.
     */
    public DhtChannel getOrCreateChannel(final DirectBuffer buffer, final int offset, final int length)
    {
        return channels.getOrCreate(buffer, offset, length);
    }

    /**
     * @param name of the channel.
     * @return the channel, created if missing.
     */
    public DhtChannel getOrCreateChannel(final String name)
    {
        return channels.getOrCreate(name);
    }

    /**
     * Finds or creates the channel a dump is loaded into: its map is laid out for the larger of
     * {@code channel_capacity} and the dump's records, and the larger of {@code average_value_size} and the dump's
     * average value length, so that the dump fits the map it is loaded into at once.
     *
     * @param name                 of the channel.
     * @param dumpRecords          records the dump holds (an estimate).
     * @param dumpAverageValueSize average value length in the dump (an estimate).
     * @return the channel, created if missing.
     */
    public DhtChannel getOrCreateChannelForDump(final String name, final long dumpRecords,
        final int dumpAverageValueSize)
    {
        return channels.getOrCreate(name, key -> newChannel(key, channelCapacity,
            Math.max(channelCapacity, dumpRecords), Math.max(averageValueSize, dumpAverageValueSize)));
    }

    /**
     * Removes a channel: its records are dropped and its Listen requests ended.
     *
     * @param name of the channel.
     * @return true when the channel existed.
     */
    public boolean removeChannel(final String name)
    {
        final DhtChannel channel = channels.remove(name);
        if (null == channel)
        {
            return false;
        }
        channel.close();
        LOG.log(Level.INFO, "channel {0} removed", name);
        return true;
    }

    /**
     * @return the channels' names now, in the order of {@link #channels()} (GetChannels).
     */
    public List<String> channelNames()
    {
        final List<String> names = new ArrayList<>();
        for (final DhtChannel channel : channels.channels())
        {
            names.add(channel.name());
        }
        return names;
    }

    /**
     * @return a live view of the channels.
     */
    public Collection<DhtChannel> channels()
    {
        return channels.channels();
    }

    /**
     * @return records over all channels.
     */
    public long records()
    {
        long records = 0;
        for (final DhtChannel channel : channels.channels())
        {
            records += channel.records();
        }
        return records;
    }

    /**
     * @return bytes over all channels.
     */
    public long bytes()
    {
        long bytes = 0;
        for (final DhtChannel channel : channels.channels())
        {
            bytes += channel.bytes();
        }
        return bytes;
    }

    @Override
    public void close()
    {
        for (final DhtChannel channel : channels.channels())
        {
            channel.close();
        }
    }
}
