package org.swarmjvm.node.neo;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * One operator line for a kind of event a peer can trigger at will (a handshake deadline, a shed or declined
 * connection, a throttled client's refused request): the first event after a quiet interval is logged at once, the
 * next ones are counted and logged together once the interval is over, so a flood writes a line every 10 s, not one
 * each. Used on the poller thread only.
 */
final class PeerEventLog
{
    private static final Logger LOG = System.getLogger(NeoProtocol.class.getName());
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String what;
    private long unlogged;
    private long total;
    private long loggedAtNanos;
    private boolean logged;

    /**
     * @param what the event, completing "N ...", e.g. "neo connection(s) declined: ...".
     */
    PeerEventLog(final String what)
    {
        this.what = what;
    }

    void onEvent(final long nowNanos)
    {
        unlogged++;
        total++;
        if (!logged || nowNanos - loggedAtNanos >= INTERVAL_NANOS)
        {
            log(nowNanos);
        }
    }

    /**
     * Logs what was counted since the last line once the interval is over; call it on every poller turn.
     *
     * @return whether events are still waiting for their line.
     */
    boolean onTurn(final long nowNanos)
    {
        if (0 != unlogged && nowNanos - loggedAtNanos >= INTERVAL_NANOS)
        {
            log(nowNanos);
        }
        return 0 != unlogged;
    }

    private void log(final long nowNanos)
    {
        LOG.log(Level.WARNING, "{0,number,#} {1} ({2,number,#} since start)", unlogged, what, total);
        unlogged = 0;
        logged = true;
        loggedAtNanos = nowNanos;
    }
}
