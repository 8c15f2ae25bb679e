package org.swarmjvm.queue.node.request;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.queue.codec.PushMultiRequestDecoder;
import org.swarmjvm.queue.node.storage.QueueStore;

/**
 * PushMulti (9): every name is checked first (409), then the value (408); only then are the channels got or
 * created and the record stored in each (a channel listed twice gets it twice). An empty list stores nothing
 * and answers 200.
 */
final class PushMultiHandler extends QueueRequestHandler
{
    private final PushMultiRequestDecoder request = new PushMultiRequestDecoder();

    PushMultiHandler(final QueueStore store)
    {
        super(store);
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        return request.decode(scanner);
    }

    @Override
    public Progress execute(final Reply reply)
    {
        final DirectBuffer buffer = request.buffer();
        final int count = request.channelCount();
        for (int i = 0; i < count; i++)
        {
            if (!isValidChannel(buffer, request.channelOffset(i), request.channelLength(i)))
            {
                return status(reply, SwarmStatus.BAD_CHANNEL_NAME);
            }
        }
        if (0 == request.valueLength())
        {
            return status(reply, SwarmStatus.EMPTY_VALUE);
        }
        for (int i = 0; i < count; i++)
        {
            store.getOrCreate(buffer, request.channelOffset(i), request.channelLength(i))
                .push(buffer, request.valueOffset(), request.valueLength());
        }
        return status(reply, SwarmStatus.OK);
    }
}
