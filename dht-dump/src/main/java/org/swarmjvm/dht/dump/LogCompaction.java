package org.swarmjvm.dht.dump;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor;
import org.swarmjvm.protocol.dht.tcm.ChangeLogReader;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.dht.tcm.TcmFormatException;
import org.swarmjvm.protocol.dht.tcm.TcmReader;
import org.swarmjvm.protocol.dht.tcm.TcmRecordDescriptor;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Folds a channel's dump and its closed change logs into a fresh {@code <channel>.tcm} (the original format,
 * through {@link TcmWriter}: a temporary file renamed over the dump once complete), then deletes those logs,
 * oldest first. A crash at any point loses nothing: before the rename the old dump and every log are in place;
 * after it the logs not yet deleted are replayed over a dump that holds them already, which gives the same
 * records.
 * <p>
 * Memory is bounded by the logs' distinct keys, not the channel's records: a first pass over the logs keeps, per
 * key, where its last put lies (or that it was removed); the second streams the dump, copying the records no log
 * touched, then copies each key's last put from the logs. A clear in the logs drops the dump and the keys before
 * it. Writes can be throttled to a rate in bytes per second, so that a compaction does not starve the node's disk.
 * One instance per compacting thread; not thread-safe.
 */
final class LogCompaction
{
    private static final Logger LOG = System.getLogger(LogCompaction.class.getName());
    private static final long MISSING = Long.MIN_VALUE;
    private static final long REMOVED = -1;
    private static final int OFFSET_BITS = 48;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

    private final DumpDirectory directory;
    private final long bytesPerSecond;
    private final Long2LongHashMap lastPuts = new Long2LongHashMap(MISSING);
    private final UnsafeBuffer valueView = new UnsafeBuffer(new byte[0]);
    private ByteBuffer entry = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private long startNanos;
    private long written;

    /**
     * @param directory      holding the dumps and logs.
     * @param bytesPerSecond most bytes written per second, 0 for no limit.
     */
    LogCompaction(final DumpDirectory directory, final long bytesPerSecond)
    {
        this.directory = directory;
        this.bytesPerSecond = bytesPerSecond;
    }

    /**
     * Compacts a channel's dump and its logs up to a sequence number.
     *
     * @param channel   to compact.
     * @param upTo      sequence number of the newest log to fold in; newer logs are left alone.
     * @param lock      held while the new dump is renamed into place, as the follower's removal is handled.
     * @param abandoned true when the dump must not be replaced after all (the channel was removed).
     * @return false when the compaction was abandoned, or the dump changed meanwhile (the node wrote its own).
     * @throws IOException when a file cannot be read or written, or a log is damaged; nothing is replaced then.
     */
    boolean compact(final String channel, final long upTo, final Object lock, final BooleanSupplier abandoned)
        throws IOException
    {
        final long start = System.nanoTime();
        final List<Path> logs = logsUpTo(channel, upTo);
        final Path dump = directory.dumpFile(channel);
        final Object dumpIdentity = identity(dump);
        lastPuts.clear();
        final boolean cleared = indexLogs(logs);
        startNanos = System.nanoTime();
        written = 0;
        long fromDump = 0;
        try (TcmWriter writer = TcmWriter.create(directory.path(), channel))
        {
            if (!cleared && null != dumpIdentity)
            {
                fromDump = copyUntouched(dump, writer);
            }
            copyLastPuts(logs, writer);
            synchronized (lock)
            {
                if (abandoned.getAsBoolean() || !Objects.equals(dumpIdentity, identity(dump)))
                {
                    LOG.log(Level.INFO, "compaction of channel {0} abandoned: the channel was removed or its dump " +
                        "written by the node meanwhile", channel);
                    return false;
                }
                writer.commit(0);
            }
            directory.deleteChangeLogs(logs);
            LOG.log(Level.INFO, "channel {0} compacted: {1,number,#} records ({2,number,#} kept from the dump) and " +
                "{3} change logs into {4} in {5,number,#} ms", channel, writer.records(), fromDump, logs.size(),
                dump.getFileName(), (System.nanoTime() - start) / 1_000_000);
            return true;
        }
    }

    private List<Path> logsUpTo(final String channel, final long upTo)
    {
        final List<Path> logs = directory.changeLogs(channel);
        final int end = logs.indexOf(directory.changeLog(channel, upTo));
        if (end < 0)
        {
            throw new IllegalStateException("change log " + directory.changeLog(channel, upTo) + " is gone");
        }
        return logs.subList(0, end + 1);
    }

