package org.swarmjvm.protocol.dht.client;

/**
 * The handshake refused the nodes: a wrong API version, or hash ranges that overlap or leave a gap. The message
 * names the nodes and ranges involved.
 */
public class DhtHandshakeException extends DhtClientException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming nodes and ranges.
     */
    public DhtHandshakeException(final String message)
    {
        super(message);
    }
}
