package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.logfiles.node.storage.RecordFilter;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * GetAll (29): streams every readable record of a channel, bucket by bucket, in file order.
 */
final class GetAllHandler extends RecordStreamHandler
{
    private final ChannelRequestDecoder request = new ChannelRequestDecoder();

    GetAllHandler(final LogfilesStorage storage, final NodeServices node, final StreamTaskHolder tasks)
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
        return RecordFilter.ALL;
    }
}
