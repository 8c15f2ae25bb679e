package org.swarmjvm.node.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures the log records of a test: a {@link Handler} on the root logger from construction to {@link #close()}.
 * Messages are formatted as the console would show them, so assertions read like the operator's log.
 */
public final class LogCapture extends Handler implements AutoCloseable
{
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    /**
     * Attaches the capture to the root logger.
     */
    public LogCapture()
    {
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public void publish(final LogRecord record)
    {
        records.add(record);
    }

    @Override
    public void flush()
    {
    }

    @Override
    public void close()
    {
        root.removeHandler(this);
    }

    /**
     * Forgets what was captured so far.
     */
    public void clear()
    {
        records.clear();
    }

    /**
     * @param level    the least severe level counted.
     * @param fragment text the formatted message must contain.
     * @return how many captured records match.
     */
    public long count(final Level level, final String fragment)
    {
        return records.stream()
            .filter(r -> r.getLevel().intValue() >= level.intValue() && format(r).contains(fragment))
            .count();
    }

    /**
     * @param level the least severe level kept.
     * @return the formatted messages at that level or above.
     */
    public List<String> messagesAtLeast(final Level level)
    {
        return records.stream()
            .filter(r -> r.getLevel().intValue() >= level.intValue())
            .map(r -> r.getLevel() + " " + format(r))
            .collect(Collectors.toList());
    }

    /**
     * Polls until a record at {@code level} or above contains {@code fragment}.
     *
     * @param level    the least severe level accepted.
     * @param fragment text the formatted message must contain.
     */
    public void awaitRecord(final Level level, final String fragment)
    {
        Await.until("a " + level + " log line containing \"" + fragment + "\" (captured: " + this + ")",
            () -> count(level, fragment) > 0, Duration.ofSeconds(5));
    }

    @Override
    public String toString()
    {
        return messagesAtLeast(Level.INFO).toString();
    }

    private static String format(final LogRecord record)
    {
        final String message = new java.util.logging.SimpleFormatter().formatMessage(record);
        return null == record.getThrown() ? message : message + " " + record.getThrown();
    }
}
