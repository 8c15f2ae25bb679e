package org.swarmjvm.node.stats;

import org.agrona.ErrorHandler;

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Appends one line per interval to {@code stats.log}, in the original's layout: local time
 * {@code YYYY-MM-DD HH:MM:SS,mmm} then the {@code name:value} pairs. Runs on its own thread: file writes never
 * touch the poller thread.
 */
public final class StatsWriter implements AutoCloseable
{
    private static final Logger LOG = System.getLogger(StatsWriter.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final Path file;
    private final Consumer<StatsLine> source;
    private final ScheduledExecutorService timer;
    private final Writer out;

    /**
     * Opens the file (creating its folder) and starts the timer.
     *
     * @param file           to append to.
     * @param intervalMillis between lines.
     * @param source         fills each line.
     * @param fatal          called with an Error of a line: the timer would stop writing lines silently.
     */
    public StatsWriter(
        final Path file, final long intervalMillis, final Consumer<StatsLine> source, final ErrorHandler fatal)
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
        timer = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread thread = new Thread(r, "stats");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> writeScheduledLine(fatal), intervalMillis, intervalMillis,
            TimeUnit.MILLISECONDS);
    }

    /**
     * A scheduled task that throws is never run again: one failed line must not end the stats.
     */
    private void writeScheduledLine(final ErrorHandler fatal)
    {
        try
        {
            writeLine();
        }
        catch (final RuntimeException ex)
        {
            LOG.log(Level.WARNING, "stats line failed", ex);
        }
        catch (final Error error)
        {
            fatal.onError(error);
        }
    }

    /**
     * Writes one line now (also used at shutdown, so the last interval is not lost).
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
        timer.shutdownNow();
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
