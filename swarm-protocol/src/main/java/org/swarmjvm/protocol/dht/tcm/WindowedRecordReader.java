package org.swarmjvm.protocol.dht.tcm;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A reader of a file of keyed records, read front to back through a window of {@link #WINDOW_SIZE} bytes of native
 * memory: a read that fits the window is handed out where it lies in it (no copy); a longer one is read into a
 * buffer that grows to the largest such read and is reused. Subclasses parse their format and set the current
 * record's fields; nothing is allocated per record but that growth.
 */
abstract class WindowedRecordReader implements AutoCloseable
{
    /** Bytes read from the file at once. */
    public static final int WINDOW_SIZE = 1024 * 1024;

    /** The file, for the messages. */
    protected final Path path;
    /** Length of the file in bytes, when opened. */
    protected final long fileSize;
    /** The window, little-endian, its position at the current offset and its limit after the last byte read. */
    protected final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    /** The window's bytes, at the same indexes as in {@link #window}. */
    protected final UnsafeBuffer windowView = new UnsafeBuffer(window);
    /** The current record's key. */
    protected long key;
    /** Buffer holding the current record's value: {@link #windowView} or the one of a long read. */
    protected DirectBuffer value = windowView;
    /** Offset of the current record's value in {@link #value}. */
    protected int valueOffset;
    /** Length of the current record's value. */
    protected int valueLength;

    private final FileChannel file;
    private final UnsafeBuffer largeRead = new UnsafeBuffer(ByteBuffer.allocateDirect(0));
    private long windowFileOffset;

    /**
     * @param path of the file, for the messages.
     * @param file the file opened for reading, at its start; {@link #close()} closes it.
     * @throws IOException when the file's size cannot be read.
     */
    protected WindowedRecordReader(final Path path, final FileChannel file) throws IOException
    {
        this.path = path;
        this.file = file;
        this.fileSize = file.size();
        window.limit(0);
    }

    /**
     * @return the current record's key; 0 for a record without one (a change log's clear).
     */
    public long key()
    {
        return key;
    }

    /**
     * @return buffer holding the current record's value; valid until the next call of {@code next()}.
     */
    public DirectBuffer valueBuffer()
    {
        return value;
    }

    /**
     * @return offset of the value in {@link #valueBuffer()}.
     */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * @return length of the current record's value; 0 for a record without one (a change log's remove or clear).
     */
    public int valueLength()
    {
        return valueLength;
    }

    /**
     * @return length of the file in bytes.
     */
    public long fileSize()
    {
        return fileSize;
    }

    /**
     * @return the file read.
     */
    public Path path()
    {
        return path;
    }

    @Override
    public void close() throws IOException
    {
        file.close();
    }

    /**
     * @return byte offset in the file of the window's position.
     */
    protected final long offset()
    {
        return windowFileOffset + window.position();
    }

    /**
     * Makes the window hold at least {@code length} bytes from the current offset.
     *
     * @param length bytes needed, at most {@link #WINDOW_SIZE}.
     * @return false when the file ends first.
     * @throws IOException when the file cannot be read.
     */
    protected final boolean fill(final int length) throws IOException
    {
        if (window.remaining() >= length)
        {
            return true;
        }
        windowFileOffset = offset();
        window.compact();
        while (window.position() < length)
        {
            if (file.read(window) < 0)
            {
                window.flip();
                return false;
            }
        }
        window.flip();
        return true;
    }

    /**
     * Reads the next {@code length} bytes, more than the window holds, past the window.
     *
     * @param length    bytes to read, which the caller checked the file holds.
     * @param truncated the message when the file ends first all the same (it shrank while read).
     * @return buffer holding the bytes from index 0; valid until the next such read.
     * @throws TcmFormatException when the file ends first.
     * @throws IOException        when the file cannot be read.
     */
    protected final UnsafeBuffer readLarge(final int length, final String truncated) throws IOException
    {
        if (largeRead.capacity() < length)
        {
            largeRead.wrap(ByteBuffer.allocateDirect(length));
        }
        final ByteBuffer rest = largeRead.byteBuffer().duplicate().clear().limit(length);
        final int buffered = window.remaining();
        rest.put(window);
        while (rest.hasRemaining())
        {
            if (file.read(rest) < 0)
            {
                throw new TcmFormatException(path, offset(), truncated);
            }
        }
        // What was read past the window counts as read through it.
        windowFileOffset += length - buffered;
        return largeRead;
    }
}
