package org.swarmjvm.node.request;

import org.swarmjvm.protocol.codec.RequestScanner;

/**
 * Handles one kind of request on one connection. The connection holds one preallocated instance per command code
 * and reuses it for every request of that kind, so handling a request allocates nothing.
 * <p>
 * Life of a request: the connection reads the command code, then calls {@link #decode(RequestScanner)} each time
 * more bytes arrived until the request is complete; then {@link #execute(Reply)} until it returns
 * {@link Progress#DONE}. If the connection closes before that, {@link #abort()} is called instead. All calls come
 * from the connection's poller thread.
 */
public interface RequestHandler
{
    /**
     * Decodes the request's fields, which follow the command code. Called again from the start of the fields when
     * more bytes arrived after an {@link RequestScanner#INCOMPLETE} result.
     *
     * @param scanner wrapped over the received bytes after the command code.
     * @return a {@link RequestScanner} result.
     * @throws org.swarmjvm.protocol.SwarmProtocolException when the request cannot be answered (closes the
     * connection).
     */
    int decode(RequestScanner scanner);

    /**
     * Does the request's work and writes its reply; may be called several times for streams.
     *
     * @param reply the connection's reply side.
     * @return whether the request is done.
     * @throws org.swarmjvm.protocol.SwarmProtocolException when the request breaks the protocol (closes the
     * connection).
     */
    Progress execute(Reply reply);

    /**
     * The connection closed while this request was running (the client vanished); release what it holds.
     */
    default void abort()
    {
    }

    /**
     * Whether the request, after answering {@link Progress#WAIT}, waits for work that ends by itself (a task on the
     * blocking worker), not for an event that may never come (a record to consume). A client that ends its input
     * meanwhile still has the request, and the requests it sent before hanging up, handled before the connection
     * closes, as when nothing waits.
     *
     * @return true while it waits for such work.
     */
    default boolean isWaitingForWork()
    {
        return false;
    }
}
