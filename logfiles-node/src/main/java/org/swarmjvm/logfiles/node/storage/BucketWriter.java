package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to one bucket file through a write buffer ({@code BufferedBucketOutput}).
 * <p>
 * Opening keeps the format of an existing file: records appended to a legacy file are legacy records (upstream's
 * TestLegacyWrite needs that), to a version 1 file version 1 records; a missing or empty file gets the version 1
 * header at once. Two of the original's defects are not copied: a file of 1..15 bytes (a torn header, which no
 * reader can see into) is copied aside, emptied and restarted instead of failing every Put, and appends go right
 * behind the last readable record (see {@link BucketTail#prepareForAppend}) so that they can be read.
 * <p>
 * A record is copied into the buffer as a unit, the buffer being written out first when the record does not fit;
 * a record larger than the whole buffer streams through it. Data reaches the file when the buffer is full or on
 * {@link #flush()}, and the disk on {@link #force()} and {@link #close()}; {@link #discard()} closes a file about
 * to be deleted without either. One writer object is reused for bucket after bucket. Public for the bench module,
 * which measures appends in process; the node uses it only through {@link LogfilesChannel}.
 */
public final class BucketWriter
{
    private static final System.Logger LOG = System.getLogger(BucketWriter.class.getName());

    private final RecordHeaderFlyweight header = new RecordHeaderFlyweight();
    private final byte[] bufferBytes;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private final BucketReader tailReader;
    private FileChannel channel;
    private Path file;
    private long bucketId;
    private BucketFormat format;
    private int buffered;
    private long bufferedSince;
    private long fileLength;
    private long soundLength;
    private long openLength;

    /**
     * @param bufferSize bytes buffered before a write ({@code write_buffer_size}).
     * @param tailReader reader used to check the tail of an existing file on open.
     */
    public BucketWriter(final int bufferSize, final BucketReader tailReader)
    {
        this.bufferBytes = new byte[Math.max(bufferSize, BucketFormat.HEADER_LENGTH + RecordHeaderFlyweight.V1_LENGTH)];
        this.byteBuffer = ByteBuffer.wrap(bufferBytes);
        this.buffer = new UnsafeBuffer(bufferBytes);
        this.tailReader = tailReader;
    }

    /**
     * Opens a bucket file for appending, creating it and its slot directory when missing.
     *
     * @param path        the bucket file.
     * @param bucketId    the bucket's id ({@code key >>> 12}).
     * @param knownLength a length up to which the file is known to hold only sound records (as this process last
     *                    left it), or -1: the tail is checked only from there.
     * @throws IOException when the file cannot be opened, created or repaired.
     */
    public void open(final Path path, final long bucketId, final long knownLength) throws IOException
    {
        Files.createDirectories(path.getParent());
        final FileChannel opened =
            FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try
        {
            this.channel = opened;
            this.file = path;
            this.bucketId = bucketId;
            this.buffered = 0;
            final long size = opened.size();
            openLength = size;
            if (size < BucketFormat.HEADER_LENGTH)
            {
                if (size > 0)
                {
                    LOG.log(System.Logger.Level.WARNING, "bucket {0} has a torn header of {1} bytes: restarted, " +
                        "the file as found is kept in {2}", path, size, Quarantine.copy(path));
                    opened.truncate(0);
                    openLength = 0;
                }
                format = BucketFormat.VERSION_1;
                BucketFormat.writeVersion1Header(buffer, 0);
                fileLength = 0;
                buffered = BucketFormat.HEADER_LENGTH;
                writeOut();
                soundLength = fileLength;
                return;
            }
            readFormat(opened);
            final long sound = knownLength == size ? size : BucketTail.prepareForAppend(tailReader, path, opened,
                knownLength > 0 && knownLength < size ? knownLength : 0, bucketId);
            fileLength = sound;
            soundLength = sound;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel = null;
            opened.close();
            throw ex;
        }
    }

    /**
     * Appends a record.
     *
     * @param key    the record key; it must belong to this bucket.
     * @param value  buffer holding the value.
     * @param offset of the value.
     * @param length of the value, at least 1.
     * @throws IOException when writing out the buffer fails.
     */
    public void append(final long key, final DirectBuffer value, final int offset, final int length) throws IOException
    {
        final int headerLength = format.recordHeaderLength();
        final long recordLength = (long)headerLength + length;
        final int capacity = bufferBytes.length;
        if (buffered + recordLength > capacity)
        {
            flush();
        }
        header.wrap(buffer, buffered).key(key).valueLength(length);
        if (format.hasParity())
        {
            header.writeParity();
        }
        buffered += headerLength;
        if (recordLength <= capacity)
        {
            buffer.putBytes(buffered, value, offset, length);
            buffered += length;
            return;
        }
        // A record larger than the buffer goes out in chunks, starting on an empty buffer (flushed above); when a
        // chunk fails, the chunks already written are cut off too, and the record is not appended.
        final long recordStart = fileLength;
        int done = 0;
        try
        {
            while (done < length)
            {
                final int chunk = Math.min(capacity - buffered, length - done);
                buffer.putBytes(buffered, value, offset + done, chunk);
                buffered += chunk;
                done += chunk;
                if (buffered == capacity)
                {
                    writeOut();
                }
            }
        }
        catch (final IOException ex)
        {
            cutBack(recordStart, ex);
            buffered = 0;
            throw ex;
        }
    }

    /**
     * @param valueLength of a record to append.
     * @return true when the record fits the buffer as it is: appending it writes nothing to the file.
     */
    boolean hasRoomFor(final int valueLength)
    {
        return buffered + (long)format.recordHeaderLength() + valueLength <= bufferBytes.length;
    }

    /**
     * Writes the buffered records to the file (no fsync).
     *
     * @throws IOException when the write fails.
     */
    public void flush() throws IOException
    {
        if (buffered > 0)
        {
            writeOut();
        }
        soundLength = fileLength;
    }

    /**
     * Flushes and makes the file's data durable.
     *
     * @throws IOException when the write or the sync fails.
     */
    void force() throws IOException
    {
        flush();
        channel.force(false);
    }

    /**
     * Flushes, syncs and closes the file; the writer can then open another.
     *
     * @throws IOException when the write, the sync or the close fails (the file is closed anyway).
     */
    public void close() throws IOException
    {
        try (FileChannel toClose = channel)
        {
            if (buffered > 0)
            {
                writeOut();
            }
            soundLength = fileLength;
            toClose.force(false);
        }
        finally
        {
            channel = null;
            buffered = 0;
        }
    }

    /**
     * Closes the file without writing its buffer or syncing it, for a file deleted right after (its channel is
     * being removed): durability is owed to records that stay, and a sync per deleted bucket was most of what a
     * removal cost.
     *
     * @throws IOException when the close fails (the writer can open another file anyway).
     */
    void discard() throws IOException
    {
        try
        {
            channel.close();
        }
        finally
        {
            channel = null;
            buffered = 0;
        }
    }

    /**
     * @return true while a file is open.
     */
    boolean isOpen()
    {
        return null != channel;
    }

    /**
     * @return the bucket id of the open file.
     */
    long bucketId()
    {
        return bucketId;
    }

    /**
     * @return the open file.
     */
    Path file()
    {
        return file;
    }

    /**
     * @return the open file's format.
     */
    BucketFormat format()
    {
        return format;
    }

    /**
     * @return the file length after the last flush: all records up to it are complete in the file.
     */
    long soundLength()
    {
        return soundLength;
    }

    /**
     * @return the file's length when it was opened, before the header of a new file was written (the offset the
     * original registers in its checkpoint for a newly opened bucket).
     */
    long openLength()
    {
        return openLength;
    }

    /**
     * @return bytes waiting in the buffer.
     */
    int buffered()
    {
        return buffered;
    }

    /**
     * @return when the oldest record waiting in the buffer arrived, on the owning channel's count; meaningful
     * while {@link #buffered()} is not 0.
     */
    long bufferedSince()
    {
        return bufferedSince;
    }

    /**
     * Dates the buffer's oldest record; the channel calls it before appending to an empty buffer, so that it can
     * write its buckets' buffers in the order their records arrived.
     *
     * @param arrival the channel's count for the record.
     */
    void bufferedSince(final long arrival)
    {
        bufferedSince = arrival;
    }

    private void readFormat(final FileChannel opened) throws IOException
    {
        byteBuffer.clear().limit(BucketFormat.HEADER_LENGTH);
        int done = 0;
        while (done < BucketFormat.HEADER_LENGTH)
        {
            final int n = opened.read(byteBuffer, done);
            if (n < 0)
            {
                throw new IOException("bucket " + file + " shrank while being opened");
            }
            done += n;
        }
        format = BucketFormat.detect(buffer, 0);
    }

    /**
     * Writes the buffer at the end of the file. A write that fails part way (a full disk writes what fits, then
     * fails) is cut off again, so that the file ends with whole records and the buffer, kept, can be written once
     * there is room: retrying behind the partial write would leave a torn record in the middle of the file, and
     * the reader stops at it.
     */
    private void writeOut() throws IOException
    {
        final long start = fileLength;
        byteBuffer.clear().limit(buffered);
        try
        {
            while (byteBuffer.hasRemaining())
            {
                fileLength += channel.write(byteBuffer, fileLength);
            }
        }
        catch (final IOException ex)
        {
            cutBack(start, ex);
            throw ex;
        }
        buffered = 0;
    }

    private void cutBack(final long length, final IOException cause)
    {
        fileLength = length;
        try
        {
            channel.truncate(length);
        }
        catch (final IOException ex)
        {
            cause.addSuppressed(ex);
        }
    }
}
