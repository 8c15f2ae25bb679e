package org.swarmjvm.node.net;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node-wide budget of read-buffer bytes that connections hold beyond the small buffer each starts with, legacy
 * and neo alike: the memory of requests and messages larger than that buffer; and of their replies waiting to be
 * sent, beyond each connection's first write buffer (see {@link OutputBuffer}). A connection's buffer grows only
 * when the bytes that arrived fill it (doubling, up to what the request needs), never to a length the peer merely
 * declared, and each growth is reserved here first; a connection whose growth does not fit is closed.
 * Without such a node-wide bound, every connection could hold a request at the protocol's limit at once: 800
 * connections declaring 10 MiB each took the process past its direct-memory limit.
 * <p>
 * Reserved and released on the poller thread; read from any thread (stats, metrics, tests).
 */
public final class RequestMemory
{
    private static final Logger LOG = System.getLogger(RequestMemory.class.getName());
    /** A peer can make the node refuse as often as it likes: one log line per interval at most. */
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private long lastLogNanos;
    private long refusalsLogged;

    /**
     * @param limit most bytes held at once.
     */
    public RequestMemory(final long limit)
    {
        this.limit = limit;
    }

    /**
     * Reserves room for a buffer to grow.
     *
     * @param bytes the growth.
     * @return false when it does not fit in the limit (nothing is reserved then).
     */
    public boolean tryReserve(final long bytes)
    {
        long current;
        do
        {
            current = used.get();
            if (current + bytes > limit)
            {
                return false;
            }
        }
        while (!used.compareAndSet(current, current + bytes));
        return true;
    }

    /**
     * Gives back what a buffer held beyond its initial size.
     *
     * @param bytes as reserved before.
     */
    public void release(final long bytes)
    {
        used.addAndGet(-bytes);
    }

    /**
     * Counts a connection closed because its request did not fit, and logs it, one line per interval with the
     * number of refusals since the last line.
     *
     * @param connection names the connection, its peer and its request.
     * @param wanted     bytes the buffer needed to grow by.
     * @param cause      of the refusal when it is not the limit (the JVM's own direct-memory limit), or null.
     */
    public void onRefused(final String connection, final long wanted, final OutOfMemoryError cause)
    {
        if (!countRefusal())
        {
            return;
        }
        final String why = null == cause ? "request memory limit of " + limit + " bytes reached (" + used.get() +
            " held)" : "direct memory exhausted (" + cause.getMessage() + ", " + used.get() + " bytes held)";
        LOG.log(Level.WARNING, why + ": closed " + connection + ", which needed " + wanted + " bytes more; " +
            refusalsSinceLine() + " refusals since the last such line (see [Server] request_memory_limit)");
    }

    /**
     * Counts a request answered with its error because what it would hold does not fit (a neo GetAll's keys), and
     * logs it as {@link #onRefused} does, in the same lines' rate.
     *
     * @param request names the request, its connection and its peer.
     * @param wanted  bytes it needed beyond what it held.
     */
    public void onRequestRefused(final String request, final long wanted)
    {
        if (countRefusal())
        {
            LOG.log(Level.WARNING, "request memory limit of " + limit + " bytes reached (" + used.get() +
                " held): refused " + request + ", which needed " + wanted + " bytes more; " + refusalsSinceLine() +
                " refusals since the last such line (see [Server] request_memory_limit)");
        }
    }

    /**
     * @return true when this refusal is to be logged: the first, or the first after an interval.
     */
    private boolean countRefusal()
    {
        final long refused = refusals.incrementAndGet();
        final long now = System.nanoTime();
        if (1 != refused && now - lastLogNanos < LOG_INTERVAL_NANOS)
        {
            return false;
        }
        lastLogNanos = now;
        return true;
    }

    private long refusalsSinceLine()
    {
        final long refused = refusals.get();
        final long since = refused - refusalsLogged;
        refusalsLogged = refused;
        return since;
    }

    /**
     * @return bytes held now.
     */
    public long used()
    {
        return used.get();
    }

    /**
     * @return most bytes held at once.
     */
    public long limit()
    {
        return limit;
    }

    /**
     * @return connections closed, and requests refused, so far because what they needed did not fit.
     */
    public long refusals()
    {
        return refusals.get();
    }
}
