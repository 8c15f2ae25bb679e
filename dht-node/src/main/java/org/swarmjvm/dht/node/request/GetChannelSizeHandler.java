package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.dht.codec.ChannelRequestDecoder;

/**
 * GetChannelSize (18): the node's address and port, then the channel's records and bytes; 0 and 0 for a missing
 * channel, which is not created.
 */
final class GetChannelSizeHandler extends DhtRequestHandler
{
    private final ChannelRequestDecoder request = new ChannelRequestDecoder();
    private final NodeServices node;

    GetChannelSizeHandler(final DhtStorage storage, final NodeServices node)
    {
        super(storage);
        this.node = node;
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        return request.decode(scanner);
    }

    @Override
    public Progress execute(final Reply reply)
    {
        if (!hasValidChannel(request))
        {
            return status(reply, SwarmStatus.BAD_CHANNEL_NAME);
        }
        final DhtChannel channel = storage.channel(request.buffer(), request.channelOffset(), request.channelLength());
        return null == channel ?
            FieldlessHandler.size(reply, node, 0, 0) :
            FieldlessHandler.size(reply, node, channel.records(), channel.bytes());
    }
}
