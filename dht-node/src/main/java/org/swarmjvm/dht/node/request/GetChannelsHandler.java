package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.request.FieldlessRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.WireWriter;

/**
 * GetChannels (17): one {@code ARRAY(name)} per channel, in no particular order, then {@code ARRAY("")}.
 */
final class GetChannelsHandler extends FieldlessRequestHandler
{
    private final DhtStorage storage;

    GetChannelsHandler(final DhtStorage storage)
    {
        this.storage = storage;
    }

    @Override
    public Progress execute(final Reply reply)
    {
        final WireWriter writer = reply.begin().status(SwarmStatus.OK);
        for (final DhtChannel channel : storage.channels())
        {
            writer.array(channel.name());
        }
        writer.emptyArray();
        reply.end();
        return Progress.DONE;
    }
}
