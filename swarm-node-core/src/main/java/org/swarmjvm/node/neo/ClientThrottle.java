package org.swarmjvm.node.neo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The two token buckets of one throttled neo client name, shared by all its connections: one for new requests and
 * one for the bytes of its request messages, each filling at its rate up to one second's worth and starting full.
 * A new request starts when a request token is left and the byte bucket is not in debt; it then takes one request
 * token and its message's bytes, so a request larger than a second's worth of bytes still passes, and the debt it
 * leaves holds the next ones back until the bucket has refilled. Later messages of a running request take their
 * bytes but are never refused: the request's exchange must go on. A refused request takes nothing, so a client
 * that keeps sending over its limit still gets its limit's worth through.
 * <p>
 * Written on the poller thread alone; the refusal count is read by the stats line and the metrics page.
 */
final class ClientThrottle
{
    private static final double NANOS_PER_SECOND = 1e9;

    private final String name;
    private final ClientLimits limits;
    private final NeoThrottle owner;
    private final double requestsPerNano;
    private final double bytesPerNano;
    private final PeerEventLog refusals;
    private final AtomicLong refused = new AtomicLong();
    private double requestTokens;
    private double byteTokens;
    private long refilledAtNanos;
    /** The refusals the last stats line counted; the stats thread's. */
    private long printedRefused;

    ClientThrottle(final String name, final ClientLimits limits, final NeoThrottle owner, final long nowNanos)
    {
        this.name = name;
        this.limits = limits;
        this.owner = owner;
        this.requestsPerNano = limits.requestsPerSecond() / NANOS_PER_SECOND;
        this.bytesPerNano = limits.bytesPerSecond() / NANOS_PER_SECOND;
        this.refusals = new PeerEventLog("neo request(s) of client '" + name + "' refused (RequestNotSupported): " +
            "over its throttle of " + limits);
        this.requestTokens = limits.requestsPerSecond();
        this.byteTokens = limits.bytesPerSecond();
        this.refilledAtNanos = nowNanos;
    }

    /**
     * A request message starting a new request.
     *
     * @param messageBytes its header and body.
     * @return true when the request may start; false when it is refused (counted, and logged at most once per
     *     interval).
     */
    boolean tryStart(final int messageBytes)
    {
        final long now = owner.nowNanos();
        refill(now);
        if ((requestsPerNano > 0 && requestTokens < 1) || (bytesPerNano > 0 && byteTokens <= 0))
        {
            refused.lazySet(refused.get() + 1);
            refusals.onEvent(now);
            owner.onRefused();
            return false;
        }
        requestTokens -= 1;
        byteTokens -= messageBytes;
        return true;
    }

    /**
     * A later message of a running request: its bytes count, it is never refused.
     *
     * @param messageBytes its header and body.
     */
    void onMessage(final int messageBytes)
    {
        byteTokens -= messageBytes;
    }

    private void refill(final long nowNanos)
    {
        final long elapsed = nowNanos - refilledAtNanos;
        if (elapsed > 0)
        {
            refilledAtNanos = nowNanos;
            requestTokens = Math.min(limits.requestsPerSecond(), requestTokens + elapsed * requestsPerNano);
            byteTokens = Math.min(limits.bytesPerSecond(), byteTokens + elapsed * bytesPerNano);
        }
    }

    /**
     * Logs the refusals counted since the last line once the interval is over.
     *
     * @param nowNanos the throttle's clock.
     * @return whether refusals are still waiting for their line.
     */
    boolean onTurn(final long nowNanos)
    {
        return refusals.onTurn(nowNanos);
    }

    String name()
    {
        return name;
    }

    /**
     * @return requests refused since start.
     */
    long refused()
    {
        return refused.get();
    }

    /**
     * @return requests refused since the last call; the stats thread's.
     */
    long refusedSinceLastLine()
    {
        final long now = refused.get();
        final long since = now - printedRefused;
        printedRefused = now;
        return since;
    }
}
