package org.swarmjvm.node;

import org.swarmjvm.node.net.RequestMemory;
import org.swarmjvm.node.stats.NodeStats;
import org.swarmjvm.node.work.BlockingWorker;

/**
 * Node-wide services a request handler may use.
 */
public interface NodeServices
{
    /**
     * @return the address the node reports (GetSize, GetNumConnections), as configured.
     */
    String address();

    /**
     * @return the legacy port the node listens on, -1 when it serves neo only.
     */
    int port();

    /**
     * @return the node's counters.
     */
    NodeStats stats();

    /**
     * @return where blocking work (disk, outgoing connections) runs, off the poller thread.
     */
    BlockingWorker worker();

    /**
     * @return the node-wide budget of the read buffers of requests, and the write buffers of replies, larger than a
     *     connection's first buffers.
     */
    RequestMemory requestMemory();
}
