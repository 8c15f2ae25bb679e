package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * GetAll (29): streams every record of a channel in key/value batches.
 */
final class GetAllHandler extends BulkIterationHandler<ChannelRequestDecoder>
{
    GetAllHandler(final DhtOperations operations, final RefusalLog refusals, final IterationBuffers buffers)
    {
        super(operations, refusals, new ChannelRequestDecoder(), buffers);
    }
}
