package org.swarmjvm.dht.node.request;

import org.agrona.DirectBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.codec.ChannelArrayRequestDecoder;

/**
 * PutBatch (34): stores a compressed batch of records without notifying Listen requests. The channel is created
 * as soon as its name is valid, even if the batch then fails. Records are stored in batch order; the first bad
 * one stops the batch with its status (empty value 408, key out of range 404, size limit 407) and the records
 * before it stay stored. A non-hex key or a corrupt batch closes the connection (the original crashed on the
 * latter). As in the original, values are bounded only by the batch, not by Put's record limit.
 */
final class PutBatchHandler extends DhtChannelHandler<ChannelArrayRequestDecoder>
{
    private final RecordBatchReader batch;

    PutBatchHandler(final DhtOperations operations, final RefusalLog refusals, final RecordBatchReader batch)
    {
        super(operations, refusals, new ChannelArrayRequestDecoder());
        this.batch = batch;
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        final DhtChannel channel = channelCreatedIfMissing();
        try
        {
            return storeBatch(reply, channel);
        }
        finally
        {
            // A batch may declare up to 16 MiB: a connection must not keep that much for the rest of its life.
            batch.releaseLargeBuffers();
        }
    }

    private Progress storeBatch(final Reply reply, final DhtChannel channel)
    {
        batch.wrap(request.buffer(), request.arrayOffset(), request.arrayLength());
        final DirectBuffer records = batch.buffer();
        while (batch.nextRecord())
        {
            final int valueLength = batch.valueLength();
            if (0 == valueLength)
            {
                return status(reply, SwarmStatus.EMPTY_VALUE);
            }
            if (!HexKey.isValid(records, batch.keyOffset(), batch.keyLength()))
            {
                throw new SwarmProtocolException(
                    "PutBatch key of " + batch.keyLength() + " bytes is not 16 hex digits");
            }
            final DhtOperations.Outcome outcome = operations.putBatchRecord(
                channel, HexKey.parse(records, batch.keyOffset()), records, batch.valueOffset(), valueLength);
            if (DhtOperations.Outcome.OK != outcome)
            {
                return status(reply, LegacyStatus.of(outcome));
            }
        }
        return status(reply, SwarmStatus.OK);
    }
}
