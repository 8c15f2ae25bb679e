package org.swarmjvm.protocol.dht.client;

/**
 * A DHT request failed on the client side: the node could not be reached, the connection broke, the node sent
 * something unreadable, or the handshake refused the nodes. The connection involved, if any, was closed; the next
 * request opens a new one.
 */
public class DhtClientException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the node.
     */
    public DhtClientException(final String message)
    {
        super(message);
    }

    /**
     * @param message what failed, naming the node.
     * @param cause   the underlying failure.
     */
    public DhtClientException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
