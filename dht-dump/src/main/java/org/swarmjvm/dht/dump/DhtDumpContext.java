package org.swarmjvm.dht.dump;

import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.support.config.Addresses;
import org.swarmjvm.support.config.IniFile;
import org.swarmjvm.support.config.OriginalKeys;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of dht-dump, read from the original dhtdump's {@code config.ini} keys (spec §6.5, so an existing config
 * works unchanged) plus the few this implementation adds, each documented in {@code etc/dhtdump.config.ini}. Set
 * fluently, then {@link #conclude()} checks them once.
 */
public final class DhtDumpContext
{
    /** {@code [Dump] period_s} default: time between cycle starts. */
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(4);
    /** {@code [Dump] min_wait_s} default: shortest pause after a cycle. */
    public static final Duration DEFAULT_MIN_WAIT = Duration.ofSeconds(60);
    /** {@code [Dump] retry_wait_s} default: pause after a failed cycle. */
    public static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(30);
    /** Pause after a failed handshake, as the original. */
    public static final Duration DEFAULT_HANDSHAKE_RETRY_WAIT = Duration.ofSeconds(2);
    /** {@code [Dump] keep_generations} default: previous dumps kept as {@code <channel>.tcm.1} …. */
    public static final int DEFAULT_KEEP_GENERATIONS = 1;
    /** Most previous dumps kept per channel. */
    public static final int MAX_KEEP_GENERATIONS = 100;
    /** {@code --max-tries} default: cycles a one-shot run tries before giving up. */
    public static final int DEFAULT_MAX_TRIES = 10;
    /** Channels of more records than this get progress lines in the log, one per this many records. */
    public static final long PROGRESS_RECORDS = 100_000;

    private static final long MEGABYTE = 1024 * 1024;

    private String address;
    private int port;
    private Path dataDir = Path.of("data");
    private Duration period = DEFAULT_PERIOD;
    private Duration minWait = DEFAULT_MIN_WAIT;
    private Duration retryWait = DEFAULT_RETRY_WAIT;
    private Duration handshakeRetryWait = DEFAULT_HANDSHAKE_RETRY_WAIT;
    private Duration timeout = Duration.ZERO;
    private int keepGenerations = DEFAULT_KEEP_GENERATIONS;
    private long minFreeBytes;
    private Path statsFile = Path.of("log/stats.log");
    private boolean oneshot;
    private int maxTries = DEFAULT_MAX_TRIES;
    private Mode mode = Mode.PERIODIC;
    private ContinuousContext continuous = new ContinuousContext();

    /**
     * {@code [Dump] mode}: how the channels are dumped.
     */
    public enum Mode
    {
        /** A full GetAll of every channel each period (the original's only mode). */
        PERIODIC,
        /** One full GetAll per channel, then every change into a change log, compacted in the background. */
        CONTINUOUS
    }

    /**
     * Reads the settings of a dhtdump config file, checking each value. Relative paths are taken from the working
     * directory, as the original does.
     *
     * @param ini the parsed file.
     * @return a context holding the file's settings.
     * @throws IllegalArgumentException naming the file, the line, the key and the value of the first bad value.
     */
    public static DhtDumpContext fromIni(final IniFile ini)
    {
        final DhtDumpContext context = new DhtDumpContext();
        context.address = ini.require("Dht", "address", Addresses::ipv4);
        ini.require("Dht", "port");
        context.port = ini.getInt("Dht", "port", 0, 1, Addresses.MAX_PORT);
        context.timeout = Duration.ofMillis(ini.getLong("Dht", "timeout_ms", 0, 0, Long.MAX_VALUE));
        context.dataDir = Path.of(ini.get("Dump", "data_dir", "data"));
        context.period = seconds(ini, "period_s", DEFAULT_PERIOD, 1);
        context.minWait = seconds(ini, "min_wait_s", DEFAULT_MIN_WAIT, 0);
        context.retryWait = seconds(ini, "retry_wait_s", DEFAULT_RETRY_WAIT, 0);
        // Accepted for compatibility: the original's test-only switch; this implementation never uses O_DIRECT.
        ini.getBoolean("Dump", "disable_direct_io", false);
        context.keepGenerations = ini.getInt("Dump", "keep_generations", DEFAULT_KEEP_GENERATIONS, 0,
            MAX_KEEP_GENERATIONS);
        context.minFreeBytes = ini.getLong("Dump", "min_free_mb", 0, 0, Long.MAX_VALUE / MEGABYTE) * MEGABYTE;
        context.statsFile = Path.of(ini.get("STATS", "file_name", "log/stats.log"));
        context.mode = ini.get("Dump", "mode", Mode.PERIODIC, DhtDumpContext::parseMode);
        context.continuous = ContinuousContext.fromIni(ini, context.port);
        // The original's other keys (doc/etc/dhtdump.config.ini, spec dht.md §6.5) are its framework's.
        OriginalKeys.acceptFramework(ini);
        return context;
    }

    private static Mode parseMode(final String value)
    {
        return switch (value)
        {
            case "periodic" -> Mode.PERIODIC;
            case "continuous" -> Mode.CONTINUOUS;
            default -> throw new IllegalArgumentException("must be periodic or continuous");
        };
    }

    private static Duration seconds(final IniFile ini, final String key, final Duration defaultValue, final long min)
    {
        return Duration.ofSeconds(ini.getLong("Dump", key, defaultValue.toSeconds(), min, Long.MAX_VALUE));
    }

    /**
     * Checks every setting.
     *
     * @return this context.
     * @throws IllegalArgumentException naming the first setting out of range.
     */
    public DhtDumpContext conclude()
    {
        check(null != address && !address.isEmpty(), "[Dht] address", address);
        check(port >= 1 && port <= 0xffff, "[Dht] port", port);
        check(!timeout.isNegative(), "[Dht] timeout_ms", timeout.toMillis());
        check(!period.isNegative() && !period.isZero(), "[Dump] period_s", period.toSeconds());
        check(!minWait.isNegative(), "[Dump] min_wait_s", minWait.toSeconds());
        check(!retryWait.isNegative(), "[Dump] retry_wait_s", retryWait.toSeconds());
        check(!handshakeRetryWait.isNegative(), "handshake retry wait", handshakeRetryWait);
        check(keepGenerations >= 0 && keepGenerations <= MAX_KEEP_GENERATIONS, "[Dump] keep_generations (0 to " +
            MAX_KEEP_GENERATIONS + ")", keepGenerations);
        check(minFreeBytes >= 0, "[Dump] min_free_mb", minFreeBytes / MEGABYTE);
        check(maxTries >= 1, "--max-tries", maxTries);
        check(Mode.PERIODIC == mode || !oneshot, "[Dump] mode with --oneshot", "continuous");
        continuous.conclude(port);
        return this;
    }

    /**
     * @param address of the node to dump.
     * @return this context.
     */
    public DhtDumpContext address(final String address)
    {
        this.address = address;
        return this;
    }

    /**
     * @param port legacy port of the node to dump.
     * @return this context.
     */
    public DhtDumpContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @param timeout of each read from the node; zero (the original's behaviour) waits forever.
     * @return this context.
     */
    public DhtDumpContext timeout(final Duration timeout)
    {
        this.timeout = timeout;
        return this;
    }

    /**
     * @param dataDir folder of the {@code .tcm} files; created when missing.
     * @return this context.
     */
    public DhtDumpContext dataDir(final Path dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    /**
     * @param period time between cycle starts.
     * @return this context.
     */
    public DhtDumpContext period(final Duration period)
    {
        this.period = period;
        return this;
    }

    /**
     * @param minWait shortest pause after a successful cycle.
     * @return this context.
     */
    public DhtDumpContext minWait(final Duration minWait)
    {
        this.minWait = minWait;
        return this;
    }

    /**
     * @param retryWait pause after a failed cycle.
     * @return this context.
     */
    public DhtDumpContext retryWait(final Duration retryWait)
    {
        this.retryWait = retryWait;
        return this;
    }

    /**
     * @param handshakeRetryWait pause after a failed handshake.
     * @return this context.
     */
    public DhtDumpContext handshakeRetryWait(final Duration handshakeRetryWait)
    {
        this.handshakeRetryWait = handshakeRetryWait;
        return this;
    }

    /**
     * @param keepGenerations previous dumps kept per channel; 0 keeps none, as the original.
     * @return this context.
     */
    public DhtDumpContext keepGenerations(final int keepGenerations)
    {
        this.keepGenerations = keepGenerations;
        return this;
    }

    /**
     * @param minFreeBytes bytes that must stay free on the dump's file system after a channel's dump; a channel
     *                     whose estimated dump would leave less is skipped.
     * @return this context.
     */
    public DhtDumpContext minFreeBytes(final long minFreeBytes)
    {
        this.minFreeBytes = minFreeBytes;
        return this;
    }

    /**
     * @param statsFile where one line per cycle is appended; {@code null} for none.
     * @return this context.
     */
    public DhtDumpContext statsFile(final Path statsFile)
    {
        this.statsFile = statsFile;
        return this;
    }

    /**
     * @param oneshot true to run cycles until one succeeds, then stop, instead of forever.
     * @return this context.
     */
    public DhtDumpContext oneshot(final boolean oneshot)
    {
        this.oneshot = oneshot;
        return this;
    }

    /**
     * @param maxTries cycles (and handshakes) a one-shot run tries before giving up, at least 1.
     * @return this context.
     */
    public DhtDumpContext maxTries(final int maxTries)
    {
        this.maxTries = maxTries;
        return this;
    }

    /**
     * @param mode periodic (the default) or continuous.
     * @return this context.
     */
    public DhtDumpContext mode(final Mode mode)
    {
        this.mode = mode;
        return this;
    }

    /**
     * @return periodic or continuous.
     */
    public Mode mode()
    {
        return mode;
    }

    /**
     * @return the continuous mode's settings, to read or set.
     */
    public ContinuousContext continuous()
    {
        return continuous;
    }

    /**
     * @return the node to dump.
     */
    public NodeAddress node()
    {
        return new NodeAddress(address, port);
    }

    /**
     * @return time a read from the node may take; zero waits forever.
     */
    public Duration timeout()
    {
        return timeout;
    }

    /**
     * @return folder of the {@code .tcm} files.
     */
    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * @return time between cycle starts.
     */
    public Duration period()
    {
        return period;
    }

    /**
     * @return shortest pause after a successful cycle.
     */
    public Duration minWait()
    {
        return minWait;
    }

    /**
     * @return pause after a failed cycle.
     */
    public Duration retryWait()
    {
        return retryWait;
    }

    /**
     * @return pause after a failed handshake.
     */
    public Duration handshakeRetryWait()
    {
        return handshakeRetryWait;
    }

    /**
     * @return previous dumps kept per channel.
     */
    public int keepGenerations()
    {
        return keepGenerations;
    }

    /**
     * @return bytes that must stay free after a channel's dump.
     */
    public long minFreeBytes()
    {
        return minFreeBytes;
    }

    /**
     * @return where the stats lines go, or {@code null}.
     */
    public Path statsFile()
    {
        return statsFile;
    }

    /**
     * @return whether this is a one-shot run.
     */
    public boolean oneshot()
    {
        return oneshot;
    }

    /**
     * @return cycles a one-shot run tries before giving up.
     */
    public int maxTries()
    {
        return maxTries;
    }

    private static void check(final boolean valid, final String setting, final Object value)
    {
        if (!valid)
        {
            throw new IllegalArgumentException("invalid " + setting + ": " + value);
        }
    }
}
