package org.swarmjvm.node;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.swarmjvm.node.stats.NodeMetrics;
import org.swarmjvm.support.config.Addresses;
import org.swarmjvm.support.config.IniFile;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a node's network side and stats, with the original's defaults. Set fluently, then
 * {@link #conclude()} checks every value once.
 */
public final class NodeContext
{
    /** The original's {@code [Server] connection_limit} default. */
    public static final int DEFAULT_CONNECTION_LIMIT = 5000;
    /** The original's {@code [Server] backlog} default. */
    public static final int DEFAULT_BACKLOG = 2048;
    /** The original writes a stats line every 30 seconds. */
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(30);
    /** {@link #readIni(IniFile, String)}'s key of a node whose stats interval cannot be configured. */
    public static final String FIXED_STATS_INTERVAL = null;
    /** {@link #metricsPort(int)} value that serves no metrics (the default). */
    public static final int METRICS_OFF = NodeMetrics.OFF;
    /**
     * {@link #requestMemoryLimit(long)} value (the default) that takes a quarter of the JVM's direct-memory limit:
     * our units set no {@code -XX:MaxDirectMemorySize}, so that limit is the heap's maximum, and the rest stays
     * for the connections' first buffers, write buffers and the engine.
     */
    public static final long REQUEST_MEMORY_AUTO = 0;
    /** The exit status after an error the node cannot survive (sysexits.h {@code EX_SOFTWARE}). */
    public static final int FATAL_EXIT_STATUS = 70;
    /**
     * The default {@link #fatalErrorHandler(ErrorHandler)}: halts at once with {@link #FATAL_EXIT_STATUS}, so that
     * the service manager restarts the node. Not {@code System.exit}: shutdown hooks would close the node, which
     * waits for the very thread that failed, and after an Error nothing says the close would finish.
     */
    public static final ErrorHandler HALT = error -> Runtime.getRuntime().halt(FATAL_EXIT_STATUS);
    /**
     * The default {@link #pollerIdleStrategy(IdleStrategy)}: none, since the poller's duty cycle itself waits in
     * the selector until a socket is ready or a task is queued.
     */
    public static final IdleStrategy POLLER_WAITS_IN_SELECT = NoOpIdleStrategy.INSTANCE;
    /**
     * The default {@link #writeTimeout(Duration)}: long enough for a client paused by a full collection or a busy
     * host, short enough that a client that stopped reading gives its connection back within a minute.
     */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(60);
    /** {@link #writeTimeout(Duration)} value that never closes a connection for not reading, as the original. */
    public static final Duration NO_WRITE_TIMEOUT = Duration.ZERO;

    private String name = "node";
    private String address = "127.0.0.1";
    private int port;
    private int connectionLimit = DEFAULT_CONNECTION_LIMIT;
    private int backlog = DEFAULT_BACKLOG;
    private Duration statsInterval = DEFAULT_STATS_INTERVAL;
    private Path statsFile;
    private int metricsPort = METRICS_OFF;
    private long requestMemoryLimit = REQUEST_MEMORY_AUTO;
    private ErrorHandler fatalErrorHandler = HALT;
    private IdleStrategy pollerIdleStrategy = POLLER_WAITS_IN_SELECT;
    private int socketBufferSize;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private String legacyAddress;
    private String neoAddress;
    private String metricsAddress;
    private boolean legacyEnabled = true;

    /**
     * @param name of the node, used for thread names and log lines.
     * @return this context.
     */
    public NodeContext name(final String name)
    {
        this.name = name;
        return this;
    }

    /**
     * @param address IPv4 address to bind, as the original requires; also what GetSize and friends report.
     * @return this context.
     */
    public NodeContext address(final String address)
    {
        this.address = address;
        return this;
    }

    /**
     * @param port to listen on; 0 picks a free port (see {@link NodeServer#port()}).
     * @return this context.
     */
    public NodeContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @param connectionLimit most connections served at once; more are accepted and closed at once.
     * @return this context.
     */
    public NodeContext connectionLimit(final int connectionLimit)
    {
        this.connectionLimit = connectionLimit;
        return this;
    }

    /**
     * @param backlog of the listening socket.
     * @return this context.
     */
    public NodeContext backlog(final int backlog)
    {
        this.backlog = backlog;
        return this;
    }

    /**
     * @param statsInterval time between two stats lines.
     * @return this context.
     */
    public NodeContext statsInterval(final Duration statsInterval)
    {
        this.statsInterval = statsInterval;
        return this;
    }

    /**
     * @param statsFile where stats lines go ({@code log/stats.log} in the original); {@code null} for none.
     * @return this context.
     */
    public NodeContext statsFile(final Path statsFile)
    {
        this.statsFile = statsFile;
        return this;
    }

    /**
     * @param metricsPort HTTP port serving {@code GET /metrics} in the Prometheus text format, on the node's
     *                    address; 0 picks a free port (see {@link NodeServer#metricsPort()}); {@link #METRICS_OFF}
     *                    serves none.
     * @return this context.
     */
    public NodeContext metricsPort(final int metricsPort)
    {
        this.metricsPort = metricsPort;
        return this;
    }

    /**
     * @param legacyAddress IPv4 address the legacy port binds; {@code null} for {@link #address()}.
     * @return this context.
     */
    public NodeContext legacyAddress(final String legacyAddress)
    {
        this.legacyAddress = legacyAddress;
        return this;
    }

    /**
     * @param neoAddress IPv4 address the neo port binds; {@code null} for {@link #address()}.
     * @return this context.
     */
    public NodeContext neoAddress(final String neoAddress)
    {
        this.neoAddress = neoAddress;
        return this;
    }

    /**
     * @param metricsAddress IPv4 address the metrics port binds; {@code null} for {@link #address()}.
     * @return this context.
     */
    public NodeContext metricsAddress(final String metricsAddress)
    {
        this.metricsAddress = metricsAddress;
        return this;
    }

    /**
     * @param legacyEnabled false to serve neo only: the legacy port is not bound.
     * @return this context.
     */
    public NodeContext legacyEnabled(final boolean legacyEnabled)
    {
        this.legacyEnabled = legacyEnabled;
        return this;
    }

    /**
     * Reads the keys every node has, checking each value: {@code [Server] address} and {@code port} (both
     * required), {@code connection_limit}, {@code backlog}, {@code request_memory_limit}, {@code write_timeout_ms},
     * the listen keys of {@link #readListenKeys(IniFile)}, and {@code [STATS] file_name}, {@code metrics_port}
     * (absent or 0 serves no metrics: config files cannot ask for a free port) and the interval between two stats
     * lines, in seconds, under the key the node's original names it.
     *
     * @param ini              the node's config file.
     * @param statsIntervalKey the {@code [STATS]} key of the stats interval in seconds, or
     *                         {@link #FIXED_STATS_INTERVAL} for a node whose original had none (its lines come
     *                         every {@link #DEFAULT_STATS_INTERVAL}).
     * @return this context.
     * @throws IllegalArgumentException naming the file, the line, the key and the value of the first bad value.
     */
    public NodeContext readIni(final IniFile ini, final String statsIntervalKey)
    {
        if (FIXED_STATS_INTERVAL != statsIntervalKey)
        {
            statsInterval(Duration.ofSeconds(
                ini.getLong("STATS", statsIntervalKey, DEFAULT_STATS_INTERVAL.toSeconds(), 1, Long.MAX_VALUE)));
        }
        ini.require("Server", "port");
        address(ini.require("Server", "address", Addresses::ipv4))
            .port(ini.getInt("Server", "port", 0, 0, Addresses.MAX_PORT))
            .connectionLimit(ini.getInt("Server", "connection_limit", DEFAULT_CONNECTION_LIMIT, 1, Integer.MAX_VALUE))
            .backlog(ini.getInt("Server", "backlog", DEFAULT_BACKLOG, 1, Integer.MAX_VALUE))
            .requestMemoryLimit(ini.getLong("Server", "request_memory_limit", REQUEST_MEMORY_AUTO, 0, Long.MAX_VALUE))
            .writeTimeout(Duration.ofMillis(ini.getLong("Server", "write_timeout_ms",
                DEFAULT_WRITE_TIMEOUT.toMillis(), 0, Long.MAX_VALUE)))
            .statsFile(Path.of(ini.get("STATS", "file_name", "log/stats.log")))
            .readListenKeys(ini);
        final int metrics = ini.getInt("STATS", "metrics_port", 0, 0, Addresses.MAX_PORT);
        if (0 != metrics && metrics == port)
        {
            throw ini.invalid("STATS", "metrics_port", "must not be [Server] port");
        }
        return metricsPort(0 == metrics ? METRICS_OFF : metrics);
    }

    /**
     * Reads the listen keys every node has in its {@code [Server]} section, each address defaulting to
     * {@code address}: {@code legacy_address}, {@code neo_address}, {@code metrics_address}, and {@code legacy}
     * ({@code false} serves neo only).
     *
     * @param ini the node's config file.
     * @return this context.
     * @throws IllegalArgumentException naming the file, the line, the key and the value of an address that is not
     *                                  IPv4.
     */
    public NodeContext readListenKeys(final IniFile ini)
    {
        return legacyAddress(ini.get("Server", "legacy_address", null, Addresses::ipv4))
            .neoAddress(ini.get("Server", "neo_address", null, Addresses::ipv4))
            .metricsAddress(ini.get("Server", "metrics_address", null, Addresses::ipv4))
            .legacyEnabled(ini.getBoolean("Server", "legacy", true));
    }

    /**
     * @param requestMemoryLimit most bytes the read and write buffers of all connections (legacy and neo) hold at
     *                           once beyond their first buffers ({@code [Server] request_memory_limit}); a connection
     *                           whose request or waiting replies need more is closed.
     *                           {@link #REQUEST_MEMORY_AUTO} for a quarter of the JVM's direct-memory limit.
     * @return this context.
     */
    public NodeContext requestMemoryLimit(final long requestMemoryLimit)
    {
        this.requestMemoryLimit = requestMemoryLimit;
        return this;
    }

    /**
     * @param writeTimeout how long a connection's reply may wait for its client to read before the connection is
     *                     closed ({@code [Server] write_timeout_ms}): the time its pending output has been
     *                     waiting with not one byte taken by the socket. {@link #NO_WRITE_TIMEOUT} for none.
     * @return this context.
     */
    public NodeContext writeTimeout(final Duration writeTimeout)
    {
        this.writeTimeout = writeTimeout;
        return this;
    }

    /**
     * @param fatalErrorHandler called, after the node logged it, with an error that leaves the node unable to
     *                          serve (an Error on the poller, the worker or the stats threads, or anything outside
     *                          one connection's handling on the poller); {@link #HALT} by default. Tests observe
     *                          it instead.
     * @return this context.
     */
    public NodeContext fatalErrorHandler(final ErrorHandler fatalErrorHandler)
    {
        this.fatalErrorHandler = fatalErrorHandler;
        return this;
    }

    /**
     * @param pollerIdleStrategy what the poller's thread does after each duty cycle;
     *                           {@link #POLLER_WAITS_IN_SELECT} by default. Tests observe the cycles with it.
     * @return this context.
     */
    public NodeContext pollerIdleStrategy(final IdleStrategy pollerIdleStrategy)
    {
        this.pollerIdleStrategy = pollerIdleStrategy;
        return this;
    }

    /**
     * @param socketBufferSize send and receive buffer of every accepted connection, in bytes; 0 (the default)
     *                         keeps the system's sizes and their automatic tuning, as the original does. Small
     *                         buffers make reads and writes stop at every boundary, which the stress tests need.
     * @return this context.
     */
    public NodeContext socketBufferSize(final int socketBufferSize)
    {
        this.socketBufferSize = socketBufferSize;
        return this;
    }

    /**
     * Checks every setting.
     *
     * @return this context.
     * @throws IllegalArgumentException naming the first bad setting and its value.
     */
    public NodeContext conclude()
    {
        checkIpv4("address", address);
        checkIpv4("legacy_address", legacyAddress());
        checkIpv4("neo_address", neoAddress());
        checkIpv4("metrics_address", metricsAddress());
        check(port >= 0 && port <= Addresses.MAX_PORT, "port", port);
        check(connectionLimit >= 1, "connection_limit", connectionLimit);
        check(backlog >= 1, "backlog", backlog);
        check(metricsPort >= METRICS_OFF && metricsPort <= Addresses.MAX_PORT, "metrics port", metricsPort);
        check(METRICS_OFF == metricsPort || 0 == metricsPort || metricsPort != port, "metrics port (same as port)",
            metricsPort);
        check(socketBufferSize >= 0, "socket buffer size", socketBufferSize);
        check(!statsInterval.isNegative() && !statsInterval.isZero(), "stats interval", statsInterval);
        check(requestMemoryLimit >= 0, "request_memory_limit", requestMemoryLimit);
        check(null != writeTimeout && !writeTimeout.isNegative(), "write_timeout_ms", writeTimeout);
        check(null != fatalErrorHandler, "fatal error handler", null);
        check(null != pollerIdleStrategy, "poller idle strategy", null);
        return this;
    }

    private static void checkIpv4(final String setting, final String value)
    {
        try
        {
            Addresses.ipv4(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(setting + " " + ex.getMessage() + ", not \"" + value + "\"", ex);
        }
    }

    private static void check(final boolean valid, final String setting, final Object value)
    {
        if (!valid)
        {
            throw new IllegalArgumentException("invalid " + setting + ": " + value);
        }
    }

    /**
     * @return send and receive buffer of accepted connections; 0 for the system's.
     */
    public int socketBufferSize()
    {
        return socketBufferSize;
    }

    /**
     * @return the node's name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the address to bind.
     */
    public String address()
    {
        return address;
    }

    /**
     * @return the address the legacy port binds.
     */
    public String legacyAddress()
    {
        return null == legacyAddress ? address : legacyAddress;
    }

    /**
     * @return the address the neo port binds.
     */
    public String neoAddress()
    {
        return null == neoAddress ? address : neoAddress;
    }

    /**
     * @return the address the metrics port binds.
     */
    public String metricsAddress()
    {
        return null == metricsAddress ? address : metricsAddress;
    }

    /**
     * @return false when the node serves neo only.
     */
    public boolean legacyEnabled()
    {
        return legacyEnabled;
    }

    /**
     * @return the port to listen on, 0 for any.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return most connections served at once.
     */
    public int connectionLimit()
    {
        return connectionLimit;
    }

    /**
     * @return listen backlog.
     */
    public int backlog()
    {
        return backlog;
    }

    /**
     * @return time between stats lines.
     */
    public Duration statsInterval()
    {
        return statsInterval;
    }

    /**
     * @return the stats file, or {@code null}.
     */
    public Path statsFile()
    {
        return statsFile;
    }

    /**
     * @return the metrics port, 0 for any, {@link #METRICS_OFF} for none.
     */
    public int metricsPort()
    {
        return metricsPort;
    }

    /**
     * @return the request memory limit in bytes, {@link #REQUEST_MEMORY_AUTO} resolved.
     */
    public long requestMemoryLimit()
    {
        return REQUEST_MEMORY_AUTO == requestMemoryLimit ? directMemoryLimit() / 4 : requestMemoryLimit;
    }

    /**
     * @return how long pending output may wait for the client to read; {@link #NO_WRITE_TIMEOUT} for none.
     */
    public Duration writeTimeout()
    {
        return writeTimeout;
    }

    /**
     * @return what is called with an error the node cannot survive.
     */
    public ErrorHandler fatalErrorHandler()
    {
        return fatalErrorHandler;
    }

    /**
     * @return what the poller's thread does after each duty cycle.
     */
    public IdleStrategy pollerIdleStrategy()
    {
        return pollerIdleStrategy;
    }

    private static long directMemoryLimit()
    {
        final String configured = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .getVMOption("MaxDirectMemorySize").getValue();
        final long limit = Long.parseLong(configured);
        // 0 is the JVM's default, which is the heap's maximum.
        return 0 == limit ? Runtime.getRuntime().maxMemory() : limit;
    }
}
