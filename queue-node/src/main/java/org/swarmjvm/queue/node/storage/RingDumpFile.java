package org.swarmjvm.queue.node.storage;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The ring dump {@code <storage>.rq} of the original node (spec §4.1), byte exact, little-endian:
 * <pre>
 *   0        4                 12
 *  +--------+-----------------+-------------------------------------------- - -
 *  | u32 N  | u64 D           | N records of {@link RingRecordDescriptor}, D bytes in all, in pop order
 *  +--------+-----------------+-------------------------------------------- - -
 * </pre>
 * Written at clean shutdown for every storage whose ring is non-empty; loaded (strictly) at start-up and then
 * deleted.
 */
public final class RingDumpFile
{
    /** File name suffix. */
    public static final String SUFFIX = ".rq";
    /** Added to the name of a dump while it is written. */
    public static final String TEMPORARY_SUFFIX = ".tmp";
    /** Offset of the record count. */
    public static final int COUNT_OFFSET = 0;
    /** Offset of the data length. */
    public static final int DATA_LENGTH_OFFSET = COUNT_OFFSET + Integer.BYTES;
    /** Bytes before the records. */
    public static final int HEADER_LENGTH = DATA_LENGTH_OFFSET + Long.BYTES;

    private RingDumpFile()
    {
    }

    /**
     * Writes a ring's records to a temporary file, forces it, and renames it over {@code file}. When that fails
     * the temporary file is removed and {@code file} is left as it was.
     *
     * @param ring to dump; must not be empty.
     * @param file the {@code .rq} file.
     * @throws QueueStorageException naming the file and the cause.
     */
    public static void write(final Ring ring, final Path file)
    {
        final Path temporary = file.resolveSibling(file.getFileName() + TEMPORARY_SUFFIX);
        try
        {
            writeTemporary(ring, temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            try
            {
                Files.deleteIfExists(temporary);
            }
            catch (final IOException cleanup)
            {
                ex.addSuppressed(cleanup);
            }
            throw new QueueStorageException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static void writeTemporary(final Ring ring, final Path temporary) throws IOException
    {
        final long dataLength = ring.usedSpace();
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(LITTLE_ENDIAN);
            header.putInt(COUNT_OFFSET, ring.items()).putLong(DATA_LENGTH_OFFSET, dataLength);
            writeFully(out, header);
            final ByteBuffer prefix = ByteBuffer.allocate(RingRecordDescriptor.HEADER_LENGTH).order(LITTLE_ENDIAN);
            final IOException[] failure = new IOException[1];
            ring.forEach((buffer, offset, length) ->
            {
                if (null != failure[0])
                {
                    return;
                }
                try
                {
                    prefix.clear();
                    prefix.putLong(0, length);
                    writeFully(out, prefix);
                    final byte[] payload = new byte[length];
                    buffer.getBytes(offset, payload);
                    writeFully(out, ByteBuffer.wrap(payload));
                }
                catch (final IOException ex)
                {
                    failure[0] = ex;
                }
            });
            if (null != failure[0])
            {
                throw failure[0];
            }
            out.force(true);
        }
    }

    /**
     * Reads and checks a dump, then loads it into a ring from offset 0.
     *
     * @param file the {@code .rq} file.
     * @param ring an empty ring to fill.
     * @throws QueueStorageException when the file is malformed or the data exceeds the ring's capacity.
     */
    public static void load(final Path file, final Ring ring)
    {
        final byte[] bytes;
        try
        {
            final long size = Files.size(file);
            if (size < HEADER_LENGTH)
            {
                throw new QueueStorageException(file + ": " + size + " bytes, shorter than the dump header");
            }
            if (size - HEADER_LENGTH > ring.capacity())
            {
                throw new QueueStorageException(file + ": " + (size - HEADER_LENGTH)
                    + " bytes of records exceed the ring capacity of " + ring.capacity() + " bytes");
            }
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot read ring dump " + file, ex);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final long count = buffer.getInt(COUNT_OFFSET, LITTLE_ENDIAN) & 0xffff_ffffL;
        final long dataLength = buffer.getLong(DATA_LENGTH_OFFSET, LITTLE_ENDIAN);
        if (dataLength != bytes.length - HEADER_LENGTH)
        {
            throw new QueueStorageException(file + ": header says " + dataLength + " bytes of records, the file has "
                + (bytes.length - HEADER_LENGTH));
        }
        if (dataLength > ring.capacity())
        {
            throw new QueueStorageException(file + ": " + dataLength + " bytes of records exceed the ring capacity of "
                + ring.capacity() + " bytes");
        }
        if (0 == count && 0 != dataLength)
        {
            throw new QueueStorageException(file + ": 0 records but " + dataLength + " bytes of data");
        }
        long position = HEADER_LENGTH;
        for (long i = 0; i < count; i++)
        {
            if (position + RingRecordDescriptor.HEADER_LENGTH > bytes.length)
            {
                throw new QueueStorageException(file + ": record " + i + " of " + count + " is cut off");
            }
            final long length = buffer.getLong((int)position, LITTLE_ENDIAN);
            if (length < 0 || length > bytes.length - position - RingRecordDescriptor.HEADER_LENGTH)
            {
                throw new QueueStorageException(file + ": record " + i + " of " + count + " has a bad length "
                    + length);
            }
            position += RingRecordDescriptor.HEADER_LENGTH + length;
        }
        if (position != bytes.length)
        {
            throw new QueueStorageException(file + ": " + count + " records end at " + (position - HEADER_LENGTH) +
                " of " + dataLength + " bytes");
        }
        ring.load(buffer, HEADER_LENGTH, (int)dataLength, (int)count);
    }

    private static void writeFully(final FileChannel out, final ByteBuffer from) throws IOException
    {
        while (from.hasRemaining())
        {
            out.write(from);
        }
    }
}
