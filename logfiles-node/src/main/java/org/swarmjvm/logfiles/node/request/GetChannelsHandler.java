package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.request.FieldlessRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.WireWriter;

/**
 * GetChannels (17): 200, then the name of every channel as an array, then the empty array; answered from memory,
 * without the worker.
 */
final class GetChannelsHandler extends FieldlessRequestHandler
{
    private final LogfilesStorage storage;

    GetChannelsHandler(final LogfilesStorage storage)
    {
        this.storage = storage;
    }

    @Override
    public Progress execute(final Reply reply)
    {
        // Sorted, where the original lists them in hash-map order; clients must not rely on either.
        final WireWriter writer = reply.begin().status(SwarmStatus.OK);
        for (final String name : storage.channelNames())
        {
            writer.array(name);
        }
        writer.emptyArray();
        reply.end();
        return Progress.DONE;
    }
}
