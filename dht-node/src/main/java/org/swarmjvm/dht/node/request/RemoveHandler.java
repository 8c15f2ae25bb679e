package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.dht.codec.ChannelKeyRequestDecoder;

/**
 * Remove (12): deletes a record; 200 whether or not it existed. Range-checked (404; a non-hex key closes the
 * connection). Listen requests ignore the deletion; neo Mirror requests are told.
 */
final class RemoveHandler extends DhtRequestHandler
{
    private final ChannelKeyRequestDecoder request = new ChannelKeyRequestDecoder();

    RemoveHandler(final DhtStorage storage)
    {
        super(storage);
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
        final long key = requireKey(request);
        if (!storage.isResponsibleFor(key))
        {
            return status(reply, SwarmStatus.WRONG_NODE);
        }
        final DhtChannel channel = storage.channel(request.buffer(), request.channelOffset(), request.channelLength());
        if (null != channel && channel.remove(key))
        {
            channel.notifyRemove(key);
        }
        return status(reply, SwarmStatus.OK);
    }
}
