package org.swarmjvm.dht.dump;

import org.swarmjvm.support.config.IniFile;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the continuous mode ({@code [Dump] mode = continuous}): how the node's neo port is reached, how often
 * the change logs reach the disk, when they are compacted into the {@code .tcm} files, and how often the node's
 * channels are listed. All keys are added ones, documented in {@code etc/dhtdump.config.ini}.
 */
public final class ContinuousContext
{
    /** The node's neo port is its legacy port plus this, as the node has it. */
    public static final int NEO_PORT_OFFSET = 100;
    /** {@code [Dump] log_flush_ms} default: the change logs are written and forced to disk this often. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    /** Longest {@code log_flush_ms}: the loss bound is one second. */
    public static final Duration MAX_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** {@code [Dump] compact_log_kb} default: a channel's log is compacted once it holds this many KiB. */
    public static final long DEFAULT_COMPACT_LOG_KB = 64 * 1024;
    /** {@code [Dump] channel_poll_s} default: GetChannels this often, for channels created since. */
    public static final Duration DEFAULT_CHANNEL_POLL = Duration.ofSeconds(5);
    /** {@code [Dht] auth_name} default: the neo client name dht-dump authenticates as. */
    public static final String DEFAULT_AUTH_NAME = "dht-dump";

    private static final long KILOBYTE = 1024;
    private static final long MEGABYTE = 1024 * 1024;

    private int neoPort;
    private String authName = DEFAULT_AUTH_NAME;
    private Path credentialsFile = Path.of("etc/credentials");
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    private long compactLogBytes = DEFAULT_COMPACT_LOG_KB * KILOBYTE;
    private long compactBytesPerSecond;
    private Duration channelPoll = DEFAULT_CHANNEL_POLL;

    /**
     * @param ini       the parsed file.
     * @param legacyPort the node's legacy port, {@code [Dht] port}.
     * @return the continuous mode's settings of the file.
     */
    static ContinuousContext fromIni(final IniFile ini, final int legacyPort)
    {
        final ContinuousContext context = new ContinuousContext();
        context.neoPort = ini.getInt("Dht", "neo_port", legacyPort + NEO_PORT_OFFSET, 1, 0xffff);
        context.authName = ini.get("Dht", "auth_name", DEFAULT_AUTH_NAME);
        context.credentialsFile = Path.of(ini.get("Dht", "credentials_path", "etc/credentials"));
        context.flushInterval = Duration.ofMillis(ini.getLong("Dump", "log_flush_ms",
            DEFAULT_FLUSH_INTERVAL.toMillis(), 1, MAX_FLUSH_INTERVAL.toMillis()));
        context.compactLogBytes = ini.getLong("Dump", "compact_log_kb", DEFAULT_COMPACT_LOG_KB, 1,
            Long.MAX_VALUE / KILOBYTE) * KILOBYTE;
        context.compactBytesPerSecond = ini.getLong("Dump", "compact_max_mb_s", 0, 0, Long.MAX_VALUE / MEGABYTE) *
            MEGABYTE;
        context.channelPoll = Duration.ofSeconds(ini.getLong("Dump", "channel_poll_s",
            DEFAULT_CHANNEL_POLL.toSeconds(), 1, Long.MAX_VALUE));
        return context;
    }

    /**
     * Checks every setting.
     *
     * @param legacyPort the node's legacy port, when no neo port was set.
     * @throws IllegalArgumentException naming the first setting out of range.
     */
    void conclude(final int legacyPort)
    {
        if (0 == neoPort)
        {
            neoPort = legacyPort + NEO_PORT_OFFSET;
        }
        check(neoPort >= 1 && neoPort <= 0xffff, "[Dht] neo_port", neoPort);
        check(null != authName && !authName.isEmpty(), "[Dht] auth_name", authName);
        check(!flushInterval.isNegative() && !flushInterval.isZero() &&
            flushInterval.compareTo(MAX_FLUSH_INTERVAL) <= 0, "[Dump] log_flush_ms (1 to 1000)",
            flushInterval.toMillis());
        check(compactLogBytes >= KILOBYTE, "[Dump] compact_log_kb", compactLogBytes / KILOBYTE);
        check(compactBytesPerSecond >= 0, "[Dump] compact_max_mb_s", compactBytesPerSecond / MEGABYTE);
        check(!channelPoll.isNegative() && !channelPoll.isZero(), "[Dump] channel_poll_s", channelPoll);
    }

    /**
     * @param neoPort of the node; 0 for its legacy port + {@value #NEO_PORT_OFFSET}.
     * @return this context.
     */
    public ContinuousContext neoPort(final int neoPort)
    {
        this.neoPort = neoPort;
        return this;
    }

    /**
     * @param authName   neo client name.
     * @param credentials file in the node's credentials format holding that name's key.
     * @return this context.
     */
    public ContinuousContext credentials(final String authName, final Path credentials)
    {
        this.authName = authName;
        this.credentialsFile = credentials;
        return this;
    }

    /**
     * @param flushInterval how often the logs are written and forced, at most a second.
     * @return this context.
     */
    public ContinuousContext flushInterval(final Duration flushInterval)
    {
        this.flushInterval = flushInterval;
        return this;
    }

    /**
     * @param compactLogBytes a channel's log is compacted into its dump once it holds this many bytes.
     * @return this context.
     */
    public ContinuousContext compactLogBytes(final long compactLogBytes)
    {
        this.compactLogBytes = compactLogBytes;
        return this;
    }

    /**
     * @param compactBytesPerSecond most bytes a compaction writes per second; 0 for no limit.
     * @return this context.
     */
    public ContinuousContext compactBytesPerSecond(final long compactBytesPerSecond)
    {
        this.compactBytesPerSecond = compactBytesPerSecond;
        return this;
    }

    /**
     * @param channelPoll time between two GetChannels.
     * @return this context.
     */
    public ContinuousContext channelPoll(final Duration channelPoll)
    {
        this.channelPoll = channelPoll;
        return this;
    }

    /**
     * @return the node's neo port.
     */
    public int neoPort()
    {
        return neoPort;
    }

    /**
     * @return neo client name.
     */
    public String authName()
    {
        return authName;
    }

    /**
     * @return the credentials file holding {@link #authName()}'s key.
     */
    public Path credentialsFile()
    {
        return credentialsFile;
    }

    /**
     * @return how often the logs are written and forced.
     */
    public Duration flushInterval()
    {
        return flushInterval;
    }

    /**
     * @return log length that starts a compaction.
     */
    public long compactLogBytes()
    {
        return compactLogBytes;
    }

    /**
     * @return most bytes a compaction writes per second, 0 for no limit.
     */
    public long compactBytesPerSecond()
    {
        return compactBytesPerSecond;
    }

    /**
     * @return time between two GetChannels.
     */
    public Duration channelPoll()
    {
        return channelPoll;
    }

    private static void check(final boolean valid, final String setting, final Object value)
    {
        if (!valid)
        {
            throw new IllegalArgumentException("invalid " + setting + ": " + value);
        }
    }
}
