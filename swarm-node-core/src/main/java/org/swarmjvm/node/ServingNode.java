package org.swarmjvm.node;

import org.swarmjvm.node.net.RequestMemory;

/**
 * A running node of the project: what every node's launch class reports of the server it started, and its close,
 * which stops serving, closes every connection and then closes the engine (whose close writes the node's files).
 *
 * @param <S> the node's storage.
 */
public abstract class ServingNode<S> implements AutoCloseable
{
    private final NodeServer server;
    private final S storage;

    /**
     * @param server  the server the node launched.
     * @param storage the storage it serves.
     */
    protected ServingNode(final NodeServer server, final S storage)
    {
        this.server = server;
        this.storage = storage;
    }

    /**
     * @return the node's storage, for tests, tools and embedding; to be used only while no request runs, or through
     *     what the storage itself makes safe across threads.
     */
    public final S storage()
    {
        return storage;
    }

    /**
     * @return the port the node listens on (the real one when 0 was configured).
     */
    public final int port()
    {
        return server.port();
    }

    /**
     * @return the neo port, or -1 when the node serves no neo.
     */
    public final int neoPort()
    {
        return server.neoPort();
    }

    /**
     * @return the port serving the metrics and the health check, or {@link NodeContext#METRICS_OFF} when there is
     * none.
     */
    public final int metricsPort()
    {
        return server.metricsPort();
    }

    /**
     * @return the node-wide budget of large requests' read buffers, to watch what it holds.
     */
    public final RequestMemory requestMemory()
    {
        return server.requestMemory();
    }

    /**
     * Stops serving, closes every connection, then closes the engine, which writes out the node's files.
     */
    @Override
    public final void close()
    {
        server.close();
    }
}
