package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.logfiles.node.storage.RecordFilter;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * GetAll (29): streams every readable record of a channel, bucket by bucket, in file order.
 */
final class GetAllHandler extends RecordStreamHandler<ChannelRequestDecoder>
{
    GetAllHandler(final LogfilesStorage storage, final NodeServices node, final StreamTaskHolder tasks)
    {
        super(new ChannelRequestDecoder(), storage, node, tasks);
    }

    @Override
    SwarmStatus prepare(final boolean exists)
    {
        scanAll(RecordFilter.ALL);
        return null;
    }
}
