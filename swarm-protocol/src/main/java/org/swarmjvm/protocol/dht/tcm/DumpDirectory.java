package org.swarmjvm.protocol.dht.tcm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
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
