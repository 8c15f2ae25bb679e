package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.ChannelRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.queue.QueueConst;
import org.swarmjvm.queue.node.storage.QueueOperations;

/**
 * RemoveChannel (12): 409 for a bad name; else 200, and the channel, its records in memory and on disk and its
 * subscribers are gone; every Consume on it ends with the empty array. A missing channel is also 200.
 */
final class RemoveChannelHandler extends ChannelRequestHandler<ChannelRequestDecoder>
{
    private final QueueOperations operations;

    RemoveChannelHandler(final QueueOperations operations)
    {
        super(new ChannelRequestDecoder(), QueueConst.MAX_CHANNEL_NAME_LENGTH);
        this.operations = operations;
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        // The status first: the consumers told of the removal write their stream's end after it.
        reply.status(SwarmStatus.OK);
        operations.removeChannel(request.buffer(), request.channelOffset(), request.channelLength());
        return Progress.DONE;
    }
}
