package org.swarmjvm.protocol.dht.tcm;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.zip.CRC32C;

import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.CHECKSUM_OFFSET;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.KEY_OFFSET;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.LENGTH_OFFSET;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.TYPE_OFFSET;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.VALUE_OFFSET;

/**
 * Appends entries ({@link ChangeLogDescriptor}) to a change log through one 64 KiB direct buffer: appending
 * allocates nothing, and the buffered entries reach the file on {@link #flush()} (and the disk on
 * {@link #force()}). A new file gets its header written at once; an existing one, cut back to its last whole entry by
 * {@link ChangeLogReader#validLength()}, is appended to. The writer holds an exclusive lock on its file while it
 * is open, as {@link TcmWriter} does, so a temporary file ({@code .dumping}) of a live writer is never taken for
 * a stale one. Not thread-safe.
 */
public final class ChangeLogWriter implements AutoCloseable
{
    /** Size of the write buffer. */
    public static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;
    private final FileChannel file;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer bufferView = new UnsafeBuffer(buffer);
    private final CRC32C checksum = new CRC32C();
    private final ByteBuffer checksummed = buffer.duplicate();
    private long written;
    /** Bytes of the file up to the end of the last write that completed: whole entries only. */
    private long wholeLength;
    private long entries;

    private ChangeLogWriter(final Path path, final FileChannel file, final long written) throws IOException
    {
        this.path = path;
        this.file = file;
        this.written = written;
        this.wholeLength = written;
        if (null == file.tryLock())
        {
            file.close();
            throw new IOException(path + " is locked by another writer");
        }
    }

    /**
     * Creates a new log and writes its header to the file at once: on a full disk the log fails here, before any
     * entry is handed to it, and leaves no file.
     *
     * @param path of the log; must not exist.
     * @return the writer.
     * @throws IOException when the file exists or cannot be created or written.
     */
    public static ChangeLogWriter create(final Path path) throws IOException
    {
        final FileChannel file = FileChannel.open(path,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        final ChangeLogWriter writer = new ChangeLogWriter(path, file, 0);
        writer.buffer.putInt(ChangeLogDescriptor.MAGIC).putInt(ChangeLogDescriptor.FORMAT_VERSION);
        try
        {
            writer.flush();
        }
        catch (final IOException ex)
        {
            file.close();
            Files.deleteIfExists(path);
            throw ex;
        }
        return writer;
    }

    /**
     * Opens an existing log to append to, first cutting it back to {@code validLength} bytes (its torn tail).
     *
     * @param path        of the log.
     * @param validLength bytes of whole entries, at least the header's, as {@link ChangeLogReader#validLength()}.
     * @return the writer, positioned at the end.
     * @throws IOException when the file cannot be opened or cut.
     */
    public static ChangeLogWriter append(final Path path, final long validLength) throws IOException
    {
        final FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE);
        try
        {
            file.truncate(validLength);
            file.position(validLength);
            return new ChangeLogWriter(path, file, validLength);
        }
        catch (final IOException ex)
        {
            file.close();
            throw ex;
        }
    }

    /**
     * @return the log file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return bytes of the log, buffered ones included.
     */
    public long length()
    {
        return written + buffer.position();
    }

    /**
     * @return entries appended by this writer.
     */
    public long entries()
    {
        return entries;
    }

    /**
     * Appends a put.
     *
     * @param key    of the record.
     * @param value  buffer holding the value.
     * @param offset of the value.
     * @param length of the value, 1 to {@link TcmRecordDescriptor#MAX_VALUE_LENGTH}.
     * @throws IOException when the buffer had to be written and that failed.
     */
    public void put(final long key, final DirectBuffer value, final int offset, final int length) throws IOException
    {
        if (length < 1 || length > TcmRecordDescriptor.MAX_VALUE_LENGTH)
        {
            throw new IllegalArgumentException("value of " + length + " bytes, a log holds 1 to " +
                TcmRecordDescriptor.MAX_VALUE_LENGTH);
        }
        final int entryLength = ChangeLogDescriptor.entryLength(length);
        if (entryLength > BUFFER_SIZE)
        {
            flush();
            writeLarge(key, value, offset, length);
            return;
        }
        final int at = reserve(entryLength);
        bufferView.putBytes(at + VALUE_OFFSET, value, offset, length);
        seal(at, ChangeLogDescriptor.PUT, key, length);
    }

    /**
     * Appends a removal.
     *
     * @param key of the record removed.
     * @throws IOException when the buffer had to be written and that failed.
     */
    public void remove(final long key) throws IOException
    {
        seal(reserve(VALUE_OFFSET), ChangeLogDescriptor.REMOVE, key, 0);
    }

