package org.swarmjvm.dht.node.config;

import org.swarmjvm.dht.node.dump.DumpLoader;
import org.swarmjvm.dht.node.neo.DhtNeoEngine;
import org.swarmjvm.dht.node.storage.CompressionRule;
import org.swarmjvm.dht.node.storage.ValueCompression;
import org.swarmjvm.node.NodeContext;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.support.config.IniFile;
import org.swarmjvm.support.config.OriginalKeys;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of a DHT node, read from the original dhtnode's {@code config.ini} keys (so an existing config works
 * unchanged) plus the few this implementation adds, each with the original's default. Set fluently, then
 * {@link #conclude()} checks them once.
 */
public final class DhtNodeContext
{
    /** The neo port is always the legacy port + 100, as in the original. */
    public static final int NEO_PORT_OFFSET = 100;
    /** The largest legacy port that leaves room for the neo port. */
    public static final int MAX_PORT_WITH_NEO = 65535 - NEO_PORT_OFFSET;
    /** Records one channel holds unless configured: its Chronicle Map is sized for this many. */
    public static final long DEFAULT_CHANNEL_CAPACITY = 1_000_000;
    /** Average value length the channel maps are laid out for, unless configured. */
    public static final int DEFAULT_AVERAGE_VALUE_SIZE = 128;
    /** The original's {@code abort_after_all_out_of_range} default. */
    public static final long DEFAULT_ABORT_AFTER_ALL_OUT_OF_RANGE = 10_000;

    private final NodeContext node = new NodeContext().name("dht-node");
    private final NeoContext neo = new NeoContext();
    private int mirrorQueueCapacity = DhtNeoEngine.DEFAULT_MIRROR_QUEUE_CAPACITY;
    private HashRange range = HashRange.FULL;
    private Path dataDir = Path.of("data");
    private int batchSize = DhtConst.DEFAULT_BATCH_SIZE;
    private long sizeLimit;
    private long channelCapacity = DEFAULT_CHANNEL_CAPACITY;
    private int averageValueSize = DEFAULT_AVERAGE_VALUE_SIZE;
    private DumpLoader.OutOfRange outOfRange = DumpLoader.OutOfRange.LOAD;
    private long abortAfterAllOutOfRange = DEFAULT_ABORT_AFTER_ALL_OUT_OF_RANGE;
    private CompressionRule compression = CompressionRule.NONE;
    private Path configFile;

    /**
     * Reads the settings of an original dhtnode config file, checking each value. Relative paths are taken from the
     * working directory, as the original does.
     *
     * @param ini the parsed file.
     * @return a context holding the file's settings.
     * @throws IllegalArgumentException naming the file, the line, the key and the value of the first bad value.
     */
    public static DhtNodeContext fromIni(final IniFile ini)
    {
        final DhtNodeContext context = new DhtNodeContext();
        context.node.readIni(ini, "interval_s");
        final int port = context.node.port();
        if (port > MAX_PORT_WITH_NEO)
        {
            throw ini.invalid("Server", "port", "must be at most " + MAX_PORT_WITH_NEO + " (the neo port is port + " +
                NEO_PORT_OFFSET + ")");
        }
        if (port > 0)
        {
            context.neo.port(port + NEO_PORT_OFFSET);
        }
        context.neo.readListenerKeys(ini);
        context.range = new HashRange(ini.require("Server", "minval", HashRange::parseBound),
            ini.require("Server", "maxval", HashRange::parseBound));
        if (!context.range.isValid())
        {
            throw ini.invalid("Server", "maxval", "must not be below minval");
        }
        context.dataDir = Path.of(ini.get("Server", "data_dir", "data"));
        context.batchSize = ini.getInt("Options_Memory", "batch_size", DhtConst.DEFAULT_BATCH_SIZE,
            DhtConst.MIN_BATCH_SIZE, Integer.MAX_VALUE);
        context.sizeLimit = ini.getLong("Options_Memory", "size_limit", 0, 0, Long.MAX_VALUE);
        context.channelCapacity = ini.getLong("Options_Memory", "channel_capacity", DEFAULT_CHANNEL_CAPACITY, 1,
            Long.MAX_VALUE);
        context.averageValueSize = ini.getInt("Options_Memory", "average_value_size", DEFAULT_AVERAGE_VALUE_SIZE, 1,
            Integer.MAX_VALUE);
        context.outOfRange = ini.get("Options_Memory", "allow_out_of_range", DumpLoader.OutOfRange.LOAD,
            DhtNodeContext::outOfRange);
        context.abortAfterAllOutOfRange = ini.getLong("Options_Memory", "abort_after_all_out_of_range",
            DEFAULT_ABORT_AFTER_ALL_OUT_OF_RANGE, 0, Long.MAX_VALUE);
        context.compression = compressionRule(ini);
        acceptOriginalKeys(ini);
        return context;
    }

    /**
     * Reads {@code [Compression]}: {@code default = none|lz4} and, per compression, {@code <compression>_prefix}
     * listing channel-name prefixes (separated by commas or spaces) whose channels use it.
     */
    private static CompressionRule compressionRule(final IniFile ini)
    {
        final ValueCompression defaultCompression =
            ini.get("Compression", "default", ValueCompression.NONE, ValueCompression::parse);
        final Map<String, ValueCompression> prefixes = new LinkedHashMap<>();
        for (final ValueCompression compression : ValueCompression.values())
        {
            final String key = compression.name().toLowerCase(Locale.ROOT) + "_prefix";
            for (final String prefix : ini.get("Compression", key, "").split("[,\\s]+"))
            {
                if (!prefix.isEmpty() && null != prefixes.put(prefix, compression))
                {
                    throw ini.invalid("Compression", key, "names prefix " + prefix + " twice");
                }
            }
        }
        return new CompressionRule(defaultCompression, prefixes);
    }

    /**
     * Keys the original dhtnode reads that mean nothing here, so that a config of the original starts without
     * warnings: from its {@code doc/etc/dht.config.ini} and {@code integrationtest/dhttest/etc/config.ini}, and
     * the table of spec {@code dht.md} §6.6; {@code etc/config.ini} says why each is not used.
     */
    private static void acceptOriginalKeys(final IniFile ini)
    {
        // Present commented out in the original's test config: the neo port is always port + 100.
        ini.accept("Server", "neoport");
        ini.accept("Performance", "write_flush_ms", "redist_memory_limit_mulitplier", "no_delay");
        ini.accept("Options_Memory", "lock_memory", "bnum", "disable_direct_io");
        OriginalKeys.acceptFramework(ini);
    }

    private static DumpLoader.OutOfRange outOfRange(final String value)
    {
        try
        {
            return DumpLoader.OutOfRange.valueOf(value.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("must be load, ignore or fatal", ex);
        }
    }

    /**
     * Checks every setting.
     *
     * @return this context.
     * @throws IllegalArgumentException naming the first bad setting and its value.
     */
    public DhtNodeContext conclude()
    {
        node.conclude();
        neo.conclude();
        if (mirrorQueueCapacity < 1)
        {
            throw new IllegalArgumentException("mirror queue capacity must be positive, not " + mirrorQueueCapacity);
        }
        if (!range.isValid())
        {
            throw new IllegalArgumentException("invalid hash range minval..maxval: " + range);
        }
        if (batchSize < DhtConst.MIN_BATCH_SIZE)
        {
            throw new IllegalArgumentException(
                "batch_size must be at least " + DhtConst.MIN_BATCH_SIZE + ", not " + batchSize);
        }
        if (sizeLimit < 0)
        {
            throw new IllegalArgumentException("size_limit must be 0 (none) or positive, not " + sizeLimit);
        }
        if (channelCapacity < 1)
        {
            throw new IllegalArgumentException("channel_capacity must be positive, not " + channelCapacity);
        }
        if (averageValueSize < 1)
        {
            throw new IllegalArgumentException("average_value_size must be positive, not " + averageValueSize);
        }
        if (abortAfterAllOutOfRange < 0)
        {
            throw new IllegalArgumentException(
                "abort_after_all_out_of_range must be 0 or positive, not " + abortAfterAllOutOfRange);
        }
        return this;
    }

    /**
     * @return the neo listener's settings (port, credentials file, admin socket).
     */
    public NeoContext neo()
    {
        return neo;
    }

    /**
     * @param mirrorQueueCapacity most queued updates per neo Mirror before updates are lost and signalled.
     * @return this context.
     */
    public DhtNodeContext mirrorQueueCapacity(final int mirrorQueueCapacity)
    {
        this.mirrorQueueCapacity = mirrorQueueCapacity;
        return this;
    }

    /**
     * @return most queued updates per neo Mirror.
     */
    public int mirrorQueueCapacity()
    {
        return mirrorQueueCapacity;
    }

    /**
     * @return the network and stats settings.
     */
    public NodeContext node()
    {
        return node;
    }

    /**
     * @param range of keys the node is responsible for.
     * @return this context.
     */
    public DhtNodeContext range(final HashRange range)
    {
        this.range = range;
        return this;
    }

    /**
     * @param dataDir where dumps are loaded from and written to.
     * @return this context.
     */
    public DhtNodeContext dataDir(final Path dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    /**
     * @param batchSize largest uncompressed GetAll batch; Put's value limit is this minus 32.
     * @return this context.
     */
    public DhtNodeContext batchSize(final int batchSize)
    {
        this.batchSize = batchSize;
        return this;
    }

    /**
     * @param sizeLimit most bytes stored, 0 for no limit.
     * @return this context.
     */
    public DhtNodeContext sizeLimit(final long sizeLimit)
    {
        this.sizeLimit = sizeLimit;
        return this;
    }

    /**
     * @param channelCapacity records each channel holds.
     * @return this context.
     */
    public DhtNodeContext channelCapacity(final long channelCapacity)
    {
        this.channelCapacity = channelCapacity;
        return this;
    }

    /**
     * @param averageValueSize the channel maps are laid out for.
     * @return this context.
     */
    public DhtNodeContext averageValueSize(final int averageValueSize)
    {
        this.averageValueSize = averageValueSize;
        return this;
    }

    /**
     * @param outOfRange what loading does with records outside the range.
     * @return this context.
     */
    public DhtNodeContext outOfRange(final DumpLoader.OutOfRange outOfRange)
    {
        this.outOfRange = outOfRange;
        return this;
    }

    /**
     * @param compression which channels compress their values.
     * @return this context.
     */
    public DhtNodeContext compression(final CompressionRule compression)
    {
        this.compression = compression;
        return this;
    }

    /**
     * @return which channels compress their values.
     */
    public CompressionRule compression()
    {
        return compression;
    }

    /**
     * @param configFile the file the settings came from; Redistribute writes the new range back into it.
     * @return this context.
     */
    public DhtNodeContext configFile(final Path configFile)
    {
        this.configFile = configFile;
        return this;
    }

    /**
     * @return the file the settings came from, or {@code null}.
     */
    public Path configFile()
    {
        return configFile;
    }

    /**
     * @return the range.
     */
    public HashRange range()
    {
        return range;
    }

    /**
     * @return the data directory.
     */
    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * @return the batch size.
     */
    public int batchSize()
    {
        return batchSize;
    }

    /**
     * @return the size limit.
     */
    public long sizeLimit()
    {
        return sizeLimit;
    }

    /**
     * @return records per channel.
     */
    public long channelCapacity()
    {
        return channelCapacity;
    }

    /**
     * @return the average value size.
     */
    public int averageValueSize()
    {
        return averageValueSize;
    }

    /**
     * @return the out-of-range policy.
     */
    public DumpLoader.OutOfRange outOfRange()
    {
        return outOfRange;
    }

    /**
     * @return the all-out-of-range safety valve.
     */
    public long abortAfterAllOutOfRange()
    {
        return abortAfterAllOutOfRange;
    }
}
