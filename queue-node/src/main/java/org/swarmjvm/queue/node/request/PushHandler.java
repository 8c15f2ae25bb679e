package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.queue.codec.PushRequestDecoder;
import org.swarmjvm.queue.node.storage.Channel;
import org.swarmjvm.queue.node.storage.QueueStore;

/**
 * Push (1): checks the name (409), gets or creates the channel <em>before</em> checking the value, as the
 * original does (so a refused empty Push still creates the channel), refuses an empty value (408), then stores
 * the record in every storage of the channel (200).
 */
final class PushHandler extends QueueRequestHandler
{
    private final PushRequestDecoder request = new PushRequestDecoder();

    PushHandler(final QueueStore store)
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
        final Channel channel = store.getOrCreate(request.buffer(), request.channelOffset(), request.channelLength());
        if (0 == request.valueLength())
        {
            return status(reply, SwarmStatus.EMPTY_VALUE);
        }
        channel.push(request.buffer(), request.valueOffset(), request.valueLength());
        return status(reply, SwarmStatus.OK);
    }
}
