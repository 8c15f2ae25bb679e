package org.swarmjvm.node.stats;

import org.swarmjvm.support.stats.StatsLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Appends one line per interval to {@code stats.log}, in the original's layout: local time
 * {@code YYYY-MM-DD HH:MM:SS,mmm} then the {@code name:value} pairs. The node's timers
 * ({@link org.swarmjvm.node.work.NodeTimers}) call {@link #writeLine()} once per interval, on their own thread:
 * file writes never touch the poller thread.
 */
public final class StatsWriter implements AutoCloseable
{
    private static final Logger LOG = System.getLogger(StatsWriter.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final Path file;
    private final Consumer<StatsLine> source;
    private final Writer out;

    /**
     * Opens the file (creating its folder).
     *
     * @param file   to append to.
     * @param source fills each line.
     */
    public StatsWriter(final Path file, final Consumer<StatsLine> source)
    {
        this.file = file;
        this.source = source;
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open stats file " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes one line now: at each interval, and at shutdown, so the last interval is not lost.
     */
    public synchronized void writeLine()
    {
        final StatsLine line = new StatsLine();
        source.accept(line);
        try
        {
            out.write(TIME.format(LocalDateTime.now()) + ' ' + line + System.lineSeparator());
            out.flush();
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "cannot write stats to " + file + ": " + ex.getMessage());
        }
    }

    @Override
    public void close()
    {
        writeLine();
        try
        {
            out.close();
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "cannot close stats file " + file + ": " + ex.getMessage());
        }
    }
}
