package org.swarmjvm.node.neo;

import org.swarmjvm.node.NodeServices;

/**
 * What a kind of node plugs into the neo listener: its neo requests. The core handles the handshake,
 * authentication, framing, request ids and the supported/version status; the engine handles what follows.
 */
public interface NeoEngine
{
    /**
     * @return the name of every request code, indexed by code; {@code null} marks an unknown code.
     */
    String[] requestNames();

    /**
     * @param code a code with a name.
     * @return the one version of that request the node serves.
     */
    int requestVersion(int code);

    /**
     * @param code a code with a name.
     * @return whether the stats line carries the handled-time figures of that request (the mean and its buckets);
     *     spec neo.md 10 names them per node: the single-record requests, not the streams.
     */
    default boolean isTimed(final int code)
    {
        return false;
    }

    /**
     * Creates a request handler; handlers are pooled per connection and reused.
     *
     * @param code     the request code.
     * @param services node-wide services.
     * @return a new handler.
     */
    NeoRequest newRequest(int code, NodeServices services);

    /**
     * Called on the poller thread on every cycle (at least every 100 ms), for timers.
     *
     * @param nowNanos {@link System#nanoTime()}.
     * @return work done.
     */
    default int doWork(final long nowNanos)
    {
        return 0;
    }
}
