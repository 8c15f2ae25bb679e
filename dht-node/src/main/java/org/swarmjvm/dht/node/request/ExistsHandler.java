package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelKeyRequestDecoder;

/**
 * Exists (11): answers one byte, 1 when the record exists. No range check; a non-hex key closes the connection
 * only when the channel exists, as in the original.
 */
final class ExistsHandler extends DhtChannelHandler<ChannelKeyRequestDecoder>
{
    ExistsHandler(final DhtOperations operations, final RefusalLog refusals)
    {
        super(operations, refusals, new ChannelKeyRequestDecoder());
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        final DhtChannel channel = existingChannel();
        final boolean exists = null != channel && channel.exists(requireKey(request));
        reply.begin().status(SwarmStatus.OK).u8(exists ? 1 : 0);
        reply.end();
        return Progress.DONE;
    }
}
