package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.DecodingRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.queue.codec.PushMultiRequestDecoder;
import org.swarmjvm.queue.node.storage.QueueOperations;

import java.util.concurrent.Executor;

/**
 * PushMulti (9): every name is checked first (409), then the value (408); only then are the channels got or
 * created and the record stored in each (a channel listed twice gets it twice). An empty list stores nothing
 * and answers 200. As Push, the record waits for ring pages to be backed, and gets 407 when the disk cannot back
 * them in every channel, nothing stored.
 */
final class PushMultiHandler extends DecodingRequestHandler<PushMultiRequestDecoder>
{
    private final QueueOperations operations;
    private final WaitingPush wait;

    PushMultiHandler(final QueueOperations operations, final Executor worker)
    {
        super(new PushMultiRequestDecoder());
        this.operations = operations;
        this.wait = new WaitingPush(worker);
    }

    @Override
    public Progress execute(final Reply reply)
    {
        switch (operations.pushToAll(request, request.buffer(), request.valueOffset(), request.valueLength(),
            wait.asking(reply), wait))
        {
            case WAITING:
                return wait.park();
            case DISK_FULL:
                return reply.status(SwarmStatus.OUT_OF_MEMORY);
            case BAD_CHANNEL:
                return reply.status(SwarmStatus.BAD_CHANNEL_NAME);
            case EMPTY_VALUE:
                return reply.status(SwarmStatus.EMPTY_VALUE);
            default:
                return reply.status(SwarmStatus.OK);
        }
    }

    @Override
    public void abort()
    {
        wait.ended();
        operations.pushEnded(wait);
    }

    @Override
    public boolean isWaitingForWork()
    {
        return wait.isParked();
    }
}
