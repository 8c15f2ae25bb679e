package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.FieldlessRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;

/**
 * GetNumConnections (8): the queue node answers 406 NotSupported, and the connection stays usable.
 */
final class GetNumConnectionsHandler extends FieldlessRequestHandler
{
    @Override
    public Progress execute(final Reply reply)
    {
        return reply.status(SwarmStatus.NOT_SUPPORTED);
    }
}
