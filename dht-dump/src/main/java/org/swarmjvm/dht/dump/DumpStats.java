package org.swarmjvm.dht.dump;

import org.swarmjvm.support.stats.StatsLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one dump cycle did: per channel the records and bytes written (bytes counted as the original does, key +
 * value + 16 per record), the channels that failed or were skipped with the reason, and the cycle's duration. It
 * renders the cycle's {@code stats.log} line in the original dhtdump's names and the one-line summary a one-shot
 * run prints.
 */
public final class DumpStats
{
    private static final DateTimeFormatter STATS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final long startNanos = System.nanoTime();
    private final Map<String, long[]> dumped = new LinkedHashMap<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private String cycleFailure;
    private long durationNanos = -1;

    /**
     * Records a channel whose dump replaced its previous one.
     *
     * @param channel name.
     * @param records written.
     * @param bytes   written, key + value + 16 per record.
     */
    void channelDumped(final String channel, final long records, final long bytes)
    {
        dumped.put(channel, new long[]{records, bytes});
    }

    /**
     * Records a channel that was not dumped this cycle; its previous dump is untouched.
     *
     * @param channel name.
     * @param reason  one line.
     */
    void channelFailed(final String channel, final String reason)
    {
        failed.put(channel, reason);
    }

    /**
     * Records that the cycle could not even list the channels.
     *
     * @param reason one line.
     */
    void cycleFailed(final String reason)
    {
        cycleFailure = reason;
    }

    /**
     * Ends the cycle's clock.
     */
    void finish()
    {
        durationNanos = System.nanoTime() - startNanos;
    }

    /**
     * @return true when the channels were listed and every one was dumped.
     */
    public boolean isSuccess()
    {
        return null == cycleFailure && failed.isEmpty();
    }

    /**
     * @return the channels dumped, in dump order, each with {records, bytes}.
     */
    public Map<String, long[]> dumpedChannels()
    {
        return Collections.unmodifiableMap(dumped);
    }

    /**
     * @return the channels not dumped, each with the reason.
     */
    public Map<String, String> failedChannels()
    {
        return Collections.unmodifiableMap(failed);
    }

    /**
     * @return records written by the cycle.
     */
    public long records()
    {
        long records = 0;
        for (final long[] channel : dumped.values())
        {
            records += channel[0];
        }
        return records;
    }

    /**
     * @return bytes written by the cycle, key + value + 16 per record.
     */
    public long bytes()
    {
        long bytes = 0;
        for (final long[] channel : dumped.values())
        {
            bytes += channel[1];
        }
        return bytes;
    }

    /**
     * @return the cycle's duration in milliseconds.
     */
    public long durationMillis()
    {
        return (durationNanos < 0 ? System.nanoTime() - startNanos : durationNanos) / 1_000_000;
    }

    /**
     * @return why the cycle failed, one line; empty for a successful cycle.
     */
    public String failureReason()
    {
        if (null != cycleFailure)
        {
            return cycleFailure;
        }
        final StringBuilder reason = new StringBuilder();
        for (final Map.Entry<String, String> channel : failed.entrySet())
        {
            reason.append(reason.length() > 0 ? "; " : "").append("channel ").append(channel.getKey()).append(": ")
                .append(channel.getValue());
        }
        return reason.toString();
    }

    /**
     * @return e.g. {@code dumped 3 channels, 200010 records, 6400321 bytes in 1.234 s}.
     */
    public String summary()
    {
        return String.format(Locale.ROOT, "dumped %d channels, %d records, %d bytes in %.3f s",
            dumped.size(), records(), bytes(), durationMillis() / 1000.0);
    }

    /**
     * Fills a stats line with the original dhtdump's names: {@code records_written}, {@code bytes_written},
     * {@code last_time_ms}, then {@code channel/<name>/records_written} and {@code channel/<name>/bytes_written}
     * per channel dumped.
     *
     * @param line to fill.
     * @return the line.
     */
    public StatsLine appendTo(final StatsLine line)
    {
        line.add("records_written", records()).add("bytes_written", bytes()).add("last_time_ms", durationMillis());
        for (final Map.Entry<String, long[]> channel : dumped.entrySet())
        {
            line.add("channel", channel.getKey(), "records_written", channel.getValue()[0])
                .add("channel", channel.getKey(), "bytes_written", channel.getValue()[1]);
        }
        return line;
    }

    /**
     * Appends the cycle's line to {@code stats.log}: local time {@code YYYY-MM-DD HH:MM:SS,mmm}, a space, then
     * {@link #appendTo(StatsLine)}, as the original's stats log layout.
     *
     * @param file to append to; its folder is created when missing.
     * @throws IOException when the file cannot be written.
     */
    public void appendStatsLine(final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, STATS_TIME.format(LocalDateTime.now()) + ' ' + appendTo(new StatsLine()) +
            System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
