package org.swarmjvm.cli;

import java.io.PrintWriter;

/**
 * The running count and rate of a long stream on standard error, redrawn in place about once a second; silent
 * unless enabled (by default when standard error is a terminal, which {@code scripts/swarm} tells the JVM through
 * the system property {@value #TTY_PROPERTY}).
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
    private long count;

    /**
     * @param err     standard error.
     * @param enabled whether to print.
     * @param what    the things counted, such as "records".
     */
    public Progress(final PrintWriter err, final boolean enabled, final String what)
    {
        this.err = err;
        this.enabled = enabled;
        this.what = what;
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
