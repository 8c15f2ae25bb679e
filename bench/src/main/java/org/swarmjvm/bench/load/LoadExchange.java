package org.swarmjvm.bench.load;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One simulated client of a closed-loop workload as an {@link EventLoopClients} drives it: the exchange writes its
 * next request and recognises the reply, the loop does the socket I/O. With pipelining, up to
 * {@link MeasureOptions#pipeline} requests are written before the first reply is read: an exchange remembers what it
 * asked, and each reply answers the oldest request not yet answered.
 */
interface LoadExchange
{
    /** What {@link #readReply} answers while the reply has not fully arrived. */
    long INCOMPLETE = -2;

    /**
     * Writes the next request.
     *
     * @param buffer to write it into, from offset 0.
     * @return the request's length.
     */
    int writeRequest(MutableDirectBuffer buffer);

    /**
     * Looks at what has arrived of the reply to the oldest request not yet answered.
     *
     * @param buffer holding the bytes received after the previous reply, from offset 0.
     * @param length of those bytes.
     * @return {@link #INCOMPLETE}, or, once the reply is whole, the payload bytes it moved or
     * {@link LoadSession#MISS}.
     * @throws IllegalStateException when the reply is not what the request expects.
     */
    long readReply(DirectBuffer buffer, int length);

    /**
     * @return bytes of the reply that {@link #readReply} last found whole.
     */
    int replyLength();

    /**
     * Makes one simulated client.
     */
    @FunctionalInterface
    interface Factory
    {
        /**
         * @param index of the client, from 0.
         * @return the client's exchange.
         */
        LoadExchange create(int index);
    }
}
