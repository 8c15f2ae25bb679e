package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.PutRequestDecoder;

/**
 * Put (1): stores a record and notifies the channel's Listen requests. Checks, in the original's order: channel
 * name (409), key in range (404; a non-hex key closes the connection), value over the record limit (410), empty
 * value (408), node size limit or full channel (407).
 */
final class PutHandler extends ChannelRequestHandler<PutRequestDecoder>
{
    PutHandler(final DhtStorage storage, final int maxValueLength)
    {
        super(storage, new PutRequestDecoder(maxValueLength));
    }

    @Override
    Progress executeOnValidChannel(final Reply reply)
    {
        final long key = requireKey(request);
        if (!storage.isResponsibleFor(key))
        {
            return status(reply, SwarmStatus.WRONG_NODE);
        }
        if (request.isValueTooBig())
        {
            return status(reply, SwarmStatus.VALUE_TOO_BIG);
        }
        final int length = request.valueLength();
        if (0 == length)
        {
            return status(reply, SwarmStatus.EMPTY_VALUE);
        }
        if (storage.wouldExceedSizeLimit(length))
        {
            return status(reply, SwarmStatus.OUT_OF_MEMORY);
        }
        final DhtChannel channel = channelCreatedIfMissing();
        if (!channel.put(key, request.buffer(), request.valueOffset(), length))
        {
            return status(reply, SwarmStatus.OUT_OF_MEMORY);
        }
        channel.notifyPut(key);
        return status(reply, SwarmStatus.OK);
    }
}
