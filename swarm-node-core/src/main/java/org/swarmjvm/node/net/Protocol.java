package org.swarmjvm.node.net;

/**
 * A protocol served by the node on a port of its own (legacy, neo): what its {@link Listener} asks it when it
 * accepts, and its part of every turn of the {@link Poller}. The listener owns the listening socket, the accept
 * pause, the socket options and the pool of connection slots; the protocol decides which connections it admits
 * and what its connections do. Adding a protocol is implementing this and its connection, then listening on it
 * with {@link Poller#listen}.
 *
 * @param <C> the protocol's connection slot.
 */
public interface Protocol<C extends PooledConnection>
{
    /**
     * @return the protocol's name in log lines ({@code neo}), or the empty string for the legacy protocol, whose
     * lines never named it.
     */
    String logName();

    /**
     * Makes a new slot, when the pool has no free one.
     *
     * @return the slot, closed.
     */
    C newConnection();

    /**
     * Decides on an accepted socket before a slot is taken for it: the protocol's connection limit.
     *
     * @param nowNanos        {@link System#nanoTime()} of the accept.
     * @param openConnections slots of this listener open now.
     * @return false to close the socket at once (the protocol counted and logged why).
     */
    boolean admit(long nowNanos, int openConnections);

    /**
     * A slot was opened on an admitted socket.
     *
     * @param connection the slot.
     * @param nowNanos   {@link System#nanoTime()} of the accept.
     */
    void onOpened(C connection, long nowNanos);

    /**
     * The protocol's part of a poller turn, after the ready keys were handled: wake-ups, deadlines, the replies of
     * the turn.
     *
     * @return work done, 0 for none.
     */
    int doWork();

    /**
     * The node stops, after every connection was closed: close what the protocol holds besides its connections
     * (nothing, unless it overrides this).
     */
    default void close()
    {
    }
}
