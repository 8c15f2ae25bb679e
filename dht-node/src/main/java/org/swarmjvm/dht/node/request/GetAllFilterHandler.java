package org.swarmjvm.dht.node.request;

import org.agrona.DirectBuffer;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.protocol.codec.ChannelArrayRequestDecoder;

/**
 * GetAllFilter (31): streams the records whose value contains the filter as a contiguous, case-sensitive byte
 * substring; keys are not searched. An empty filter matches every record (the original's result was undefined;
 * see docs/dht.md).
 */
final class GetAllFilterHandler extends BulkIterationHandler<ChannelArrayRequestDecoder>
    implements IterationBuffers.ValueFilter
{
    GetAllFilterHandler(final DhtOperations operations, final RefusalLog refusals, final IterationBuffers buffers)
    {
        super(operations, refusals, new ChannelArrayRequestDecoder(), buffers);
    }

    @Override
    IterationBuffers.ValueFilter filter()
    {
        return this;
    }

    @Override
    public boolean accept(final DirectBuffer value, final int offset, final int length)
    {
        final DirectBuffer filter = request.buffer();
        final int filterOffset = request.arrayOffset();
        final int filterLength = request.arrayLength();
        for (int start = offset, last = offset + length - filterLength; start <= last; start++)
        {
            int matched = 0;
            while (matched < filterLength && value.getByte(start + matched) == filter.getByte(filterOffset + matched))
            {
                matched++;
            }
            if (matched == filterLength)
            {
                return true;
            }
        }
        return false;
    }
}
