package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;

/**
 * GetNumConnections (8): the queue node answers 406 NotSupported, and the connection stays usable.
 */
final class GetNumConnectionsHandler implements RequestHandler
{
    @Override
    public int decode(final RequestScanner scanner)
    {
        return scanner.complete();
    }

    @Override
    public Progress execute(final Reply reply)
    {
        return QueueRequestHandler.status(reply, SwarmStatus.NOT_SUPPORTED);
    }
}
