package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.codec.PutRequestDecoder;

/**
 * Put (1): stores a record and notifies the channel's Listen requests. Checks, in the original's order: channel
 * name (409), key in range (404; a non-hex key closes the connection), value over the record limit (410), empty
 * value (408), node size limit or full channel (407).
 */
final class PutHandler extends DhtChannelHandler<PutRequestDecoder>
{
    PutHandler(final DhtOperations operations, final RefusalLog refusals, final int maxValueLength)
    {
        super(operations, refusals, new PutRequestDecoder(maxValueLength));
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        final DhtOperations.Outcome outcome = operations.put(request.buffer(), request.channelOffset(),
            request.channelLength(), requireKey(request), request.buffer(), request.valueOffset(),
            request.valueLength(), request.isValueTooBig());
        return status(reply, LegacyStatus.of(outcome));
    }
}
