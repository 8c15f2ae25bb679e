package org.swarmjvm.logfiles.node.config;

import org.swarmjvm.logfiles.node.storage.StorageSettings;
import org.swarmjvm.node.NodeContext;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.support.config.IniFile;
import org.swarmjvm.support.config.OriginalKeys;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a logfiles node: the core's network settings plus the storage's, with the original's defaults and
 * config keys ({@code main.d}, {@code ServerConfig.d}, {@code PerformanceConfig.d}).
 * <pre>
 * [Server]       address, port (required), data_dir = data, connection_limit = 5000, backlog = 2048
 *                neoport: the neo port (without it the node serves no neo), credentials_path = etc/credentials,
 *                unix_socket_path: the admin socket of the credentials (none without it),
 *                cpu: read by the original, ignored here (no CPU pinning)
 * [Performance]  write_flush_ms = 250, file_buffer_size, checkpoint_commit_seconds = 300,
 *                number_of_thread_workers (ignored: disk work runs on the core's blocking worker)
 * [Options_Dls]  write_buffer_size = 65536
 * [STATS]        file_name = log/stats.log
 * </pre>
 * Two deliberate differences: {@code write_flush_ms} really flushes the write buffers (in the original the timer
 * did nothing for the storage); and {@code write_buffer_size} is also taken from {@code [Options_LogFiles]}, where
 * the original's shipped config puts it (the original reads only {@code [Options_Dls]} and so ignored it).
 */
public final class LogfilesNodeContext
{
    /** The original's {@code write_flush_ms} default. */
    public static final Duration DEFAULT_WRITE_FLUSH = Duration.ofMillis(250);

    /** The original's {@code checkpoint_commit_seconds} default. */
    public static final Duration DEFAULT_CHECKPOINT_COMMIT = Duration.ofSeconds(300);

    private final NodeContext node = new NodeContext().name("logfiles-node");
    private final NeoContext neo = new NeoContext();
    private boolean neoEnabled = true;
    private Path dataDir = Path.of("data");
    private int writeBufferSize = StorageSettings.DEFAULT_WRITE_BUFFER_SIZE;
    private int readBufferSize = StorageSettings.DEFAULT_READ_BUFFER_SIZE;
    private int openBucketsPerChannel = StorageSettings.DEFAULT_OPEN_BUCKETS_PER_CHANNEL;
    private Duration writeFlush = DEFAULT_WRITE_FLUSH;
    private Duration checkpointCommit = DEFAULT_CHECKPOINT_COMMIT;

    /**
     * Reads a config file in the original's format.
     *
     * @param ini the parsed file.
     * @return the settings, not yet concluded.
     * @throws IllegalArgumentException naming the file, the line, the key and the value of the first bad value, or
     *                                  the key that is missing.
     */
    public static LogfilesNodeContext fromIni(final IniFile ini)
    {
        final LogfilesNodeContext context = new LogfilesNodeContext();
        context.node.readIni(ini, NodeContext.FIXED_STATS_INTERVAL);
        context.dataDir = Path.of(ini.get("Server", "data_dir", "data"));
        context.neoEnabled = context.neo.readServerSection(ini);
        context.writeFlush = Duration.ofMillis(
            ini.getLong("Performance", "write_flush_ms", DEFAULT_WRITE_FLUSH.toMillis(), 1, Long.MAX_VALUE));
        context.readBufferSize = ini.getInt("Performance", "file_buffer_size", StorageSettings.DEFAULT_READ_BUFFER_SIZE,
            0, Integer.MAX_VALUE);
        context.checkpointCommit = Duration.ofSeconds(ini.getLong("Performance", "checkpoint_commit_seconds",
            DEFAULT_CHECKPOINT_COMMIT.toSeconds(), 1, Long.MAX_VALUE));
        final int shippedBufferSize = ini.getInt("Options_LogFiles", "write_buffer_size",
            StorageSettings.DEFAULT_WRITE_BUFFER_SIZE, 0, Integer.MAX_VALUE);
        context.writeBufferSize = ini.getInt("Options_Dls", "write_buffer_size", shippedBufferSize, 0,
            Integer.MAX_VALUE);
        // Keys the original dlsnode reads that mean nothing here: its doc/etc/config.ini and
        // integrationtest/dlstest/etc/config.ini, and the table of spec logfiles.md §8.1; etc/logfiles.config.ini
        // says why each is not used.
        ini.accept("Server", "cpu");
        ini.accept("Performance", "number_of_thread_workers", "no_delay");
        OriginalKeys.acceptFramework(ini);
        return context;
    }

    /**
     * @return the core's network and stats settings, to set further.
     */
    public NodeContext node()
    {
        return node;
    }

    /**
     * @return the neo listener's settings (port, credentials file, admin socket), to set further.
     */
    public NeoContext neo()
    {
        return neo;
    }

    /**
     * @param neoEnabled false to serve the legacy protocol only (a config file without {@code neoport}).
     * @return this context.
     */
    public LogfilesNodeContext neoEnabled(final boolean neoEnabled)
    {
        this.neoEnabled = neoEnabled;
        return this;
    }

    /**
     * @return true when the node serves neo on {@link #neo()}'s port.
     */
    public boolean neoEnabled()
    {
        return neoEnabled;
    }

    /**
     * @param dataDir the channel root.
     * @return this context.
     */
    public LogfilesNodeContext dataDir(final Path dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    /**
     * @param writeBufferSize bytes buffered per open bucket.
     * @return this context.
     */
    public LogfilesNodeContext writeBufferSize(final int writeBufferSize)
    {
        this.writeBufferSize = writeBufferSize;
        return this;
    }

    /**
     * @param readBufferSize bytes read from a bucket at a time.
     * @return this context.
     */
    public LogfilesNodeContext readBufferSize(final int readBufferSize)
    {
        this.readBufferSize = readBufferSize;
        return this;
    }

    /**
     * @param openBucketsPerChannel buckets kept open for appending per channel.
     * @return this context.
     */
    public LogfilesNodeContext openBucketsPerChannel(final int openBucketsPerChannel)
    {
        this.openBucketsPerChannel = openBucketsPerChannel;
        return this;
    }

    /**
     * @param writeFlush period of the write-buffer flush.
     * @return this context.
     */
    public LogfilesNodeContext writeFlush(final Duration writeFlush)
    {
        this.writeFlush = writeFlush;
        return this;
    }

    /**
     * @param checkpointCommit period of the checkpoint commit.
     * @return this context.
     */
    public LogfilesNodeContext checkpointCommit(final Duration checkpointCommit)
    {
        this.checkpointCommit = checkpointCommit;
        return this;
    }

    /**
     * Checks every setting.
     *
     * @return this context.
     * @throws IllegalArgumentException naming the first bad setting and its value.
     */
    public LogfilesNodeContext conclude()
    {
        node.conclude();
        if (neoEnabled)
        {
            neo.conclude();
        }
        storage();
        if (writeFlush.isNegative() || writeFlush.isZero())
        {
            throw new IllegalArgumentException("write_flush_ms must be positive, not " + writeFlush.toMillis());
        }
        if (checkpointCommit.isNegative() || checkpointCommit.isZero())
        {
            throw new IllegalArgumentException(
                "checkpoint_commit_seconds must be positive, not " + checkpointCommit.toSeconds());
        }
        return this;
    }

    /**
     * @return the storage settings.
     * @throws IllegalArgumentException naming a bad value.
     */
    public StorageSettings storage()
    {
        return new StorageSettings(dataDir, writeBufferSize, readBufferSize, openBucketsPerChannel);
    }

    /**
     * @return period of the write-buffer flush.
     */
    public Duration writeFlush()
    {
        return writeFlush;
    }

    /**
     * @return period of the checkpoint commit.
     */
    public Duration checkpointCommit()
    {
        return checkpointCommit;
    }

    /**
     * @return the channel root.
     */
    public Path dataDir()
    {
        return dataDir;
    }
}
