package org.swarmjvm.protocol.dht.client;

import java.util.concurrent.LinkedBlockingDeque;

/**
 * The connections of one node: a fixed number of {@link NodeConnection}s, each opening its socket on first use.
 * The most recently released connection is handed out first, so idle sockets stay few; a caller finding every
 * connection busy waits for one, as requests queue in the legacy client.
 */
final class NodeConnectionPool implements AutoCloseable
{
    private final NodeAddress node;
    private final LinkedBlockingDeque<NodeConnection> idle = new LinkedBlockingDeque<>();
    private final NodeConnection[] all;

    NodeConnectionPool(final NodeAddress node, final DhtClientContext context)
    {
        this.node = node;
        this.all = new NodeConnection[context.connectionsPerNode()];
        for (int i = 0; i < all.length; i++)
        {
            all[i] = new NodeConnection(node, context, false);
            idle.addLast(all[i]);
        }
    }

    NodeAddress node()
    {
        return node;
    }

    /**
     * @return a connection for one request; give it back with {@link #release(NodeConnection)}.
     */
    NodeConnection acquire()
    {
        try
        {
            return idle.takeFirst();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new DhtClientException("interrupted while waiting for a connection to " + node, ex);
        }
    }

    /**
     * @param connection acquired before; closed or not, it goes back to the pool.
     */
    void release(final NodeConnection connection)
    {
        idle.addFirst(connection);
    }

    @Override
    public void close()
    {
        for (final NodeConnection connection : all)
        {
            connection.close();
        }
    }
}
