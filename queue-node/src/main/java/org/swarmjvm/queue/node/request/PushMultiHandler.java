package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.DecodingRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.queue.codec.PushMultiRequestDecoder;
import org.swarmjvm.queue.node.storage.QueueOperations;

/**
 * PushMulti (9): every name is checked first (409), then the value (408); only then are the channels got or
 * created and the record stored in each (a channel listed twice gets it twice). An empty list stores nothing
 * and answers 200.
 */
final class PushMultiHandler extends DecodingRequestHandler<PushMultiRequestDecoder>
{
    private final QueueOperations operations;

    PushMultiHandler(final QueueOperations operations)
    {
        super(new PushMultiRequestDecoder());
        this.operations = operations;
    }

    @Override
    public Progress execute(final Reply reply)
    {
        switch (operations.pushToAll(request, request.buffer(), request.valueOffset(), request.valueLength()))
        {
            case BAD_CHANNEL:
                return reply.status(SwarmStatus.BAD_CHANNEL_NAME);
            case EMPTY_VALUE:
                return reply.status(SwarmStatus.EMPTY_VALUE);
            default:
                return reply.status(SwarmStatus.OK);
        }
    }
}
