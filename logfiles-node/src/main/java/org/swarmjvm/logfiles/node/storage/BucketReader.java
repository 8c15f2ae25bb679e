package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one bucket file in file order, with exactly the original's rules for damaged files
 * ({@code StorageProtocolLegacy/V1.nextRecord}). With {@code L} the file length when it was opened (later appends
 * are not seen), {@code H} the record header length and {@code pos} the next record's offset:
 * <ol>
 *   <li>{@code pos + H >= L}: end of bucket; a trailing fragment, even a final header with nothing after it, is
 *   ignored;</li>
 *   <li>version 1 only: a header whose 17 bytes do not XOR to 0 ends the bucket ({@link EndReason#PARITY});</li>
 *   <li>{@code pos + H + length > L}: end of bucket, the value is cut off or the length is garbage
 *   ({@link EndReason#TRUNCATED});</li>
 *   <li>otherwise the record is returned and {@code pos} moves past it.</li>
 * </ol>
 * A damaged record therefore hides the rest of its file, and reading never fails a request. The reader is reused
 * from file to file; its window grows to the largest record seen.
 */
public final class BucketReader implements AutoCloseable
{
    /** Why the last file ended. */
    public enum EndReason
    {
        /** Not ended yet. */
        NONE,
        /** All bytes read, or only a fragment shorter than a record header left. */
        END,
        /** A version 1 header failed its parity check. */
        PARITY,
        /** A record's value runs past the end of the file. */
        TRUNCATED
    }

    /** Longest value read; a longer length (over 2 GiB, which no node ever wrote) is taken as garbage. */
    private static final int MAX_VALUE_LENGTH = Integer.MAX_VALUE - 64;

    private final RecordHeaderFlyweight header = new RecordHeaderFlyweight();
    private final UnsafeBuffer window = new UnsafeBuffer(new byte[0]);
    private byte[] windowBytes;
    private ByteBuffer windowByteBuffer;
    private long windowStart;
    private int windowLength;
    private FileChannel channel;
    private BucketFormat format;
    private long fileLength;
    private long position;
    private long recordOffset;
    private long key;
    private int valueOffset;
    private int valueLength;
    private EndReason endReason = EndReason.NONE;

    /**
     * @param bufferSize bytes read from the file at a time ({@code file_buffer_size}); values longer than this
     *                   are read whole.
     */
    public BucketReader(final int bufferSize)
    {
        allocate(Math.max(bufferSize, RecordHeaderFlyweight.V1_LENGTH + BucketFormat.HEADER_LENGTH));
    }

    /**
     * Opens a bucket file at its first record.
     *
     * @param file the bucket.
     * @return false, with nothing open, when the file does not exist or is shorter than 16 bytes (the original
     * skips those).
     * @throws IOException when the file cannot be read.
     */
    public boolean open(final Path file) throws IOException
    {
        return open(file, 0);
    }

    /**
     * Opens a bucket file at a given offset, for checking the tail of a file from a known record boundary.
     *
     * @param file  the bucket.
     * @param start offset of a record, or 0 for the first record.
     * @return false, with nothing open, when the file does not exist or is shorter than 16 bytes.
     * @throws IOException when the file cannot be read.
     */
    public boolean open(final Path file, final long start) throws IOException
    {
        close();
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        catch (final NoSuchFileException ex)
        {
            return false;
        }
        fileLength = channel.size();
        windowStart = 0;
        windowLength = 0;
        endReason = EndReason.NONE;
        if (fileLength < BucketFormat.HEADER_LENGTH)
        {
            close();
            return false;
        }
        if (fill(0, BucketFormat.HEADER_LENGTH) < 0)
        {
            close();
            return false;
        }
        format = BucketFormat.detect(window, 0);
        position = Math.max(start, format.dataOffset());
        recordOffset = position;
        return true;
    }

    /**
     * Steps to the next record.
     *
     * @return false at the end of the bucket ({@link #endReason()} says why).
     * @throws IOException when the file cannot be read.
     */
    public boolean next() throws IOException
    {
        if (null == channel || EndReason.NONE != endReason)
        {
            return false;
        }
        final int headerLength = format.recordHeaderLength();
        if (position + headerLength >= fileLength)
        {
            endReason = EndReason.END;
            return false;
        }
        int at = fill(position, headerLength);
        if (at < 0)
        {
            endReason = EndReason.TRUNCATED;
            return false;
        }
        header.wrap(window, at);
        if (format.hasParity() && !header.isParityValid())
        {
            endReason = EndReason.PARITY;
            return false;
        }
        final long length = header.valueLength();
        if (length < 0 || length > fileLength - position - headerLength || length > MAX_VALUE_LENGTH)
        {
            endReason = EndReason.TRUNCATED;
            return false;
        }
        key = header.key();
        at = fill(position, headerLength + (int)length);
        if (at < 0)
        {
            endReason = EndReason.TRUNCATED;
            return false;
        }
        valueOffset = at + headerLength;
        valueLength = (int)length;
        recordOffset = position;
        position += headerLength + length;
        return true;
    }

    /**
     * @return the current record's key.
     */
    public long key()
    {
        return key;
    }

    /**
     * @return the buffer holding the current record's value; valid until the next call.
     */
    public DirectBuffer valueBuffer()
    {
        return window;
    }

    /**
     * @return offset of the current value in {@link #valueBuffer()}.
     */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * @return length of the current value.
     */
    public int valueLength()
    {
        return valueLength;
    }

    /**
     * @return file offset of the current record's header.
     */
    public long recordOffset()
    {
        return recordOffset;
    }

    /**
     * @return file offset just past the current record: where the next one starts.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return the open file's length when it was opened.
     */
    public long fileLength()
    {
        return fileLength;
    }

    /**
     * @return the open file's format.
     */
    public BucketFormat format()
    {
        return format;
    }

    /**
     * @return why the bucket ended, or {@link EndReason#NONE} while records remain.
     */
    public EndReason endReason()
    {
        return endReason;
    }

    /**
     * Closes the current file, if any; the reader can open another.
     *
     * @throws IOException when closing fails.
     */
    @Override
    public void close() throws IOException
    {
        if (null != channel)
        {
            final FileChannel toClose = channel;
            channel = null;
            toClose.close();
        }
    }

    /**
     * Makes the window hold {@code length} bytes of the file from {@code offset}.
     *
     * @return where the bytes start in the window, or -1 when the file no longer has them (it was truncated or
     * deleted since it was opened: the bucket then ends as if cut off).
     */
    private int fill(final long offset, final int length) throws IOException
    {
        if (offset >= windowStart && offset + length <= windowStart + windowLength)
        {
            return (int)(offset - windowStart);
        }
        if (length > windowBytes.length)
        {
            allocate(length);
        }
        final int toRead = (int)Math.min(windowBytes.length, fileLength - offset);
        windowByteBuffer.clear().limit(toRead);
        int done = 0;
        while (done < toRead)
        {
            final int n = channel.read(windowByteBuffer, offset + done);
            if (n < 0)
            {
                break;
            }
            done += n;
        }
        windowStart = offset;
        windowLength = done;
        return done < length ? -1 : 0;
    }

    private void allocate(final int size)
    {
        windowBytes = new byte[size];
        windowByteBuffer = ByteBuffer.wrap(windowBytes);
        window.wrap(windowBytes);
        windowStart = 0;
        windowLength = 0;
    }
}
