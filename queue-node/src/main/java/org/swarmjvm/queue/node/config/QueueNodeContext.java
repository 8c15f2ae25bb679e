package org.swarmjvm.queue.node.config;

import org.swarmjvm.node.NodeContext;
import org.swarmjvm.node.config.IniFile;
import org.swarmjvm.node.config.OriginalKeys;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.queue.node.storage.ChannelSizes;
import org.swarmjvm.queue.node.storage.LeaseSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a queue node, with the original's config.ini keys (spec §6) and defaults. Fluent setters; one
 * {@link #conclude()} checks every value. The neo protocol is served on {@code [Server] neoport} with the
 * credentials of {@code [Server] credentials_path} (ours, as the logfiles node has it; default
 * {@code etc/credentials}, the original's fixed path) and the admin socket {@code [Server] unix_socket_path}; without
 * {@code neoport} the node serves the legacy protocol only. Keys the original read without using
 * ({@code size_limit}, {@code write_index_ms}, {@code cpu}, and {@code no_delay}, which had no effect on neo
 * sockets) and keys it read for what this node does otherwise ({@code write_flush_ms}, {@code [Stats]
 * console_stats_enabled}, its framework's) are accepted and ignored.
 */
public final class QueueNodeContext
{
    /** Default data directory, relative to the working directory. */
    public static final String DEFAULT_DATA_DIRECTORY = "data";

    private Path dataDirectory = Path.of(DEFAULT_DATA_DIRECTORY);
    private long channelSizeLimit = -1;
    private final Map<String, Long> channelSizeById = new LinkedHashMap<>();
    private boolean crashSafe = true;
    private LeaseSettings leaseSettings = LeaseSettings.DEFAULTS;
    private ChannelSizes channelSizes;
    private final NeoContext neo = new NeoContext();
    private final NodeContext node = new NodeContext().name("queue-node");
    private boolean neoEnabled;

    /**
     * Reads the settings from a config.ini of the original, checking each value.
     *
     * @param ini the config file.
     * @return the settings, not yet concluded.
     * @throws IllegalArgumentException naming the file, the line, the key and the value of the first bad value, or
     *                                  the key that is missing.
     */
    public static QueueNodeContext fromIni(final IniFile ini)
    {
        final QueueNodeContext context = new QueueNodeContext();
        context.node.readIni(ini, "interval");
        ini.require("Server", "channel_size_limit");
        context.channelSizeLimit(ringSize(ini, "Server", "channel_size_limit"))
            .dataDirectory(Path.of(ini.get("Server", "data_dir", DEFAULT_DATA_DIRECTORY)))
            .crashSafe(ini.getBoolean("Persistence", "crash_safe", true));
        final int maxDeliveries =
            ini.getInt("Leases", "max_deliveries", LeaseSettings.DEFAULT_MAX_DELIVERIES, 1, Integer.MAX_VALUE);
        final long journalSize = ini.getLong("Leases", "journal_size", LeaseSettings.DEFAULT_JOURNAL_LENGTH,
            LeaseSettings.MIN_JOURNAL_LENGTH, LeaseSettings.MAX_JOURNAL_LENGTH);
        try
        {
            context.leaseSettings(new LeaseSettings(maxDeliveries,
                ini.get("Leases", "dead_letter_suffix", LeaseSettings.DEFAULT_DEAD_LETTER_SUFFIX), journalSize));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(ini.source() + ": [Leases] " + ex.getMessage(), ex);
        }
        if (context.neo.readServerSection(ini))
        {
            context.neoPort(context.neo.port());
        }
        for (final String prefix : ini.section("ChannelSizeById").keySet())
        {
            context.channelSizeById(prefix, ringSize(ini, "ChannelSizeById", prefix));
        }
        try
        {
            context.channelSizes = new ChannelSizes(context.channelSizeLimit, context.channelSizeById);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(ini.source() + ": " + ex.getMessage(), ex);
        }
        // Keys the original dmqnode reads that mean nothing here: its doc/etc/config.ini, config.docker.ini and
        // test/dmqtest/etc/config.ini, and the table of spec queue.md §6; etc/queue.config.ini says why each is not
        // used.
        ini.accept("Server", "size_limit", "cpu");
        ini.accept("Performance", "write_flush_ms", "no_delay");
        ini.accept("Overflow", "write_index_ms");
        ini.accept("Stats", "console_stats_enabled");
        OriginalKeys.acceptFramework(ini);
        return context;
    }

    private static long ringSize(final IniFile ini, final String section, final String key)
    {
        return ini.getLong(section, key, 0, ChannelSizes.MIN_CAPACITY, ChannelSizes.MAX_CAPACITY);
    }

    /**
     * Checks every setting.
     *
     * @return this context.
     * @throws IllegalArgumentException naming the first bad setting and its value.
     */
    public QueueNodeContext conclude()
    {
        channelSizes = new ChannelSizes(channelSizeLimit, channelSizeById);
        if (neoEnabled)
        {
            neo.conclude();
        }
        node.conclude();
        return this;
    }

    /**
     * @param address IPv4 address to listen on ({@code [Server] address}).
     * @return this context.
     */
    public QueueNodeContext address(final String address)
    {
        node.address(address);
        return this;
    }

    /**
     * @param port legacy protocol port, 0 for any free port ({@code [Server] port}).
     * @return this context.
     */
    public QueueNodeContext port(final int port)
    {
        node.port(port);
        return this;
    }

    /**
     * @param dataDirectory where dumps, overflow and ring files live ({@code [Server] data_dir}).
     * @return this context.
     */
    public QueueNodeContext dataDirectory(final Path dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        return this;
    }

    /**
     * @param bytes ring size of every storage ({@code [Server] channel_size_limit}).
     * @return this context.
     */
    public QueueNodeContext channelSizeLimit(final long bytes)
    {
        this.channelSizeLimit = bytes;
        return this;
    }

    /**
     * @param prefix channel-name prefix ({@code [ChannelSizeById] <prefix>}).
     * @param bytes  ring size of the storages of channels starting with it.
     * @return this context.
     */
    public QueueNodeContext channelSizeById(final String prefix, final long bytes)
    {
        channelSizeById.put(prefix, bytes);
        return this;
    }

    /**
     * @param connectionLimit most open connections ({@code [Server] connection_limit}).
     * @return this context.
     */
    public QueueNodeContext connectionLimit(final int connectionLimit)
    {
        node.connectionLimit(connectionLimit);
        return this;
    }

    /**
     * @param backlog listen backlog ({@code [Server] backlog}).
     * @return this context.
     */
    public QueueNodeContext backlog(final int backlog)
    {
        node.backlog(backlog);
        return this;
    }

    /**
     * @param crashSafe true to back rings by memory-mapped files that survive the process being killed
     *                  ({@code [Persistence] crash_safe}, ours; default true), false for memory-only rings as
     *                  in the original.
     * @return this context.
     */
    public QueueNodeContext crashSafe(final boolean crashSafe)
    {
        this.crashSafe = crashSafe;
        return this;
    }

    /**
     * @param leaseSettings how leased delivery behaves ({@code [Leases]}, ours).
     * @return this context.
     */
    public QueueNodeContext leaseSettings(final LeaseSettings leaseSettings)
    {
        this.leaseSettings = leaseSettings;
        return this;
    }

    /**
     * @param statsFile where the stats line goes each interval ({@code [STATS] file_name}), {@code null} for none.
     * @return this context.
     */
    public QueueNodeContext statsFile(final Path statsFile)
    {
        node.statsFile(statsFile);
        return this;
    }

    /**
     * @param statsInterval between two stats lines ({@code [STATS] interval}, seconds).
     * @return this context.
     */
    public QueueNodeContext statsInterval(final Duration statsInterval)
    {
        node.statsInterval(statsInterval);
        return this;
    }

    /**
     * @param metricsPort HTTP port of the Prometheus metrics ({@code [STATS] metrics_port}), 0 for any free port,
     *                    {@link NodeContext#METRICS_OFF} for none.
     * @return this context.
     */
    public QueueNodeContext metricsPort(final int metricsPort)
    {
        node.metricsPort(metricsPort);
        return this;
    }

    /**
     * @param requestMemoryLimit {@code [Server] request_memory_limit}: see
     *                           {@link NodeContext#requestMemoryLimit(long)}.
     * @return this context.
     */
    public QueueNodeContext requestMemoryLimit(final long requestMemoryLimit)
    {
        node.requestMemoryLimit(requestMemoryLimit);
        return this;
    }

    /**
     * @param neoPort neo protocol port ({@code [Server] neoport}), 0 for any free port; setting it turns neo on.
     * @return this context.
     */
    public QueueNodeContext neoPort(final int neoPort)
    {
        neo.port(neoPort);
        neoEnabled = true;
        return this;
    }

    /**
     * @return the core's settings: address, ports, limits, stats, and what this context has no setter of its own
     *         for, the listen addresses and whether legacy is served ({@link NodeContext#readListenKeys(IniFile)}).
     */
    public NodeContext node()
    {
        return node;
    }

    /**
     * @return the neo listener's settings (port, credentials file, admin socket); used only when a neo port is set.
     */
    public NeoContext neo()
    {
        return neo;
    }

    /**
     * @return true when a neo port is set.
     */
    public boolean neoEnabled()
    {
        return neoEnabled;
    }

    /**
     * @return the data directory.
     */
    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /**
     * @return the ring sizes, after {@link #conclude()}.
     */
    public ChannelSizes channelSizes()
    {
        return channelSizes;
    }

    /**
     * @return whether rings are backed by ring files.
     */
    public boolean crashSafe()
    {
        return crashSafe;
    }

    /**
     * @return how leased delivery behaves.
     */
    public LeaseSettings leaseSettings()
    {
        return leaseSettings;
    }
}
