package org.swarmjvm.protocol.dht.client;

/**
 * The connections of one node: a fixed number of {@link NodeConnection}s, each opening its socket on first use.
 * The idle ones are a stack in an array, so that borrowing and returning one allocates nothing: the most recently
 * returned open connection is handed out first, so idle sockets stay few, and a closed one (never opened, or
 * broken by a failure) only once no open one is idle, since it has to connect again. A caller finding every
 * connection busy waits for one, as requests queue in the legacy client.
 */
final class NodeConnectionPool implements AutoCloseable
{
    private final NodeAddress node;
    private final NodeConnection[] all;
    /** The idle connections from the bottom: the closed ones, then the open ones, the last returned on top. */
    private final NodeConnection[] idle;
    /** Guarded by {@link #idle}, which waiting borrowers wait on. */
    private int idleCount;

    NodeConnectionPool(final NodeAddress node, final DhtClientContext context)
    {
        this.node = node;
        this.all = new NodeConnection[context.connectionsPerNode()];
        this.idle = new NodeConnection[all.length];
        for (int i = 0; i < all.length; i++)
        {
            all[i] = new NodeConnection(node, context, false);
            idle[i] = all[i];
        }
        this.idleCount = all.length;
    }

    NodeAddress node()
    {
        return node;
    }

    /**
     * @return a connection for one request; give it back with {@link #release(NodeConnection)}.
     * @throws DhtClientException when interrupted while every connection is busy.
     */
    NodeConnection acquire()
    {
        synchronized (idle)
        {
            while (0 == idleCount)
            {
                try
                {
                    idle.wait();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw new DhtClientException("interrupted while waiting for a connection to " + node, ex);
                }
            }
            final NodeConnection connection = idle[--idleCount];
            idle[idleCount] = null;
            return connection;
        }
    }

    /**
     * @param connection acquired before; an open one goes on top of the idle ones, a closed one below them all.
     */
    void release(final NodeConnection connection)
    {
        synchronized (idle)
        {
            if (connection.isOpen())
            {
                idle[idleCount] = connection;
            }
            else
            {
                System.arraycopy(idle, 0, idle, 1, idleCount);
                idle[0] = connection;
            }
            idleCount++;
            idle.notify();
        }
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
