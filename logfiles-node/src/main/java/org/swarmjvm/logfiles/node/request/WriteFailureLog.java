package org.swarmjvm.logfiles.node.request;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed writes of Put and PutBatch, logged at most once a minute: an ERROR line with the cause, saying how many
 * more failed since the last line. A full disk fails writes until there is room, and a line per request would
 * bury everything else in the log.
 */
public final class WriteFailureLog
{
    private static final System.Logger LOG = System.getLogger(WriteFailureLog.class.getName());
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AtomicLong lastLine = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private final AtomicLong unlogged = new AtomicLong();

    /**
     * @param request the command that failed, as the original names it.
     * @param channel it wrote to.
     * @param cause   of the failure.
     */
    void failed(final String request, final String channel, final Throwable cause)
    {
        final long now = System.nanoTime();
        final long last = lastLine.get();
        if (now - last < INTERVAL_NANOS || !lastLine.compareAndSet(last, now))
        {
            unlogged.incrementAndGet();
            return;
        }
        final long more = unlogged.getAndSet(0);
        LOG.log(System.Logger.Level.ERROR, request + " to " + channel + " failed" +
            (0 == more ? "" : " (and " + more + " more Put and PutBatch requests since the last such line)") +
            "; the next such line comes in a minute at the earliest", cause);
    }
}
