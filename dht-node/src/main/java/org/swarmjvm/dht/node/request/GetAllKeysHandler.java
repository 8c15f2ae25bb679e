package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * GetAllKeys (30): streams every key of a channel in keys-only batches.
 */
final class GetAllKeysHandler extends BulkIterationHandler<ChannelRequestDecoder>
{
    GetAllKeysHandler(final DhtStorage storage, final IterationBuffers buffers)
    {
        super(storage, new ChannelRequestDecoder(), buffers);
    }

    @Override
    IterationBuffers.ValueFilter filter()
    {
        return null;
    }

    @Override
    boolean append(final RecordBatchWriter batch, final IterationBuffers buffers)
    {
        return batch.appendKey(buffers.stagedKey());
    }
}
