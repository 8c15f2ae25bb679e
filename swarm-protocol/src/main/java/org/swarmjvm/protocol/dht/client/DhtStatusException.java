package org.swarmjvm.protocol.dht.client;

import org.swarmjvm.protocol.SwarmStatus;

/**
 * A node answered a request with a status other than 200. For 500 and unknown codes the client closed the
 * connection (the legacy client's "fatal" action); for the other statuses the connection stays usable.
 */
public class DhtStatusException extends DhtClientException
{
    private static final long serialVersionUID = 1L;

    /** The status code the node answered, kept even when {@link SwarmStatus} has no name for it. */
    private final int code;
    /** Whether the client closed the connection: the caller knows whether its next request needs a new one. */
    private final boolean connectionClosed;

    /**
     * @param node             that answered.
     * @param command          the request's command label.
     * @param code             the status code received.
     * @param connectionClosed whether the client closed the connection because of it.
     */
    public DhtStatusException(
        final NodeAddress node, final String command, final int code, final boolean connectionClosed)
    {
        super(command + " to " + node + " answered " + SwarmStatus.describe(code) +
            (connectionClosed ? "; connection closed" : ""));
        this.code = code;
        this.connectionClosed = connectionClosed;
    }

    /**
     * @return the status, or {@code null} for a code that is no known status.
     */
    public SwarmStatus status()
    {
        return SwarmStatus.of(code);
    }

    /**
     * @return the status code as received.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return true when the client closed the connection because of this status.
     */
    public boolean connectionClosed()
    {
        return connectionClosed;
    }
}
