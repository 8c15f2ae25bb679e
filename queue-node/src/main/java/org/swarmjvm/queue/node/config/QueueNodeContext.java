package org.swarmjvm.queue.node.config;

import org.swarmjvm.node.NodeContext;
import org.swarmjvm.node.config.IniFile;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.queue.node.storage.ChannelSizes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of a queue node, with the original's config.ini keys (spec §6) and defaults. Fluent setters; one
 * {@link #conclude()} checks every value. The neo protocol is served on {@code [Server] neoport} with the
 * credentials of {@code [Server] credentials_path} (ours, as the logfiles node has it; default
 * {@code etc/credentials}, the original's fixed path) and the admin socket {@code [Server] unix_socket_path}; without
 * {@code neoport} the node serves the legacy protocol only. Keys the original read without using
 * ({@code size_limit}, {@code write_index_ms}, {@code cpu}, and {@code no_delay}, which had no effect on neo
 * sockets) are accepted and ignored.
 */
public final class QueueNodeContext
{
    /** Default data directory, relative to the working directory. */
    public static final String DEFAULT_DATA_DIRECTORY = "data";
    /** Default stats file. */
    public static final String DEFAULT_STATS_FILE = "log/stats.log";

    private String address;
    private int port = -1;
    private Path dataDirectory = Path.of(DEFAULT_DATA_DIRECTORY);
    private long channelSizeLimit = -1;
    private final Map<String, Long> channelSizeById = new LinkedHashMap<>();
    private int connectionLimit = NodeContext.DEFAULT_CONNECTION_LIMIT;
    private int backlog = NodeContext.DEFAULT_BACKLOG;
    private boolean crashSafe = true;
    private Path statsFile;
    private Duration statsInterval = NodeContext.DEFAULT_STATS_INTERVAL;
    private int metricsPort = NodeContext.METRICS_OFF;
    private long requestMemoryLimit = NodeContext.REQUEST_MEMORY_AUTO;
    private ChannelSizes channelSizes;
    private final NeoContext neo = new NeoContext();
    private final NodeContext node = new NodeContext();
    private boolean neoEnabled;

    /**
     * Reads the settings from a config.ini of the original.
     *
     * @param file the config file.
     * @return the settings, not yet concluded.
     */
    public static QueueNodeContext read(final Path file)
    {
        final IniFile ini = IniFile.read(file);
        final QueueNodeContext context = new QueueNodeContext()
            .address(ini.require("Server", "address"))
            .port((int)ini.getLong("Server", "port", -1))
            .channelSizeLimit(ini.getLong("Server", "channel_size_limit", -1))
            .dataDirectory(Path.of(ini.get("Server", "data_dir", DEFAULT_DATA_DIRECTORY)))
            .connectionLimit((int)ini.getLong("Server", "connection_limit", NodeContext.DEFAULT_CONNECTION_LIMIT))
            .backlog((int)ini.getLong("Server", "backlog", NodeContext.DEFAULT_BACKLOG))
            .requestMemoryLimit(NodeContext.requestMemoryLimit(ini))
            .crashSafe(ini.getBoolean("Persistence", "crash_safe", true))
            .statsFile(Path.of(ini.get("STATS", "file_name", DEFAULT_STATS_FILE)))
            .statsInterval(Duration.ofSeconds(ini.getLong("STATS", "interval",
                NodeContext.DEFAULT_STATS_INTERVAL.toSeconds())))
            .metricsPort(NodeContext.metricsPort(ini));
        context.node.readListenKeys(ini);
        if (context.neo.readServerSection(ini))
        {
            context.neoPort(context.neo.port());
        }
        if (null == ini.get("Server", "port"))
        {
            throw new IllegalArgumentException(file + ": [Server] port is required");
        }
        if (null == ini.get("Server", "channel_size_limit"))
        {
            throw new IllegalArgumentException(file + ": [Server] channel_size_limit is required");
        }
        for (final Map.Entry<String, String> entry : section(file, "ChannelSizeById").entrySet())
        {
            try
            {
                context.channelSizeById(entry.getKey(), Long.parseLong(entry.getValue()));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(file + ": [ChannelSizeById] " + entry.getKey() + " = "
                    + entry.getValue() + " is not a number");
            }
        }
        return context;
    }

    /**
     * Checks every setting.
     *
     * @return this context.
     * @throws IllegalArgumentException naming the first bad setting and its value.
     */
    public QueueNodeContext conclude()
    {
        if (null == address)
        {
            throw new IllegalArgumentException("[Server] address is required");
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("invalid [Server] port: " + port);
        }
        channelSizes = new ChannelSizes(channelSizeLimit, channelSizeById);
        if (neoEnabled)
        {
            neo.conclude();
        }
        toNodeContext().conclude();
        return this;
    }

    /**
     * @return the core's settings derived from these, with the listen addresses set on {@link #node()}.
     */
    public NodeContext toNodeContext()
    {
        return node
            .name("queue-node")
            .address(address)
            .port(port)
            .connectionLimit(connectionLimit)
            .backlog(backlog)
            .requestMemoryLimit(requestMemoryLimit)
            .statsFile(statsFile)
            .statsInterval(statsInterval)
            .metricsPort(metricsPort);
    }

    /**
     * @param address IPv4 address to listen on ({@code [Server] address}).
     * @return this context.
     */
    public QueueNodeContext address(final String address)
    {
        this.address = address;
        return this;
    }

    /**
     * @param port legacy protocol port, 0 for any free port ({@code [Server] port}).
     * @return this context.
     */
    public QueueNodeContext port(final int port)
    {
        this.port = port;
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
        this.connectionLimit = connectionLimit;
        return this;
    }

    /**
     * @param backlog listen backlog ({@code [Server] backlog}).
     * @return this context.
     */
    public QueueNodeContext backlog(final int backlog)
    {
        this.backlog = backlog;
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
     * @param statsFile where the stats line goes each interval ({@code [STATS] file_name}), {@code null} for none.
     * @return this context.
     */
    public QueueNodeContext statsFile(final Path statsFile)
    {
        this.statsFile = statsFile;
        return this;
    }

    /**
     * @param statsInterval between two stats lines ({@code [STATS] interval}, seconds).
     * @return this context.
     */
    public QueueNodeContext statsInterval(final Duration statsInterval)
    {
        this.statsInterval = statsInterval;
        return this;
    }

    /**
     * @param metricsPort HTTP port of the Prometheus metrics ({@code [STATS] metrics_port}), 0 for any free port,
     *                    {@link NodeContext#METRICS_OFF} for none.
     * @return this context.
     */
    public QueueNodeContext metricsPort(final int metricsPort)
    {
        this.metricsPort = metricsPort;
        return this;
    }

    /**
     * @param requestMemoryLimit {@code [Server] request_memory_limit}: see
     *                           {@link NodeContext#requestMemoryLimit(long)}.
     * @return this context.
     */
    public QueueNodeContext requestMemoryLimit(final long requestMemoryLimit)
    {
        this.requestMemoryLimit = requestMemoryLimit;
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
     * @return the core's settings for what this context has no setter of its own: the listen addresses and
     *         whether legacy is served ({@link NodeContext#readListenKeys(IniFile)}).
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
     * Reads the keys of one section, which the core's ini reader cannot list ({@code [ChannelSizeById]} has
     * free-form keys).
     */
    private static Map<String, String> section(final Path file, final String name)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read config file " + file, ex);
        }
        boolean inSection = false;
        for (final String raw : lines)
        {
            final String line = raw.trim();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#"))
            {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]"))
            {
                inSection = name.equals(line.substring(1, line.length() - 1).trim());
                continue;
            }
            final int equals = line.indexOf('=');
            if (inSection && equals > 0)
            {
                values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return values;
    }
}