    /**
     * Appends a clear: every record before it is dropped.
     *
     * @throws IOException when the buffer had to be written and that failed.
     */
    public void clear() throws IOException
    {
        seal(reserve(VALUE_OFFSET), ChangeLogDescriptor.CLEAR, 0, 0);
    }

    /**
     * Writes the buffered entries to the file (the page cache: they survive a kill of this process).
     *
     * @throws IOException when writing fails.
     */
    public void flush() throws IOException
    {
        buffer.flip();
        while (buffer.hasRemaining())
        {
            written += file.write(buffer);
        }
        buffer.clear();
        wholeLength = written;
    }

    /**
     * Writes the buffered entries and forces the file's data to disk (they survive a crash of the machine).
     *
     * @throws IOException when writing or forcing fails.
     */
    public void force() throws IOException
    {
        flush();
        file.force(false);
    }

    /**
     * Forces the log, renames it to {@code target} atomically and forces the folder: a snapshot written under a
     * temporary name becomes part of the channel's logs whole or not at all. The writer is closed afterwards.
     *
     * @param target the log's final name, in the same folder.
     * @throws IOException when any step fails.
     */
    public void commitAs(final Path target) throws IOException
    {
        force();
        // Renamed while still open, so still locked: a cleaner never takes it for a stale temporary file.
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        file.close();
        TcmWriter.forceDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Closes the log after a failed write or force, dropping the entries still buffered: the file is cut back to
     * the entries written whole (a write that failed part way leaves a torn entry, and a replay stops at the first
     * torn log, so the logs after it would not be read), or deleted when it holds no entry.
     *
     * @return true when the file is kept, holding entries; false when it was deleted.
     * @throws IOException when it can be neither cut nor deleted.
     */
    public boolean abandon() throws IOException
    {
        final boolean holdsEntries = wholeLength > ChangeLogDescriptor.HEADER_LENGTH;
        try
        {
            if (holdsEntries)
            {
                file.truncate(wholeLength);
            }
        }
        finally
        {
            file.close();
        }
        if (!holdsEntries)
        {
            Files.deleteIfExists(path);
        }
        return holdsEntries;
    }

    /**
     * Writes what is buffered and closes the file.
     *
     * @throws IOException when writing or closing fails.
     */
    @Override
    public void close() throws IOException
    {
        if (!file.isOpen())
        {
            return;
        }
        try
        {
            flush();
        }
        finally
        {
            file.close();
        }
    }

    private int reserve(final int entryLength) throws IOException
    {
        if (buffer.remaining() < entryLength)
        {
            flush();
        }
        final int at = buffer.position();
        buffer.position(at + entryLength);
        return at;
    }

    private void seal(final int at, final byte type, final long key, final int valueLength)
    {
        bufferView.putByte(at + TYPE_OFFSET, type);
        bufferView.putLong(at + KEY_OFFSET, key, ByteOrder.LITTLE_ENDIAN);
        final int length = VALUE_OFFSET - TYPE_OFFSET + valueLength;
        bufferView.putInt(at + LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        checksum.reset();
        checksum.update(checksummed.limit(at + TYPE_OFFSET + length).position(at + TYPE_OFFSET));
        bufferView.putInt(at + CHECKSUM_OFFSET, (int)checksum.getValue(), ByteOrder.LITTLE_ENDIAN);
        entries++;
    }

    /**
     * An entry longer than the buffer (a value near the largest): its frame through the buffer, its value
     * straight from the caller's memory.
     */
    private void writeLarge(final long key, final DirectBuffer value, final int offset, final int length)
        throws IOException
    {
        final ByteBuffer frame = ByteBuffer.allocate(VALUE_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(LENGTH_OFFSET, VALUE_OFFSET - TYPE_OFFSET + length);
        frame.put(TYPE_OFFSET, ChangeLogDescriptor.PUT);
        frame.putLong(KEY_OFFSET, key);
        final byte[] bytes = new byte[length];
        value.getBytes(offset, bytes);
        checksum.reset();
        checksum.update(frame.array(), TYPE_OFFSET, VALUE_OFFSET - TYPE_OFFSET);
        checksum.update(bytes);
        frame.putInt(CHECKSUM_OFFSET, (int)checksum.getValue());
        final ByteBuffer[] parts = {frame, ByteBuffer.wrap(bytes)};
        long remaining = ChangeLogDescriptor.entryLength(length);
        while (remaining > 0)
        {
            final long done = file.write(parts);
            written += done;
            remaining -= done;
        }
        wholeLength = written;
        entries++;
    }
}
