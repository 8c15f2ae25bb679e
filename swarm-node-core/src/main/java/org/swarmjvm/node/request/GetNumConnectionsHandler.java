package org.swarmjvm.node.request;

import org.swarmjvm.node.NodeServices;
import org.swarmjvm.protocol.SwarmStatus;

/**
 * GetNumConnections: status 200, the node's configured address and port, then the connections open now, the
 * asking one included.
 */
public final class GetNumConnectionsHandler extends FieldlessRequestHandler
{
    private final NodeServices node;

    /**
     * @param node whose address, port and open connections are reported.
     */
    public GetNumConnectionsHandler(final NodeServices node)
    {
        this.node = node;
    }

    @Override
    public Progress execute(final Reply reply)
    {
        reply.begin().status(SwarmStatus.OK).array(node.address()).u16(node.port())
            .u64(node.stats().openConnections());
        reply.end();
        return Progress.DONE;
    }
}
