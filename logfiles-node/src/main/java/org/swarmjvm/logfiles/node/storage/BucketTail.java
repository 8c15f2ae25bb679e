package org.swarmjvm.logfiles.node.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the records of a bucket file end, and what to do with the bytes after them, before anything is appended
 * (the original appended behind a damaged tail, and the reader then never saw the new records).
 * <ul>
 *   <li>{@link #soundEnd}, for crash recovery past the checkpoint's offset: the bytes there are the node's own
 *   writes since that checkpoint, so the first record that is not sound ends them. The reader's rules apply,
 *   plus: a record with an empty value is not sound (no node writes one, while a run of zero bytes, as a power
 *   loss can leave, reads as a chain of empty version 1 records with a valid parity), and optionally every key
 *   must belong to the bucket, which holds for everything a node appended itself.</li>
 *   <li>{@link #prepareForAppend}, for a file the node has no figure for (a clean stop, or a bucket the last
 *   checkpoint did not list): its bytes may be anyone's, so damage inside costs nothing but the damaged record.
 *   The reader resynchronises over it, the file keeps it, and only the bytes after the last readable record
 *   (a torn record, a damaged last record, a fragment) are cut, since a record appended behind a torn one would
 *   be read as part of it. Either way the file as found is copied aside first ({@link Quarantine}).</li>
 * </ul>
 */
final class BucketTail
{
    /** For {@link #soundEnd}: do not check that keys belong to the bucket. */
    static final long ANY_BUCKET = 1;

    private static final System.Logger LOG = System.getLogger(BucketTail.class.getName());

    private BucketTail()
    {
    }

    /**
     * @param reader      to read the file with.
     * @param file        the bucket file, at least 16 bytes long.
     * @param start       a record boundary from which to check, or 0 for the first record.
     * @param bucketStart first key of the bucket whose keys alone are sound, or {@link #ANY_BUCKET}.
     * @return the offset just past the last sound record (the data offset when there is none).
     * @throws IOException when the file cannot be read.
     */
    static long soundEnd(final BucketReader reader, final Path file, final long start, final long bucketStart)
        throws IOException
    {
        if (!reader.open(file, start))
        {
            return 0;
        }
        try
        {
            long end = reader.position();
            while (reader.next())
            {
                if (0 == reader.valueLength() ||
                    (ANY_BUCKET != bucketStart && BucketLayout.bucketStart(reader.key()) != bucketStart))
                {
                    break;
                }
                end = reader.position();
            }
            return end;
        }
        finally
        {
            reader.close();
        }
    }

    /**
     * Makes a bucket file ready for appending: reads it from {@code start} with resynchronisation; when it found
     * damage, copies the file aside (unless damage left inside the file was copied before and nothing is to be
     * cut), cuts the bytes after the last readable record, and logs one line naming the file, the offset of the
     * damage and the copy.
     *
     * @param reader   to read the file with.
     * @param file     the bucket file, at least 16 bytes long.
     * @param channel  the file, open for writing.
     * @param start    a record boundary up to which the file is known to be sound, or 0.
     * @param bucketId the bucket ({@code key >>> 12}).
     * @return the length to append at.
     * @throws IOException when the file cannot be read, copied or cut; it is then as it was.
     */
    static long prepareForAppend(final BucketReader reader, final Path file, final FileChannel channel,
        final long start, final long bucketId) throws IOException
    {
        final long size = channel.size();
        if (!reader.open(file, start, bucketId))
        {
            return size;
        }
        final long readableEnd;
        final long damage;
        final long skipped;
        try
        {
            while (reader.next())
            {
                // only the end of the last readable record and the damage met on the way count here
            }
            readableEnd = reader.position();
            damage = reader.firstDamage();
            skipped = reader.skippedBytes();
        }
        finally
        {
            reader.close();
        }
        if (damage < 0 && readableEnd == size)
        {
            return size;
        }
        final boolean cut = readableEnd < size;
        final Path earlier = Quarantine.firstCopy(file);
        final Path copy = cut || !Files.exists(earlier) ? Quarantine.copy(file) : earlier;
        if (cut)
        {
            channel.truncate(readableEnd);
            channel.force(false);
        }
        LOG.log(System.Logger.Level.WARNING, "bucket {0} is damaged at offset {1,number,#}: {2}; {3}; " +
            "the file as found is kept in {4}", file, damage < 0 ? readableEnd : damage,
            skipped > 0 ? skipped + " bytes skipped, the records after them are served" : "no record after it",
            cut ? "the " + (size - readableEnd) + " bytes after the last readable record (offset " + readableEnd +
                ") cut off, appends go there" : "nothing cut, appends go at the end",
            copy);
        return readableEnd;
    }
}
