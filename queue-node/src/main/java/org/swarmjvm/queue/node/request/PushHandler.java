package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.ChannelRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelArrayRequestDecoder;
import org.swarmjvm.protocol.queue.QueueConst;
import org.swarmjvm.queue.node.storage.QueueOperations;

/**
 * Push (1): checks the name (409), gets or creates the channel <em>before</em> checking the value, as the
 * original does (so a refused empty Push still creates the channel), refuses an empty value (408), then stores
 * the record in every storage of the channel (200).
 */
final class PushHandler extends ChannelRequestHandler<ChannelArrayRequestDecoder>
{
    private final QueueOperations operations;

    PushHandler(final QueueOperations operations)
    {
        super(new ChannelArrayRequestDecoder(), QueueConst.MAX_CHANNEL_NAME_LENGTH);
        this.operations = operations;
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        final QueueOperations.Outcome outcome = operations.push(request.buffer(), request.channelOffset(),
            request.channelLength(), request.arrayOffset(), request.arrayLength());
        return reply.status(QueueOperations.Outcome.OK == outcome ? SwarmStatus.OK : SwarmStatus.EMPTY_VALUE);
    }
}
