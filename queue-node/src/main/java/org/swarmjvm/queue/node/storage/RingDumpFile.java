package org.swarmjvm.queue.node.storage;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The ring dump {@code <storage>.rq} of the original node (spec §4.1), byte exact, little-endian:
 * <pre>
 *   0        4                 12
 *  +--------+-----------------+-------------------------------------------- - -
 *  | u32 N  | u64 D           | N records of {@link RingRecordDescriptor}, D bytes in all, in pop order
 *  +--------+-----------------+-------------------------------------------- - -
 * </pre>
 * Written at clean shutdown for every storage whose ring is non-empty; loaded at start-up and then deleted (a
 * damaged one loads the records before the damage and is kept in the {@link Quarantine}).
 */
public final class RingDumpFile
{
    /** File name suffix. */
    public static final String SUFFIX = ".rq";
    /** Added to the name of a dump while it is written. */
    public static final String TEMPORARY_SUFFIX = FileReplacement.TEMPORARY_SUFFIX;
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
        FileReplacement.replace(file, out -> writeRecords(ring, out));
    }

    private static void writeRecords(final Ring ring, final FileChannel out) throws IOException
    {
        final long dataLength = ring.usedSpace();
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
    }

    /**
     * Reads and checks a dump, then loads it into a ring from offset 0. A damaged dump (cut short, a record
     * length pointing past the end, a header that does not match its records) loads the records before the
     * damage: every record that lies whole in the file, up to the first that does not; when the header's count
     * and length match a first part of the records, only that part.
     *
     * @param file the {@code .rq} file.
     * @param ring an empty ring to fill.
     * @return {@code null} when the file was whole, else where and how it is damaged.
     * @throws QueueStorageException when the file cannot be read, or a whole file's data exceeds the ring's
     *                               capacity (the original refuses to start then too: the ring size was lowered).
     */
    public static Damage load(final Path file, final Ring ring)
    {
        final byte[] bytes;
        try
        {
            final long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8)
            {
                return new Damage(0, size + " bytes, more than any ring holds", 0);
            }
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot read ring dump " + file + ": " + ex, ex);
        }
        if (bytes.length < HEADER_LENGTH)
        {
            return new Damage(bytes.length, bytes.length + " bytes, shorter than the dump header", 0);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final long count = buffer.getInt(COUNT_OFFSET, LITTLE_ENDIAN) & 0xffff_ffffL;
        final long dataLength = buffer.getLong(DATA_LENGTH_OFFSET, LITTLE_ENDIAN);
        int position = HEADER_LENGTH;
        int records = 0;
        int fitting = 0;
        int fittingEnd = HEADER_LENGTH;
        String problem = null;
        while (true)
        {
            if (records == count && position - HEADER_LENGTH == dataLength)
            {
                if (position != bytes.length)
                {
                    problem = (bytes.length - position) + " bytes after the " + count + " records of the header";
                }
                break;
            }
            if (position == bytes.length)
            {
                problem = "the header says " + count + " records of " + dataLength + " bytes, the file ends after " +
                    records + " records of " + (position - HEADER_LENGTH) + " bytes";
                break;
            }
            if (position > bytes.length - RingRecordDescriptor.HEADER_LENGTH)
            {
                problem = "record " + records + " is cut off";
                break;
            }
            final long length = buffer.getLong(position, LITTLE_ENDIAN);
            if (length < 0 || length > bytes.length - position - RingRecordDescriptor.HEADER_LENGTH)
            {
                problem = "record " + records + " claims " + Long.toUnsignedString(length) + " bytes, " +
                    (bytes.length - position - RingRecordDescriptor.HEADER_LENGTH) + " are left in the file";
                break;
            }
            position += RingRecordDescriptor.HEADER_LENGTH + (int)length;
            records++;
            if (position - HEADER_LENGTH <= ring.capacity())
            {
                fitting = records;
                fittingEnd = position;
            }
        }
        if (null == problem && fitting < records)
        {
            throw new QueueStorageException(file + ": " + dataLength +
                " bytes of records exceed the ring capacity of " + ring.capacity() + " bytes");
        }
        ring.load(buffer, HEADER_LENGTH, fittingEnd - HEADER_LENGTH, fitting);
        if (null == problem)
        {
            return null;
        }
        return new Damage(position, problem + (fitting < records ? "; only the first " + fitting + " of the " +
            records + " intact records fit the ring" : ""), fitting);
    }

    /**
     * Where a dump is damaged.
     *
     * @param offset  in the file, of the first byte that could not be used.
     * @param problem what is wrong there.
     * @param loaded  records loaded from before the damage.
     */
    public record Damage(long offset, String problem, int loaded)
    {
    }

    private static void writeFully(final FileChannel out, final ByteBuffer from) throws IOException
    {
        while (from.hasRemaining())
        {
            out.write(from);
        }
    }
}
