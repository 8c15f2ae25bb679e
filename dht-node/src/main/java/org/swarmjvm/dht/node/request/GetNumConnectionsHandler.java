package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;

/**
 * GetNumConnections (23): the node's address and port, then the connections open now, the asking one included.
 */
final class GetNumConnectionsHandler extends FieldlessHandler
{
    GetNumConnectionsHandler(final DhtStorage storage, final NodeServices node)
    {
        super(storage, node);
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
