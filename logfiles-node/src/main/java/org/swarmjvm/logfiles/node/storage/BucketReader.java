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
 * With those rules alone a damaged record hides the rest of its file. Opened with the file's bucket
 * ({@link #open(Path, long, long)}), the reader instead resynchronises after damage: it scans forward, byte by byte,
 * for the next offset where a plausible record starts (parity valid where the format has parity, a value of at
 * least one byte that ends inside the file, a key of that bucket) and goes on from there, so that one damaged
 * record costs that record only. The key test makes a false start unlikely (52 bits of the key must match, and
 * the 8 bytes hold a timestamp whose upper bytes are zero, which text values do not contain). In that mode a
 * record with an empty value counts as damage too: no node writes one, and a run of zero bytes, as a power loss
 * can leave, reads as a chain of empty version 1 records with a valid parity. Reading never fails a request. The
 * reader is reused from file to file; its window grows to the largest record seen.
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
        TRUNCATED,
        /** A record with an empty value, when reading with resynchronisation. */
        EMPTY_VALUE
    }

    /** For {@link #open(Path, long, long)}: the original's rules alone, reading stops at the first damage. */
    public static final long NO_RESYNC = -1;

    /** Longest value read; a longer length (over 2 GiB, which no node ever wrote) is taken as garbage. */
    private static final int MAX_VALUE_LENGTH = Integer.MAX_VALUE - 64;

    private final RecordHeaderFlyweight header = new RecordHeaderFlyweight();
    private final UnsafeBuffer window = new UnsafeBuffer(new byte[0]);
    /** Direct, so that a file read lands in it without the JDK's copy through a temporary direct buffer. */
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
    private long resyncBucketId = NO_RESYNC;
    private long firstDamage = -1;
    private long skippedBytes;

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
        return open(file, start, NO_RESYNC);
    }

    /**
     * Opens a bucket file at a given offset, reading past damage to the next record of the bucket.
     *
     * @param file     the bucket.
     * @param start    offset of a record, or 0 for the first record.
     * @param bucketId the bucket ({@code key >>> 12}) whose records resynchronise the reading after damage, or
     *                 {@link #NO_RESYNC}.
     * @return false, with nothing open, when the file does not exist or is shorter than 16 bytes.
     * @throws IOException when the file cannot be read.
     */
    public boolean open(final Path file, final long start, final long bucketId) throws IOException
    {
        close();
        resyncBucketId = bucketId;
        firstDamage = -1;
        skippedBytes = 0;
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
        while (true)
        {
            final EndReason damage = readRecord();
            if (EndReason.NONE == damage)
            {
                return true;
            }
            if (EndReason.END != damage && firstDamage < 0)
            {
                firstDamage = position;
            }
            if (EndReason.END == damage || NO_RESYNC == resyncBucketId || !resync())
            {
                endReason = damage;
                return false;
            }
        }
    }

    /**
     * Reads the record at {@link #position}.
     *
     * @return {@link EndReason#NONE} when it was read and the position moved past it, otherwise why not.
     */
    private EndReason readRecord() throws IOException
    {
        final int headerLength = format.recordHeaderLength();
        if (position + headerLength >= fileLength)
        {
            return EndReason.END;
        }
        int at = fill(position, headerLength);
        if (at < 0)
        {
            return EndReason.TRUNCATED;
        }
        header.wrap(window, at);
        if (format.hasParity() && !header.isParityValid())
        {
            return EndReason.PARITY;
        }
        final long length = header.valueLength();
        if (length < 0 || length > fileLength - position - headerLength || length > MAX_VALUE_LENGTH)
        {
            return EndReason.TRUNCATED;
        }
        if (0 == length && NO_RESYNC != resyncBucketId)
        {
            return EndReason.EMPTY_VALUE;
        }
        key = header.key();
        at = fill(position, headerLength + (int)length);
        if (at < 0)
        {
            return EndReason.TRUNCATED;
        }
        valueOffset = at + headerLength;
        valueLength = (int)length;
        recordOffset = position;
        position += headerLength + length;
        return EndReason.NONE;
    }

    /**
     * Moves {@link #position} from a damaged record to the next offset where a plausible record of the bucket
     * starts.
     *
     * @return false, the position unchanged, when there is none before the end of the file.
     */
    private boolean resync() throws IOException
    {
        final int headerLength = format.recordHeaderLength();
        for (long candidate = position + 1; candidate + headerLength < fileLength; candidate++)
        {
            final int at = fill(candidate, headerLength);
            if (at < 0)
            {
                return false;
            }
            header.wrap(window, at);
            final long length = header.valueLength();
            if (BucketLayout.bucketId(header.key()) == resyncBucketId &&
                length > 0 && length <= fileLength - candidate - headerLength && length <= MAX_VALUE_LENGTH &&
                (!format.hasParity() || header.isParityValid()))
            {
                skippedBytes += candidate - position;
                position = candidate;
                return true;
            }
        }
        return false;
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
     * @return offset of the first damaged record met in the open file, or -1 while none was: where reading ended
     * ({@link #endReason()} other than {@link EndReason#END}), or where it skipped to the next record.
     */
    public long firstDamage()
    {
        return firstDamage;
    }

    /**
     * @return bytes skipped over damage in the open file, by resynchronising.
     */
    public long skippedBytes()
    {
        return skippedBytes;
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
        if (length > windowByteBuffer.capacity())
        {
            allocate(length);
        }
        final int toRead = (int)Math.min(windowByteBuffer.capacity(), fileLength - offset);
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
        windowByteBuffer = ByteBuffer.allocateDirect(size);
        window.wrap(windowByteBuffer);
        windowStart = 0;
        windowLength = 0;
    }
}
