package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.codec.ChannelKeyRequestDecoder;

/**
 * Remove (12): deletes a record; 200 whether or not it existed. Range-checked (404; a non-hex key closes the
 * connection). Listen requests ignore the deletion; neo Mirror requests are told.
 */
final class RemoveHandler extends DhtChannelHandler<ChannelKeyRequestDecoder>
{
    RemoveHandler(final DhtOperations operations, final RefusalLog refusals)
    {
        super(operations, refusals, new ChannelKeyRequestDecoder());
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        final DhtOperations.Outcome outcome = operations.remove(
            request.buffer(), request.channelOffset(), request.channelLength(), requireKey(request));
        return status(reply, LegacyStatus.of(outcome));
    }
}
