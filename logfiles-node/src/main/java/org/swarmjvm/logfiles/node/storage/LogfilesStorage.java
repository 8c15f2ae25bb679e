package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;
import org.swarmjvm.support.launch.DataFolder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logfiles storage engine: the channels under the data directory and the crash-recovery checkpoint.
 * <p>
 * Life cycle: {@link #open} recovers from the checkpoint (see {@link Checkpoint}) and takes every sub-directory of
 * the data directory as a channel, as the original does (even one whose name no request could address); while
 * running, {@link #flush()} every {@code write_flush_ms} and {@link #commitCheckpoint()} every
 * {@code checkpoint_commit_seconds} are called by the node; {@link #close()} flushes, syncs and closes every bucket
 * and only then deletes the checkpoint, so a crash during shutdown still finds it.
 * <p>
 * The original's {@code write_flush_ms} timer did nothing for the storage, and records could sit in memory until a
 * scan, a full buffer or a bucket switch wrote them out; here the periodic {@link #flush()} really writes them.
 * <p>
 * Thread-safe. Every method may block on disk: call them from a worker, never from the network thread.
 */
public final class LogfilesStorage implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(LogfilesStorage.class.getName());

    private final StorageSettings settings;
    private final ConcurrentHashMap<String, LogfilesChannel> channels = new ConcurrentHashMap<>();
    private final Object checkpointLock = new Object();
    private boolean closed;

    private LogfilesStorage(final StorageSettings settings)
    {
        this.settings = settings;
    }

    /**
     * Opens the storage: creates the data directory when missing, recovers from the checkpoint, loads the
     * channels.
     *
     * @param settings where and how.
     * @return the storage.
     * @throws IOException when the data directory cannot be created, read or written, or the checkpoint cannot be
     *                     read.
     */
    public static LogfilesStorage open(final StorageSettings settings) throws IOException
    {
        final Path dataDir = settings.dataDir();
        Files.createDirectories(dataDir);
        try
        {
            DataFolder.checkWritable(dataDir);
        }
        catch (final DataFolder.UnusableException ex)
        {
            // Refused here rather than at the first Put or checkpoint, which would fail while clients are served.
            throw new IOException("not writable", ex);
        }
        final LogfilesStorage storage = new LogfilesStorage(settings);
        final List<Checkpoint.Entry> sound;
        try (BucketReader reader = new BucketReader(settings.readBufferSize()))
        {
            sound = Checkpoint.recover(dataDir, reader);
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir))
        {
            for (final Path entry : entries)
            {
                final String name = entry.getFileName().toString();
                if (Files.isDirectory(entry))
                {
                    storage.channels.put(name, new LogfilesChannel(name, entry, settings));
                }
                else if (!name.equals(Checkpoint.FILE_NAME) && !name.equals(Checkpoint.TMP_FILE_NAME) &&
                    !DataFolder.isLockFile(name))
                {
                    LOG.log(System.Logger.Level.WARNING, "ignoring file {0} in the data directory", entry);
                }
            }
        }
        for (final Checkpoint.Entry entry : sound)
        {
            final LogfilesChannel channel = storage.channels.get(entry.channel());
            if (null != channel)
            {
                channel.rememberSoundLength(entry.bucketStart(), entry.offset());
            }
        }
        return storage;
    }

    /**
     * @return the settings the storage was opened with.
     */
    public StorageSettings settings()
    {
        return settings;
    }

    /**
     * @param name a channel name.
     * @return the channel, or {@code null} when it does not exist.
     */
    public LogfilesChannel channel(final String name)
    {
        return channels.get(name);
    }

    /**
     * Returns a channel, creating it and its directory when missing (Put and PutBatch create channels before
     * anything else can fail).
     *
     * @param name a valid channel name.
     * @return the channel.
     * @throws IOException when the directory cannot be created.
     */
    public LogfilesChannel createChannel(final String name) throws IOException
    {
        final LogfilesChannel existing = channels.get(name);
        if (null != existing)
        {
            return existing;
        }
        synchronized (channels)
        {
            final LogfilesChannel again = channels.get(name);
            if (null != again)
            {
                return again;
            }
            final Path dir = settings.dataDir().resolve(name);
            Files.createDirectories(dir);
            final LogfilesChannel created = new LogfilesChannel(name, dir, settings);
            channels.put(name, created);
            LOG.log(System.Logger.Level.INFO, "channel {0} created", name);
            return created;
        }
    }

    /**
     * Appends a record, creating the channel when missing.
     *
     * @param channel a valid channel name.
     * @param key     the record key.
     * @param value   buffer holding the value.
     * @param offset  of the value.
     * @param length  of the value, at least 1.
     * @throws IOException when the channel or the bucket cannot be created or written.
     */
    public void append(final String channel, final long key, final DirectBuffer value, final int offset,
        final int length) throws IOException
    {
        // A channel removed between the lookup and the append is gone from the map already: look it up again,
        // which creates it anew, as a Put after a RemoveChannel does.
        LogfilesChannel target = createChannel(channel);
        while (!target.append(key, value, offset, length))
        {
            target = createChannel(channel);
        }
    }

    /**
     * Removes a channel: its buckets are closed unwritten and unsynced, then the whole directory is deleted.
     *
     * @param name a channel name.
     * @return false when there was no such channel.
     * @throws IOException when deleting fails.
     */
    public boolean removeChannel(final String name) throws IOException
    {
        // Deleting under the creation lock keeps a concurrent Put from re-creating the directory while it is
        // being deleted; existing channels stay reachable meanwhile.
        synchronized (channels)
        {
            final LogfilesChannel channel = channels.remove(name);
            if (null == channel)
            {
                return false;
            }
            channel.delete();
        }
        LOG.log(System.Logger.Level.INFO, "channel {0} removed", name);
        return true;
    }

    /**
     * @return the channels, sorted by name.
     */
    public List<LogfilesChannel> channels()
    {
        final List<LogfilesChannel> list = new ArrayList<>(channels.values());
        list.sort((a, b) -> a.name().compareTo(b.name()));
        return list;
    }

    /**
     * @return the channel names, sorted (the original lists them in hash-map order).
     */
    public List<String> channelNames()
    {
        final List<String> names = new ArrayList<>(channels.keySet());
        names.sort(null);
        return names;
    }

    /**
     * Writes every channel's buffers to the files (no sync).
     *
     * @throws IOException when a write fails.
     */
    public void flush() throws IOException
    {
        for (final LogfilesChannel channel : channels.values())
        {
            channel.flush();
        }
    }

    /**
     * Commits the checkpoint: flushes and syncs every open bucket, then durably replaces the checkpoint file with
     * their synced lengths.
     *
     * @throws IOException when a sync or the checkpoint write fails.
     */
    public void commitCheckpoint() throws IOException
    {
        synchronized (checkpointLock)
        {
            if (closed)
            {
                return;
            }
            final List<Checkpoint.Entry> entries = new ArrayList<>();
            for (final LogfilesChannel channel : channels.values())
            {
                channel.checkpoint(entries);
            }
            Checkpoint.write(settings.dataDir(), entries);
        }
    }

    /**
     * Clean shutdown: flushes, syncs and closes every bucket, then deletes the checkpoint.
     *
     * @throws IOException when a bucket cannot be closed; the checkpoint is then kept for the next start.
     */
    @Override
    public void close() throws IOException
    {
        synchronized (checkpointLock)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            for (final LogfilesChannel channel : channels.values())
            {
                channel.close();
            }
            Checkpoint.delete(settings.dataDir());
        }
    }
}
