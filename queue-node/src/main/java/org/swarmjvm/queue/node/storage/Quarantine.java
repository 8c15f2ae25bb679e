package org.swarmjvm.queue.node.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where damaged files go instead of being deleted: {@code <data_dir>/quarantine/<start time, UTC>/}, one folder
 * per start that found damage, each file under its own name (a ring file and a dump never share one), so a file
 * kept from an earlier start is never overwritten and the longest file name of a storage stays its dump's
 * temporary file. The node never reads this folder again; the operator inspects and removes it.
 */
final class Quarantine
{
    private static final DateTimeFormatter FOLDER_NAME =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path root;
    private Path folder;
    private int files;

    /**
     * @param dataDirectory the node's data directory.
     */
    Quarantine(final Path dataDirectory)
    {
        this.root = dataDirectory.resolve(QueueStore.QUARANTINE_DIRECTORY);
    }

    /**
     * Moves a damaged file into this start's folder.
     *
     * @param file to keep; must no longer be mapped or open.
     * @return where it is now.
     * @throws QueueStorageException when it cannot be moved: the node must not go on as if it were deleted.
     */
    Path move(final Path file)
    {
        try
        {
            final Path target = folder().resolve(file.getFileName());
            Files.move(file, target);
            files++;
            return target;
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot move the damaged file " + file + " to " + root + ": " + ex, ex);
        }
    }

    /**
     * @return the files moved so far.
     */
    int files()
    {
        return files;
    }

    /**
     * @return this start's folder, or {@code null} when nothing was moved.
     */
    Path usedFolder()
    {
        return folder;
    }

    private Path folder() throws IOException
    {
        if (null == folder)
        {
            final String name = FOLDER_NAME.format(Instant.now());
            Path candidate = root.resolve(name);
            for (int n = 2; Files.exists(candidate); n++)
            {
                candidate = root.resolve(name + "-" + n);
            }
            folder = Files.createDirectories(candidate);
        }
        return folder;
    }
}
