package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.ChannelRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.queue.QueueConst;
import org.swarmjvm.queue.node.storage.QueueOperations;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Pop (2): 409 for a bad name; 500 for a channel that does not exist or has subscribers (the legacy node's
 * answer, which its client treats as fatal); else 200 and the oldest record, or an empty array when the channel
 * is empty. The record is copied straight from the ring (or the disk) into the reply.
 */
final class PopHandler extends ChannelRequestHandler<ChannelRequestDecoder>
{
    private final QueueOperations operations;

    PopHandler(final QueueOperations operations)
    {
        super(new ChannelRequestDecoder(), QueueConst.MAX_CHANNEL_NAME_LENGTH);
        this.operations = operations;
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        final WireWriter writer = reply.begin().status(SwarmStatus.OK);
        final int prefixAt = writer.position();
        final int popped = operations.pop(request.buffer(), request.channelOffset(), request.channelLength(), false,
            writer.buffer(), prefixAt + ArrayPrefix.LENGTH);
        if (QueueOperations.NO_CHANNEL == popped || QueueOperations.SUBSCRIBED == popped)
        {
            // Nothing was queued since begin(): the status is written again, over the OK.
            return reply.status(SwarmStatus.ERROR);
        }
        final int length = Math.max(popped, 0);
        writer.buffer().putLong(prefixAt, length, LITTLE_ENDIAN);
        writer.position(prefixAt + ArrayPrefix.LENGTH + length);
        reply.end();
        return Progress.DONE;
    }
}
