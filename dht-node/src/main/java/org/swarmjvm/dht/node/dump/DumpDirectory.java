package org.swarmjvm.dht.node.dump;

import org.swarmjvm.protocol.dht.tcm.TcmWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The node's {@code data_dir}: {@code <channel>.tcm} per channel and {@code deleted/} for removed channels' files.
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
     * @param channel name.
     * @return where the channel's dump lives.
     */
    public Path dumpFile(final String channel)
    {
        return path.resolve(channel + TcmWriter.SUFFIX);
    }

    /**
     * Moves a removed channel's dump to {@code deleted/}, replacing an older one there. Blocking: run it on the
     * worker.
     *
     * @param channel name.
     */
    public void moveToDeleted(final String channel)
    {
        final Path file = dumpFile(channel);
        if (!Files.exists(file))
        {
            return;
        }
        final Path target = path.resolve(DELETED_FOLDER).resolve(file.getFileName());
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
}
