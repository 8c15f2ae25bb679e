package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.logfiles.node.storage.SubstringFilter;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelArrayRequestDecoder;

/**
 * GetAllFilter (31): streams the records of a channel whose value contains the filter bytes (case-sensitive; an
 * empty filter matches every record, as in the original).
 */
final class GetAllFilterHandler extends RecordStreamHandler<ChannelArrayRequestDecoder>
{
    GetAllFilterHandler(final LogfilesStorage storage, final NodeServices node, final StreamTaskHolder tasks)
    {
        super(new ChannelArrayRequestDecoder(), storage, node, tasks);
    }

    @Override
    SwarmStatus prepare(final boolean exists)
    {
        scanAll(SubstringFilter.of(request.buffer(), request.arrayOffset(), request.arrayLength()));
        return null;
    }
}
