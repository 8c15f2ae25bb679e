package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * GetAllKeys (30): streams every key of a channel in keys-only batches.
 */
final class GetAllKeysHandler extends BulkIterationHandler<ChannelRequestDecoder>
{
    GetAllKeysHandler(final DhtOperations operations, final RefusalLog refusals, final IterationBuffers buffers)
    {
        super(operations, refusals, new ChannelRequestDecoder(), buffers);
    }

    @Override
    boolean append(final RecordBatchWriter batch, final DhtChannel channel, final IterationBuffers buffers)
    {
        return batch.appendKey(buffers.stagedKey());
    }
}
