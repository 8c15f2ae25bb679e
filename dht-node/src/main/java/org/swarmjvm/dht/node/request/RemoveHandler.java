package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelKeyRequestDecoder;

/**
 * Remove (12): deletes a record; 200 whether or not it existed. Range-checked (404; a non-hex key closes the
 * connection). Listen requests ignore the deletion; neo Mirror requests are told.
 */
final class RemoveHandler extends ChannelRequestHandler<ChannelKeyRequestDecoder>
{
    RemoveHandler(final DhtStorage storage)
    {
        super(storage, new ChannelKeyRequestDecoder());
    }

    @Override
    Progress executeOnValidChannel(final Reply reply)
    {
        final long key = requireKey(request);
        if (!storage.isResponsibleFor(key))
        {
            return status(reply, SwarmStatus.WRONG_NODE);
        }
        final DhtChannel channel = existingChannel();
        if (null != channel && channel.remove(key))
        {
            channel.notifyRemove(key);
        }
        return status(reply, SwarmStatus.OK);
    }
}
