package org.swarmjvm.node.net;

import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connection slot of a {@link Listener}'s pool: opened on an accepted socket, closed, and opened again on a later
 * one, its buffers kept. A slot hands itself back with {@link Listener#release(PooledConnection)} when it closes,
 * having given back what it held beyond its initial buffers, so that it opens as a new connection.
 */
public interface PooledConnection extends SelectionHandler
{
    /**
     * Starts serving an accepted socket, on the poller thread.
     *
     * @param channel       the socket, non-blocking and registered.
     * @param key           its key in the poller's selector, reading, with this slot attached.
     * @param id            of the connection, for the log.
     * @param remoteAddress of the peer, for the log.
     */
    void open(SocketChannel channel, SelectionKey key, long id, String remoteAddress);

    /**
     * Closes the connection if it is open, and releases the slot; does nothing on a closed one.
     *
     * @param level  of the log line.
     * @param reason for the log line.
     */
    void close(Level level, String reason);
}
