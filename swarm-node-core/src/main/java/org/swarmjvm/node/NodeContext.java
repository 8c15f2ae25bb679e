package org.swarmjvm.node;

import org.swarmjvm.node.config.IniFile;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
    /** {@link #metricsPort(int)} value that serves no metrics (the default). */
    public static final int METRICS_OFF = -1;

    private String name = "node";
    private String address = "127.0.0.1";
    private int port;
    private int connectionLimit = DEFAULT_CONNECTION_LIMIT;
    private int backlog = DEFAULT_BACKLOG;
    private Duration statsInterval = DEFAULT_STATS_INTERVAL;
    private Path statsFile;
    private int metricsPort = METRICS_OFF;
    private int socketBufferSize;

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
     * Reads {@code [STATS] metrics_port} of a node's config: absent or 0 serves no metrics (config files cannot ask
     * for a free port).
     *
     * @param ini the node's config file.
     * @return the port, or {@link #METRICS_OFF}.
     * @throws IllegalArgumentException naming the file and the key when the value is not a port.
     */
    public static int metricsPort(final IniFile ini)
    {
        final long port = ini.getLong("STATS", "metrics_port", 0);
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException(ini.source() +
                ": [STATS] metrics_port must be 0 (off) or a port up to 65535, not " + port);
        }
        return 0 == port ? METRICS_OFF : (int)port;
    }

    /**
     * Checks every setting.
     *
     * @return this context.
     * @throws IllegalArgumentException naming the first bad setting and its value.
     */
    public NodeContext conclude()
    {
        try
        {
            if (!(InetAddress.getByName(address) instanceof Inet4Address) || !address.matches("[0-9.]+"))
            {
                throw new IllegalArgumentException("address must be an IPv4 address, not \"" + address + "\"");
            }
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("address must be an IPv4 address, not \"" + address + "\"", ex);
        }
        check(port >= 0 && port <= 65535, "port", port);
        check(connectionLimit >= 1, "connection_limit", connectionLimit);
        check(backlog >= 1, "backlog", backlog);
        check(metricsPort >= METRICS_OFF && metricsPort <= 65535, "metrics port", metricsPort);
        check(METRICS_OFF == metricsPort || 0 == metricsPort || metricsPort != port, "metrics port (same as port)",
            metricsPort);
        check(socketBufferSize >= 0, "socket buffer size", socketBufferSize);
        check(!statsInterval.isNegative() && !statsInterval.isZero(), "stats interval", statsInterval);
        return this;
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
}
