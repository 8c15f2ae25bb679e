package org.swarmjvm.protocol.dht.tcm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A DHT node's {@code data_dir}: {@code <channel>.tcm} per channel, the older generations {@code <channel>.tcm.1}
 * … a dump may keep, and {@code deleted/} for removed channels' files. Shared by the node (RemoveChannel) and
 * dht-dump (channels gone from the node), so both move files the same way.
 */
public final class DumpDirectory
{
    /** Folder for the dumps of removed channels, so they are not loaded again. */
    public static final String DELETED_FOLDER = "deleted";

    private static final Logger LOG = System.getLogger(DumpDirectory.class.getName());

    private final Path path;

    /**
     * Creates the folder and its {@code deleted/} folder when missing.
     *
     * @param path of {@code data_dir}.
     */
    public DumpDirectory(final Path path)
    {
        this.path = path;
        try
        {
            Files.createDirectories(path.resolve(DELETED_FOLDER));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create data directory " + path + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the folder.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return the {@code deleted/} folder.
     */
    public Path deletedFolder()
    {
        return path.resolve(DELETED_FOLDER);
    }

    /**
     * @param channel name.
     * @return where the channel's dump lives.
     */
    public Path dumpFile(final String channel)
    {
        return path.resolve(channel + TcmWriter.SUFFIX);
    }

    /**
     * Moves a removed channel's dump, and its older generations {@code <channel>.tcm.<n>} if any, to
     * {@code deleted/}, replacing older ones there. Failures are logged, never thrown. Blocking: a node runs it on
     * its worker.
     *
     * @param channel name.
     */
    public void moveToDeleted(final String channel)
    {
        final Path file = dumpFile(channel);
        if (Files.exists(file))
        {
            move(channel, file);
        }
        final String generationPrefix = file.getFileName() + ".";
        try (DirectoryStream<Path> generations = Files.newDirectoryStream(path, generationPrefix + "*"))
        {
            for (final Path generation : generations)
            {
                if (isGenerationNumber(generation.getFileName().toString().substring(generationPrefix.length())))
                {
                    move(channel, generation);
                }
            }
        }
        catch (final IOException ex)
        {
            LOG.log(Level.ERROR, "cannot list older dumps of removed channel " + channel + " in " + path, ex);
        }
    }

    /**
     * Deletes the temporary dump files ({@code *.dumping}) no writer holds any more, those of a killed dht-dump or
     * node, logging each; a dump being written meanwhile, by this process or the node beside it, is left alone.
     * Failures are logged, never thrown.
     *
     * @return the files deleted.
     */
    public int removeStaleTemporaryFiles()
    {
        int removed = 0;
        try (DirectoryStream<Path> temporary = Files.newDirectoryStream(path, "*" + TcmWriter.TEMP_SUFFIX))
        {
            for (final Path file : temporary)
            {
                removed += removeIfStale(file) ? 1 : 0;
            }
        }
        catch (final IOException ex)
        {
            LOG.log(Level.ERROR, "cannot list the temporary dump files in " + path, ex);
        }
        return removed;
    }

    /**
     * @param fileName a name in the folder.
     * @return true for an older generation {@code <channel>.tcm.<n>} that dht-dump keeps.
     */
    public static boolean isGeneration(final String fileName)
    {
        final int suffix = fileName.lastIndexOf(TcmWriter.SUFFIX + ".");
        return suffix > 0 && isGenerationNumber(fileName.substring(suffix + TcmWriter.SUFFIX.length() + 1));
    }

    private static boolean removeIfStale(final Path file)
    {
        try (FileChannel stale = TcmWriter.lockIfStale(file))
        {
            if (null == stale)
            {
                return false;
            }
            Files.delete(file);
            LOG.log(Level.INFO, "deleted {0}: a dump left unfinished by a process that was killed", file);
            return true;
        }
        catch (final IOException ex)
        {
            LOG.log(Level.ERROR, "cannot delete the unfinished dump " + file, ex);
            return false;
        }
    }

    private void move(final String channel, final Path file)
    {
        final Path target = deletedFolder().resolve(file.getFileName());
        try
        {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(Level.INFO, "dump of removed channel {0} moved to {1}", channel, target);
        }
        catch (final IOException ex)
        {
            LOG.log(Level.ERROR, "cannot move dump of removed channel " + channel + " to " + target +
                ": it will be loaded again at the next start", ex);
        }
    }

    private static boolean isGenerationNumber(final String suffix)
    {
        if (suffix.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++)
        {
            if (suffix.charAt(i) < '0' || suffix.charAt(i) > '9')
            {
                return false;
            }
        }
        return true;
    }
}
