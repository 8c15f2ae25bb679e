package org.swarmjvm.queue.node.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file the node writes at shutdown (a ring's {@code .rq} dump, the overflow index) without ever leaving
 * a partial one: the content goes to {@code <file>.tmp}, is forced, and is renamed over the file; when anything
 * fails the temporary file is removed and the old file stays as it was, so a full disk costs the new content only.
 */
final class FileReplacement
{
    /** Added to the name of a file while it is written. */
    static final String TEMPORARY_SUFFIX = ".tmp";

    /** Writes the content of a file being replaced. */
    @FunctionalInterface
    interface Content
    {
        /**
         * @param out the temporary file, empty; forced and closed by the caller.
         * @throws IOException when writing fails.
         */
        void writeTo(FileChannel out) throws IOException;
    }

    private FileReplacement()
    {
    }

    /**
     * @param file    replaced by the content, or left as it was.
     * @param content writes the new content.
     * @throws QueueStorageException naming the file and the cause.
     */
    static void replace(final Path file, final Content content)
    {
        final Path temporary = file.resolveSibling(file.getFileName() + TEMPORARY_SUFFIX);
        try
        {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                content.writeTo(out);
                out.force(true);
            }
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
}
