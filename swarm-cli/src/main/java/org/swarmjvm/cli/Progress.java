package org.swarmjvm.cli;

import java.io.PrintWriter;

/**
 * The running count and rate of a long stream on standard error, redrawn in place about once a second; for a
 * transfer of a known size ({@link #Progress(PrintWriter, boolean, String, long, long)}) also the bytes, the share
 * done and the time left. Silent unless enabled (by default when standard error is a terminal, which
 * {@code scripts/swarm} tells the JVM through the system property {@value #TTY_PROPERTY}).
 */
public final class Progress
{
    /** System property set to {@code true} when standard error is a terminal. */
    public static final String TTY_PROPERTY = "swarm.stderr.tty";
    private static final long REDRAW_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final String what;
    private final long startNanos = System.nanoTime();
    private long nextRedrawNanos = startNanos + REDRAW_NANOS;
    private final long expectedCount;
    private final long expectedBytes;
    private long count;
    private long bytes;

    /**
     * @param err     standard error.
     * @param enabled whether to print.
     * @param what    the things counted, such as "records".
     */
    public Progress(final PrintWriter err, final boolean enabled, final String what)
    {
        this(err, enabled, what, 0, 0);
    }

    /**
     * A transfer of a known size, counted with {@link #advance(long, long)}.
     *
     * @param err           standard error.
     * @param enabled       whether to print.
     * @param what          the things counted, such as "records".
     * @param expectedCount of the things to transfer (an estimate is fine), for the share done and time left.
     * @param expectedBytes to transfer.
     */
    public Progress(final PrintWriter err, final boolean enabled, final String what, final long expectedCount,
        final long expectedBytes)
    {
        this.err = err;
        this.enabled = enabled;
        this.what = what;
        this.expectedCount = expectedCount;
        this.expectedBytes = expectedBytes;
    }

    /**
     * @param forced {@code true} or {@code false} from the command line, {@code null} when not given.
     * @return whether progress prints: as forced, else whether standard error is a terminal (as the wrapper
     * script says; without it, whether the JVM has a console).
     */
    public static boolean enabled(final Boolean forced)
    {
        if (null != forced)
        {
            return forced;
        }
        final String tty = System.getProperty(TTY_PROPERTY);
        // Without the wrapper's word, a console (stdin and stdout on a terminal) is the best guess the JDK offers.
        return null != tty ? Boolean.parseBoolean(tty) : null != System.console();
    }

    /**
     * @return whether this progress prints.
     */
    public boolean isEnabled()
    {
        return enabled;
    }

    /**
     * Counts one more; redraws when a second has passed.
     */
    public void increment()
    {
        count++;
        if (enabled)
        {
            final long now = System.nanoTime();
            if (now >= nextRedrawNanos)
            {
                nextRedrawNanos = now + REDRAW_NANOS;
                err.print("\r" + count + " " + what + ", " + rate(now) + " " + what + "/s ");
                err.flush();
            }
        }
    }

    /**
     * Counts a part of a transfer; redraws when a second has passed: count and bytes done of expected, rates,
     * time left at the rate so far.
     *
     * @param moreCount transferred since the last call.
     * @param moreBytes transferred since the last call.
     */
    public void advance(final long moreCount, final long moreBytes)
    {
        count += moreCount;
        bytes += moreBytes;
        if (enabled)
        {
            final long now = System.nanoTime();
            if (now >= nextRedrawNanos)
            {
                nextRedrawNanos = now + REDRAW_NANOS;
                final double seconds = Math.max(1, now - startNanos) / 1e9;
                final double left = count > 0 ? Math.max(0, expectedCount - count) * seconds / count : 0;
                err.printf("\r%d/%d %s, %.1f/%.1f MB, %d %s/s, %.1f MB/s, ETA %.0f s ", count, expectedCount, what,
                    bytes / 1e6, expectedBytes / 1e6, rate(now), what, bytes / 1e6 / seconds, left);
                err.flush();
            }
        }
    }

    /**
     * @return bytes counted so far by {@link #advance(long, long)}.
     */
    public long bytes()
    {
        return bytes;
    }

    /**
     * @return counted so far.
     */
    public long count()
    {
        return count;
    }

    /**
     * Prints the final count, time and rate on a line of its own.
     */
    public void finish()
    {
        if (enabled)
        {
            final long now = System.nanoTime();
            err.printf("\r%d %s in %.1f s, %d %s/s%n", count, what, (now - startNanos) / 1e9, rate(now), what);
            err.flush();
        }
    }

    private long rate(final long now)
    {
        final long elapsed = Math.max(1, now - startNanos);
        return (long)(count * 1e9 / elapsed);
    }
}
