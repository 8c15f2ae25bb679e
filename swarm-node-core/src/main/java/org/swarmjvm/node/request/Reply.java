package org.swarmjvm.node.request;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.WireWriter;

/**
 * A connection as its request handler sees it: where the reply goes, and how to be called again later.
 */
public interface Reply
{
    /**
     * Starts writing reply fields after what is already queued for sending. Call {@link #end()} when done.
     *
     * @return a writer positioned after the queued bytes; the buffer grows as needed.
     */
    WireWriter begin();

    /**
     * Queues what was written since {@link #begin()} for sending.
     */
    void end();

    /**
     * Answers a status alone, the whole reply of most refusals and of the requests that return nothing.
     *
     * @param status to send.
     * @return {@link Progress#DONE}.
     */
    default Progress status(final SwarmStatus status)
    {
        begin().status(status);
        end();
        return Progress.DONE;
    }

    /**
     * @return bytes written but not yet sent; streams stop producing while this is high.
     */
    int pendingBytes();

    /**
     * Asks for the handler to be run again, from any thread (a notification arrived, blocking work finished).
     */
    void wake();

    /**
     * @return a number naming the connection in log lines.
     */
    long connectionId();

    /**
     * @return the peer's address as text, for log lines.
     */
    String remoteAddress();
}