    /**
     * First pass: the position of each key's last put, {@link #REMOVED} for a key whose last entry removes it.
     *
     * @return true when a log holds a clear: the dump is dropped.
     */
    private boolean indexLogs(final List<Path> logs) throws IOException
    {
        boolean cleared = false;
        for (int index = 0; index < logs.size(); index++)
        {
            try (ChangeLogReader reader = ChangeLogReader.open(logs.get(index)))
            {
                while (reader.next())
                {
                    switch (reader.type())
                    {
                        case ChangeLogDescriptor.PUT -> lastPuts.put(reader.key(), (long)index << OFFSET_BITS |
                            reader.valuePosition() - ChangeLogDescriptor.VALUE_OFFSET);
                        case ChangeLogDescriptor.REMOVE -> lastPuts.put(reader.key(), REMOVED);
                        default ->
                        {
                            lastPuts.clear();
                            cleared = true;
                        }
                    }
                }
                if (null != reader.damage())
                {
                    throw new TcmFormatException(reader.path(), reader.validLength(), reader.damage());
                }
            }
        }
        return cleared;
    }

    private long copyUntouched(final Path dump, final TcmWriter writer) throws IOException
    {
        long copied = 0;
        try (TcmReader reader = TcmReader.open(dump))
        {
            while (reader.next())
            {
                if (MISSING == lastPuts.get(reader.key()))
                {
                    writer.append(reader.key(), reader.valueBuffer(), reader.valueOffset(), reader.valueLength());
                    throttle(reader.valueLength());
                    copied++;
                }
            }
        }
        return copied;
    }

    private void copyLastPuts(final List<Path> logs, final TcmWriter writer) throws IOException
    {
        final FileChannel[] files = new FileChannel[logs.size()];
        try
        {
            for (int i = 0; i < files.length; i++)
            {
                files[i] = FileChannel.open(logs.get(i), StandardOpenOption.READ);
            }
            final Long2LongHashMap.EntryIterator puts = lastPuts.entrySet().iterator();
            while (puts.hasNext())
            {
                puts.next();
                final long position = puts.getLongValue();
                if (REMOVED != position)
                {
                    final int valueLength = readEntry(files[(int)(position >>> OFFSET_BITS)], position & OFFSET_MASK);
                    writer.append(puts.getLongKey(), valueView, ChangeLogDescriptor.VALUE_OFFSET, valueLength);
                    throttle(valueLength);
                }
            }
        }
        finally
        {
            for (final FileChannel file : files)
            {
                if (null != file)
                {
                    file.close();
                }
            }
        }
    }

    /**
     * Reads the entry at a position into {@link #entry}, wrapped by {@link #valueView}.
     *
     * @return its value's length.
     */
    private int readEntry(final FileChannel file, final long position) throws IOException
    {
        entry.clear().limit(ChangeLogDescriptor.VALUE_OFFSET);
        readFully(file, entry, position);
        final int length = ChangeLogDescriptor.FRAME_LENGTH + entry.getInt(ChangeLogDescriptor.LENGTH_OFFSET);
        if (entry.capacity() < length)
        {
            entry = ByteBuffer.allocateDirect(length).order(ByteOrder.LITTLE_ENDIAN);
            entry.limit(ChangeLogDescriptor.VALUE_OFFSET);
            readFully(file, entry, position);
        }
        entry.limit(length);
        readFully(file, entry, position);
        valueView.wrap(entry);
        return length - ChangeLogDescriptor.VALUE_OFFSET;
    }

    /**
     * Fills a buffer from the file; the buffer's byte 0 stands for the file's byte {@code position}.
     */
    private static void readFully(final FileChannel file, final ByteBuffer buffer, final long position)
        throws IOException
    {
        while (buffer.hasRemaining())
        {
            if (file.read(buffer, position + buffer.position()) < 0)
            {
                throw new IOException("change log ends inside an entry it held when indexed");
            }
        }
    }

    private void throttle(final int valueLength)
    {
        written += valueLength + TcmRecordDescriptor.RECORD_OVERHEAD;
        if (0 == bytesPerSecond)
        {
            return;
        }
        final long due = startNanos + written * 1_000_000_000L / bytesPerSecond;
        final long ahead = due - System.nanoTime();
        if (ahead > 0)
        {
            LockSupport.parkNanos(ahead);
        }
    }

    private static Object identity(final Path file) throws IOException
    {
        try
        {
            final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
    }
}
