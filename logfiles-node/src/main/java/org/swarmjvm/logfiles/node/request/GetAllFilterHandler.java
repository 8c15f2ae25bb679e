package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.logfiles.node.storage.RecordFilter;
import org.swarmjvm.logfiles.node.storage.SubstringFilter;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.ChannelArrayRequestDecoder;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * GetAllFilter (31): streams the records of a channel whose value contains the filter bytes (case-sensitive; an
 * empty filter matches every record, as in the original).
 */
final class GetAllFilterHandler extends RecordStreamHandler
{
    private final ChannelArrayRequestDecoder request = new ChannelArrayRequestDecoder();
    private RecordFilter filter;

    GetAllFilterHandler(final LogfilesStorage storage, final NodeServices node, final StreamTaskHolder tasks)
    {
        super(storage, node, tasks);
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        return request.decode(scanner);
    }

    @Override
    ChannelRequestDecoder request()
    {
        return request;
    }

    @Override
    SwarmStatus prepare(final boolean exists)
    {
        filter = SubstringFilter.of(request.buffer(), request.arrayOffset(), request.arrayLength());
        return null;
    }

    @Override
    long lower()
    {
        return 0;
    }

    @Override
    long upper()
    {
        return -1L;
    }

    @Override
    RecordFilter filter()
    {
        return filter;
    }
}
