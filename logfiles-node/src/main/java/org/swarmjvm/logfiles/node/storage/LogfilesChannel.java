package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One channel: a directory of slot directories of bucket files, and the buckets open for appending.
 * <p>
 * At most {@code openBucketsPerChannel} buckets are open at a time, least recently used closed first, each with its
 * own write buffer (the original's {@code StorageEngine.Writers}). Records go to the bucket their key names, in
 * arrival order, whatever order the keys come in. For every bucket this process closed, or found sound at
 * start-up, the channel remembers up to which length the file is sound, so reopening it does not re-read it.
 * <p>
 * Buffers reach their files in the order their records arrived, oldest first, whatever wrote them (the flush
 * timer, a checkpoint, a full buffer, an eviction, a scan, a close): a process killed in the middle of writing them
 * leaves the records
 * of a log written in timestamp order as an unbroken prefix, where writing the most recent bucket first would
 * leave a hole of whole buckets before records that survived.
 * <p>
 * Thread-safe: every method that touches files holds the channel's lock; scans only hold it while flushing and
 * then read the files on their own (a reader sees each file as long as it was when opened). Only
 * {@link #tryAppendBuffered} may be called from the network thread: it never waits and never touches a file.
 */
public final class LogfilesChannel
{
    private static final int SOUND_LENGTHS_REMEMBERED = 4096;

    private final String name;
    private final Path dir;
    private final StorageSettings settings;
    private final BucketReader tailReader;
    /** Open writers, most recently used first; a handful at most, so a scan beats a map and boxes no key. */
    private final BucketWriter[] openWriters;
    private int openCount;
    /** Counts the records that started a buffer; orders the buffers' writes. */
    private long buffersStarted;
    private final List<BucketWriter> idleWriters = new ArrayList<>();
    private final LinkedHashMap<Long, Long> soundLengths;
    private final ReentrantLock lock = new ReentrantLock();
    private final DamageLog damageLog = new DamageLog();
    private boolean removed;

    LogfilesChannel(final String name, final Path dir, final StorageSettings settings)
    {
        this.name = name;
        this.dir = dir;
        this.settings = settings;
        this.tailReader = new BucketReader(settings.readBufferSize());
        this.openWriters = new BucketWriter[settings.openBucketsPerChannel()];
        this.soundLengths = new LinkedHashMap<>(64, 0.75f, true)
        {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<Long, Long> eldest)
            {
                return size() > SOUND_LENGTHS_REMEMBERED;
            }
        };
    }

    /**
     * @return the channel name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the channel's directory.
     */
    public Path dir()
    {
        return dir;
    }

    /**
     * Appends a record to the bucket of its key, in the memory buffer of that bucket.
     *
     * @param key    the record key.
     * @param value  buffer holding the value.
     * @param offset of the value.
     * @param length of the value, at least 1 (the protocol refuses empty values).
     * @return false when the channel was removed meanwhile: nothing was written.
     * @throws IOException when a bucket cannot be opened or written.
     */
    public boolean append(final long key, final DirectBuffer value, final int offset, final int length)
        throws IOException
    {
        lock.lock();
        try
        {
            if (removed)
            {
                return false;
            }
            final BucketWriter writer = writerFor(key);
            if (!writer.hasRoomFor(length))
            {
                // The append writes this buffer out, or streams a record larger than a buffer to the file: every
                // record that arrived before goes first.
                writeOutBuffers(Long.MAX_VALUE);
            }
            appendToBuffer(writer, key, value, offset, length);
            return true;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Appends a record only if that needs no disk access and no waiting: the channel's lock is free, the record's
     * bucket is open and its write buffer has room. The network thread stores most Puts this way and hands the
     * others to the worker.
     *
     * @param key    the record key.
     * @param value  buffer holding the value.
     * @param offset of the value.
     * @param length of the value, at least 1.
     * @return true when the record was appended; false when nothing was done.
     */
    public boolean tryAppendBuffered(final long key, final DirectBuffer value, final int offset, final int length)
    {
        if (!lock.tryLock())
        {
            return false;
        }
        try
        {
            if (removed || 0 == openCount)
            {
                return false;
            }
            final BucketWriter writer = openWriters[0];
            if (writer.bucketId() != BucketLayout.bucketId(key) || !writer.hasRoomFor(length))
            {
                return false;
            }
            appendToBuffer(writer, key, value, offset, length);
            return true;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("a buffered append wrote to disk", ex);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Writes every open bucket's buffer to its file, so that scans see all records appended so far.
     *
     * @throws IOException when a write fails.
     */
    public void flush() throws IOException
    {
        lock.lock();
        try
        {
            writeOutBuffers(Long.MAX_VALUE);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Flushes and syncs every open bucket and lists it for the checkpoint with the length just synced.
     *
     * @param entries to add this channel's open buckets to.
     * @throws IOException when a write or a sync fails.
     */
    public void checkpoint(final List<Checkpoint.Entry> entries) throws IOException
    {
        lock.lock();
        try
        {
            writeOutBuffers(Long.MAX_VALUE);
            for (int i = 0; i < openCount; i++)
            {
                final BucketWriter writer = openWriters[i];
                writer.force();
                entries.add(new Checkpoint.Entry(
                    name, writer.bucketId() << BucketLayout.BUCKET_SHIFT, writer.soundLength()));
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Starts a scan over the channel; the channel's buffers are flushed first.
     *
     * @param lower  smallest key, inclusive, unsigned.
     * @param upper  largest key, inclusive, unsigned.
     * @param filter which values to return.
     * @param reader a reader for the scan alone.
     * @return the scan, positioned before the first record.
     * @throws IOException when flushing fails.
     */
    public RecordScan scan(final long lower, final long upper, final RecordFilter filter, final BucketReader reader)
        throws IOException
    {
        flush();
        return new RecordScan(dir, lower, upper, filter, reader, damageLog);
    }

    /**
     * @return the number of buckets open for appending.
     */
    public int openBuckets()
    {
        lock.lock();
        try
        {
            return openCount;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Flushes, syncs and closes every open bucket.
     *
     * @throws IOException when one fails; the others are closed anyway.
     */
    public void close() throws IOException
    {
        lock.lock();
        try
        {
            IOException failure = null;
            try
            {
                writeOutBuffers(Long.MAX_VALUE);
            }
            catch (final IOException ex)
            {
                failure = ex; // each bucket still tries to write its own buffer as it closes
            }
            closeOpenWriters(failure, true);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Closes every open bucket, synced and remembered for appends when {@code durable}, else dropped unsynced for
     * the deletion of its file.
     *
     * @param earlier a failure already met, or null; thrown with the closes' failures suppressed in it.
     * @param durable whether the buckets stay.
     * @throws IOException when a close failed, or {@code earlier}.
     */
    private void closeOpenWriters(final IOException earlier, final boolean durable) throws IOException
    {
        IOException failure = earlier;
        while (openCount > 0)
        {
            final BucketWriter writer = openWriters[--openCount];
            openWriters[openCount] = null;
            try
            {
                closeWriter(writer, durable);
            }
            catch (final IOException ex)
            {
                if (null == failure)
                {
                    failure = ex;
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (null != failure)
        {
            throw failure;
        }
    }

    /**
     * Closes the channel and deletes its directory with everything in it (also files the node never wrote, such
     * as {@code 275.gz}). Appends after this return false.
     *
     * @throws IOException when closing or deleting fails.
     */
    void delete() throws IOException
    {
        lock.lock();
        try
        {
            removed = true;
            try
            {
                // Neither written out nor synced: the files go right after, and a sync of each would only wait
                // for the disk (an engine's close syncs, because its buckets stay).
                closeOpenWriters(null, false);
            }
            finally
            {
                soundLengths.clear();
                deleteTree(dir);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Takes a bucket out of the channel for Redistribute: its buffered records are written out first (the original
     * renamed the file with records still in memory, which then went into the renamed file and were lost), then
     * the file is renamed {@code <bucket>.tmp}, invisible to scans and to later appends, which start a new file.
     *
     * @param bucketId the bucket ({@code key >>> 12}).
     * @return the renamed file, or {@code null} when the bucket has no file.
     * @throws IOException when closing or renaming fails.
     */
    public Path detachBucket(final long bucketId) throws IOException
    {
        lock.lock();
        try
        {
            for (int i = 0; i < openCount; i++)
            {
                if (openWriters[i].bucketId() == bucketId)
                {
                    final BucketWriter writer = openWriters[i];
                    System.arraycopy(openWriters, i + 1, openWriters, i, openCount - i - 1);
                    openWriters[--openCount] = null;
                    closeWriter(writer, true);
                    break;
                }
            }
            soundLengths.remove(bucketId);
            final Path file = BucketLayout.bucketPath(dir, bucketId << BucketLayout.BUCKET_SHIFT);
            if (!Files.exists(file))
            {
                return null;
            }
            final Path detached = file.resolveSibling(file.getFileName() + ".tmp");
            Files.move(file, detached, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return detached;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Lists the channel's buckets as a scan visits them: slots ascending, buckets ascending.
     *
     * @return bucket ids ({@code key >>> 12}) of the bucket files that exist now.
     * @throws IOException when a directory cannot be listed.
     */
    public long[] bucketIds() throws IOException
    {
        lock.lock();
        try
        {
            flush();
            final List<Long> ids = new ArrayList<>();
            try (java.nio.file.DirectoryStream<Path> slots = Files.newDirectoryStream(dir))
            {
                for (final Path slotDir : slots)
                {
                    final long slot = BucketLayout.parseSlotName(slotDir.getFileName().toString());
                    if (slot < 0 || !Files.isDirectory(slotDir))
                    {
                        continue;
                    }
                    try (java.nio.file.DirectoryStream<Path> buckets = Files.newDirectoryStream(slotDir))
                    {
                        for (final Path bucketFile : buckets)
                        {
                            final int bucket = BucketLayout.parseBucketName(bucketFile.getFileName().toString());
                            if (bucket >= 0)
                            {
                                ids.add((slot << (BucketLayout.SLOT_SHIFT - BucketLayout.BUCKET_SHIFT)) | bucket);
                            }
                        }
                    }
                }
            }
            catch (final NoSuchFileException ex)
            {
                return new long[0];
            }
            return ids.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Remembers a length up to which a bucket is sound (from the checkpoint recovery).
     *
     * @param bucketStart first key of the bucket.
     * @param length      the sound length.
     */
    void rememberSoundLength(final long bucketStart, final long length)
    {
        lock.lock();
        try
        {
            soundLengths.put(BucketLayout.bucketId(bucketStart), length);
        }
        finally
        {
            lock.unlock();
        }
    }

    private BucketWriter writerFor(final long key) throws IOException
    {
        final long bucketId = BucketLayout.bucketId(key);
        for (int i = 0; i < openCount; i++)
        {
            final BucketWriter writer = openWriters[i];
            if (writer.bucketId() == bucketId)
            {
                System.arraycopy(openWriters, 0, openWriters, 1, i);
                openWriters[0] = writer;
                return writer;
            }
        }
        if (openCount == openWriters.length)
        {
            // Written out while it is still open: when that fails (a full disk), the bucket keeps its records and
            // the append fails, where closing would have dropped the records it could not write.
            final BucketWriter leastRecent = openWriters[openCount - 1];
            if (leastRecent.buffered() > 0)
            {
                writeOutBuffers(leastRecent.bufferedSince());
            }
            final BucketWriter evicted = openWriters[--openCount];
            openWriters[openCount] = null;
            closeWriter(evicted, true);
        }
        final BucketWriter writer = idleWriters.isEmpty() ?
            new BucketWriter(settings.writeBufferSize(), tailReader) : idleWriters.remove(idleWriters.size() - 1);
        final Long known = soundLengths.get(bucketId);
        writer.open(BucketLayout.bucketPath(dir, key), bucketId, null == known ? -1 : known);
        System.arraycopy(openWriters, 0, openWriters, 1, openCount);
        openWriters[0] = writer;
        openCount++;
        return writer;
    }

    private void appendToBuffer(
        final BucketWriter writer, final long key, final DirectBuffer value, final int offset, final int length)
        throws IOException
    {
        if (0 == writer.buffered())
        {
            writer.bufferedSince(++buffersStarted);
        }
        writer.append(key, value, offset, length);
    }

    /**
     * Writes buffers to their files oldest first: every open bucket's buffer whose oldest record arrived no later
     * than {@code since}.
     */
    private void writeOutBuffers(final long since) throws IOException
    {
        while (true)
        {
            BucketWriter oldest = null;
            for (int i = 0; i < openCount; i++)
            {
                final BucketWriter writer = openWriters[i];
                if (writer.buffered() > 0 && writer.bufferedSince() <= since &&
                    (null == oldest || writer.bufferedSince() < oldest.bufferedSince()))
                {
                    oldest = writer;
                }
            }
            if (null == oldest)
            {
                return;
            }
            oldest.flush();
        }
    }

    private void closeWriter(final BucketWriter writer, final boolean durable) throws IOException
    {
        try
        {
            if (durable)
            {
                writer.close();
                soundLengths.put(writer.bucketId(), writer.soundLength());
            }
            else
            {
                writer.discard();
            }
        }
        finally
        {
            idleWriters.add(writer);
        }
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try
        {
            Files.walkFileTree(root, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
                {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path directory, final IOException ex)
                    throws IOException
                {
                    if (null != ex)
                    {
                        throw ex;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final NoSuchFileException ex)
        {
            // Already gone: removing a missing channel is not an error.
        }
    }
}
