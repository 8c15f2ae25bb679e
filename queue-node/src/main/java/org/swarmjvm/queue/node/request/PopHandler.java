package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.queue.node.storage.Channel;
import org.swarmjvm.queue.node.storage.QueueStore;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Pop (2): 409 for a bad name; 500 for a channel that does not exist or has subscribers (the legacy node's
 * answer, which its client treats as fatal); else 200 and the oldest record, or an empty array when the channel
 * is empty. The record is copied straight from the ring (or the disk) into the reply.
 */
final class PopHandler extends QueueRequestHandler
{
    private final ChannelRequestDecoder request = new ChannelRequestDecoder();

    PopHandler(final QueueStore store)
    {
        super(store);
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        return request.decode(scanner);
    }

    @Override
    public Progress execute(final Reply reply)
    {
        if (!isValidChannel(request.buffer(), request.channelOffset(), request.channelLength()))
        {
            return status(reply, SwarmStatus.BAD_CHANNEL_NAME);
        }
        final Channel channel = store.channel(request.buffer(), request.channelOffset(), request.channelLength());
        if (null == channel || channel.hasSubscribers())
        {
            return status(reply, SwarmStatus.ERROR);
        }
        final WireWriter writer = reply.begin().status(SwarmStatus.OK);
        final int prefixAt = writer.position();
        final int length = channel.plainStorage().pop(writer.buffer(), prefixAt + ArrayPrefix.LENGTH);
        writer.buffer().putLong(prefixAt, Math.max(length, 0), LITTLE_ENDIAN);
        writer.position(prefixAt + ArrayPrefix.LENGTH + Math.max(length, 0));
        reply.end();
        return Progress.DONE;
    }
}
