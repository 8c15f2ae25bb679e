package org.swarmjvm.logfiles.node.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds where the sound records of a bucket file end, so that a damaged tail can be cut off before anything is
 * appended behind it (the original appended behind it, and the reader then never saw the new records).
 * <p>
 * The reader's rules apply, plus one: a record with an empty value ends the sound part, because no node ever
 * writes one (Put and PutBatch refuse empty values) while a run of zero bytes, as a power loss can leave, reads
 * as a chain of empty version 1 records with a valid parity. Optionally every key must also belong to the
 * bucket, which holds for everything a node appended itself (crash recovery checks the bytes past a checkpoint
 * that way) but not for files moved by hand, so the check is not made otherwise.
 */
final class BucketTail
{
    /** For {@link #soundEnd}: do not check that keys belong to the bucket. */
    static final long ANY_BUCKET = 1;

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
}
