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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DHT node's {@code data_dir}: {@code <channel>.tcm} per channel, the older generations {@code <channel>.tcm.1}
 * … a dump may keep, the change logs {@code <channel>.tcl.<sequence>} of dht-dump's continuous mode, replayed in
 * sequence order after the channel's dump, and {@code deleted/} for removed channels' files. Shared by the node
 * (RemoveChannel, loading) and dht-dump (channels gone from the node, its logs), so both name and move files the
 * same way.
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
     * @param channel  name.
     * @param sequence of the log, at least 0.
     * @return where the channel's change log of that sequence number lives.
     */
    public Path changeLog(final String channel, final long sequence)
    {
        return path.resolve(channel + ChangeLogDescriptor.INFIX + sequence);
    }

    /**
     * @param channel name.
     * @return the channel's change logs, oldest (lowest sequence number) first: the order to replay them in.
     */
    public List<Path> changeLogs(final String channel)
    {
        final List<Path> logs = changeLogsByChannel().get(channel);
        return null == logs ? List.of() : logs;
    }

    /**
     * @return every channel that has change logs, by name, each with its logs oldest first.
     */
    public Map<String, List<Path>> changeLogsByChannel()
    {
        final Map<String, TreeMap<Long, Path>> found = new TreeMap<>();
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(path, "*" + ChangeLogDescriptor.INFIX + "*"))
        {
            for (final Path log : logs)
            {
                final String name = log.getFileName().toString();
                final int infix = name.lastIndexOf(ChangeLogDescriptor.INFIX);
                final String sequence = name.substring(infix + ChangeLogDescriptor.INFIX.length());
                if (infix > 0 && isGenerationNumber(sequence) && sequence.length() < 19)
                {
                    found.computeIfAbsent(name.substring(0, infix), channel -> new TreeMap<>())
                        .put(Long.parseLong(sequence), log);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list the change logs in " + path + ": " + ex.getMessage(), ex);
        }
        final Map<String, List<Path>> byChannel = new TreeMap<>();
        found.forEach((channel, logs) -> byChannel.put(channel, new ArrayList<>(logs.values())));
        return byChannel;
    }

    /**
     * Deletes change logs oldest first, so that a crash in the middle leaves a suffix of them: replaying a suffix
     * after a dump that already holds the deleted ones gives the same records.
     *
     * @param logs to delete, oldest first, as {@link #changeLogs(String)} lists them.
     * @throws IOException when one cannot be deleted; the newer ones are then kept.
     */
    public void deleteChangeLogs(final List<Path> logs) throws IOException
    {
        for (final Path log : logs)
        {
            Files.deleteIfExists(log);
        }
        if (!logs.isEmpty())
        {
            TcmWriter.forceDirectory(path);
        }
    }

    /**
     * @param fileName a name in the folder.
     * @return true for a change log {@code <channel>.tcl.<sequence>}.
     */
    public static boolean isChangeLog(final String fileName)
    {
        final int infix = fileName.lastIndexOf(ChangeLogDescriptor.INFIX);
        return infix > 0 && isGenerationNumber(fileName.substring(infix + ChangeLogDescriptor.INFIX.length()));
    }

    /**
     * Moves a removed channel's change logs, its dump and its older generations {@code <channel>.tcm.<n>} if any, to
     * {@code deleted/}, replacing older ones there. Failures are logged, never thrown. Blocking: a node runs it on
     * its worker.
     *
     * @param channel name.
     */
    public void moveToDeleted(final String channel)
    {
        // The logs first: a crash before the dump is moved then reloads the dump alone, as it would without logs.
        try
        {
            for (final Path log : changeLogs(channel))
            {
                move(channel, log);
            }
        }
        catch (final UncheckedIOException ex)
        {
            LOG.log(Level.ERROR, "cannot list the change logs of removed channel " + channel + " in " + path, ex);
        }
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
