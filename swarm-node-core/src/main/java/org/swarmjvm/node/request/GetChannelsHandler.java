package org.swarmjvm.node.request;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.WireWriter;

import java.util.function.Supplier;

/**
 * GetChannels (DHT and logfiles protocols): status 200, one {@code ARRAY(name)} per channel, then the empty array
 * that ends the list.
 */
public final class GetChannelsHandler extends FieldlessRequestHandler
{
    private final Supplier<? extends Iterable<String>> channelNames;

    /**
     * @param channelNames the names of the node's channels now, in the order the engine lists them.
     */
    public GetChannelsHandler(final Supplier<? extends Iterable<String>> channelNames)
    {
        this.channelNames = channelNames;
    }

    @Override
    public Progress execute(final Reply reply)
    {
        final WireWriter writer = reply.begin().status(SwarmStatus.OK);
        for (final String name : channelNames.get())
        {
            writer.array(name);
        }
        writer.emptyArray();
        reply.end();
        return Progress.DONE;
    }
}
