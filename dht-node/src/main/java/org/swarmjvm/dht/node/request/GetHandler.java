package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.codec.ChannelKeyRequestDecoder;

/**
 * Get (7): answers {@code ARRAY(value)}, empty when the record or the channel is missing. No range check: readers
 * keep working during a redistribution. As in the original, a non-hex key closes the connection only when the
 * channel exists (the key is parsed only then).
 */
final class GetHandler extends DhtChannelHandler<ChannelKeyRequestDecoder>
{
    GetHandler(final DhtOperations operations, final RefusalLog refusals)
    {
        super(operations, refusals, new ChannelKeyRequestDecoder());
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        final DhtChannel channel = existingChannel();
        if (null == channel)
        {
            reply.begin().status(SwarmStatus.OK).emptyArray();
            reply.end();
            return Progress.DONE;
        }
        final long key = requireKey(request);
        final WireWriter writer = reply.begin().status(SwarmStatus.OK);
        writer.position(writer.position() + channel.writeValueArray(key, writer.buffer(), writer.position()));
        reply.end();
        return Progress.DONE;
    }
}
