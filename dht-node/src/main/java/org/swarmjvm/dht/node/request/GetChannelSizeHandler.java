package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * GetChannelSize (18): the node's address and port, then the channel's records and bytes; 0 and 0 for a missing
 * channel, which is not created.
 */
final class GetChannelSizeHandler extends DhtChannelHandler<ChannelRequestDecoder>
{
    private final NodeServices node;

    GetChannelSizeHandler(final DhtOperations operations, final RefusalLog refusals, final NodeServices node)
    {
        super(operations, refusals, new ChannelRequestDecoder());
        this.node = node;
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        final DhtChannel channel = existingChannel();
        return null == channel ?
            GetSizeHandler.size(reply, node, 0, 0) :
            GetSizeHandler.size(reply, node, channel.records(), channel.bytes());
    }
}
