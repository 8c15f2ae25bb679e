package org.swarmjvm.node.net;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.util.concurrent.TimeUnit;

/**
 * What a listener does when {@code accept} fails, e.g. with no file descriptors left: the connection stays in the
 * backlog and the listening socket stays ready, so a poller that kept accepting would spin on it and log on every
 * turn. Accepting pauses for a moment instead, and the failures are logged at most once per interval with their
 * count.
 */
public final class AcceptPause
{
    private static final Logger LOG = System.getLogger(AcceptPause.class.getName());
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String listener;
    private long pausedUntilNanos;
    private long unloggedFailures;
    private long loggedAtNanos;
    private boolean logged;

    /**
     * @param listener named in the log line, e.g. {@code accept} or {@code neo accept}.
     */
    public AcceptPause(final String listener)
    {
        this.listener = listener;
    }

    /**
     * Stops selecting the listening socket for accepts for a moment and logs the failure when due.
     *
     * @param acceptKey the listening socket's key.
     * @param failure   what {@code accept} threw.
     */
    public void onFailure(final SelectionKey acceptKey, final IOException failure)
    {
        final long now = System.nanoTime();
        acceptKey.interestOps(0);
        pausedUntilNanos = now + PAUSE_NANOS;
        unloggedFailures++;
        if (!logged || now - loggedAtNanos >= LOG_INTERVAL_NANOS)
        {
            LOG.log(Level.WARNING, listener + " failed " + unloggedFailures + " time(s) since the last such line: " +
                failure.getMessage() + "; new connections wait in the backlog, retried every 100 ms");
            logged = true;
            loggedAtNanos = now;
            unloggedFailures = 0;
        }
    }

    /**
     * Selects the listening socket for accepts again once the pause is over; call it on every poller turn.
     *
     * @param acceptKey the listening socket's key.
     */
    public void resumeWhenDue(final SelectionKey acceptKey)
    {
        if (0 == acceptKey.interestOps() && acceptKey.isValid() && System.nanoTime() - pausedUntilNanos >= 0)
        {
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
    }
}
