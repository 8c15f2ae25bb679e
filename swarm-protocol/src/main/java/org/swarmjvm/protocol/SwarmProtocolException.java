package org.swarmjvm.protocol;

/**
 * A violation of the wire protocol: the peer sent something that cannot be answered with a status, so the
 * connection is closed (the legacy nodes and clients do the same). The message says what was wrong.
 */
public class SwarmProtocolException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the peer sent that violated the protocol.
     */
    public SwarmProtocolException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong.
     * @param cause   the underlying failure.
     */
    public SwarmProtocolException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
