package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.queue.node.storage.QueueStore;

/**
 * RemoveChannel (12): 409 for a bad name; else 200, and the channel, its records in memory and on disk and its
 * subscribers are gone; every Consume on it ends with the empty array. A missing channel is also 200.
 */
final class RemoveChannelHandler extends QueueRequestHandler
{
    private final ChannelRequestDecoder request = new ChannelRequestDecoder();

    RemoveChannelHandler(final QueueStore store)
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
        status(reply, SwarmStatus.OK);
        store.remove(request.buffer(), request.channelOffset(), request.channelLength());
        return Progress.DONE;
    }
}
