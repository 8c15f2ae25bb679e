package org.swarmjvm.logfiles.node.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Copies of damaged bucket files, kept beside them: {@code <bucket>.bad}, or {@code <bucket>.bad.1},
 * {@code .bad.2}, ... when that name is taken. The node never removes bytes from a bucket without a copy of the
 * whole file as it found it: before it cuts a torn tail (crash recovery, or before appending behind the last
 * readable record) and before it first appends to a file with damage inside; Redistribute keeps a damaged bucket
 * it moved under such a name instead of deleting it. Scans and the node's own appends
 * never look at these names (a bucket is exactly three hex digits), so a copy stays until the operator removes it
 * or the channel is removed.
 */
public final class Quarantine
{
    /** Suffix of a copy. */
    static final String SUFFIX = ".bad";

    private Quarantine()
    {
    }

    /**
     * @param bucket a bucket file.
     * @return its first copy's name, whether it exists or not.
     */
    static Path firstCopy(final Path bucket)
    {
        return bucket.resolveSibling(bucket.getFileName() + SUFFIX);
    }

    /**
     * Copies the whole file under the first free copy name and makes the copy durable before the caller changes
     * the original.
     *
     * @param bucket a bucket file.
     * @return the copy.
     * @throws IOException when the copy cannot be written; the caller must then leave the original as it is.
     */
    static Path copy(final Path bucket) throws IOException
    {
        final Path copy = freeName(bucket);
        Files.copy(bucket, copy);
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE))
        {
            channel.force(true);
        }
        Checkpoint.forceDirectory(bucket.getParent());
        return copy;
    }

    /**
     * Renames a file that holds a bucket's damaged bytes, such as a bucket detached for Redistribute, to the
     * bucket's first free copy name, so that they outlive the bucket.
     *
     * @param file   the file to keep.
     * @param bucket the bucket file it belongs to.
     * @return the new name.
     * @throws IOException when the rename fails.
     */
    public static Path moveAside(final Path file, final Path bucket) throws IOException
    {
        final Path copy = freeName(bucket);
        Files.move(file, copy, StandardCopyOption.ATOMIC_MOVE);
        Checkpoint.forceDirectory(bucket.getParent());
        return copy;
    }

    private static Path freeName(final Path bucket)
    {
        Path copy = firstCopy(bucket);
        for (int n = 1; Files.exists(copy); n++)
        {
            copy = bucket.resolveSibling(bucket.getFileName() + SUFFIX + '.' + n);
        }
        return copy;
    }
}
