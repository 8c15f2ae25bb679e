package org.swarmjvm.queue.node.request;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.queue.codec.ChannelListRequestDecoder;
import org.swarmjvm.protocol.queue.codec.StreamRecordDecoder;
import org.swarmjvm.queue.node.storage.QueueOperations;

import java.util.ArrayList;
import java.util.List;

/**
 * ProduceMulti (11): like Produce, for a channel list: 409 when any name is bad; else 200 and every streamed
 * record is stored in every listed channel (got or created per record, as the original does).
 */
final class ProduceMultiHandler implements RequestHandler
{
    private final ChannelListRequestDecoder request = new ChannelListRequestDecoder();
    private final StreamRecordDecoder record = new StreamRecordDecoder();
    private final List<String> channels = new ArrayList<>();
    private boolean streaming;

    private final QueueOperations operations;

    ProduceMultiHandler(final QueueOperations operations)
    {
        this.operations = operations;
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        return streaming ? record.decode(scanner) : request.decode(scanner);
    }

    @Override
    public Progress execute(final Reply reply)
    {
        if (!streaming)
        {
            final DirectBuffer buffer = request.buffer();
            for (int i = 0; i < request.channelCount(); i++)
            {
                if (!QueueOperations.isValidName(buffer, request.channelOffset(i), request.channelLength(i)))
                {
                    return reply.status(SwarmStatus.BAD_CHANNEL_NAME);
                }
            }
            channels.clear();
            for (int i = 0; i < request.channelCount(); i++)
            {
                channels.add(buffer.getStringWithoutLengthAscii(request.channelOffset(i), request.channelLength(i)));
            }
            streaming = true;
            reply.status(SwarmStatus.OK);
            return Progress.INPUT;
        }
        if (record.isEndOfStream())
        {
            abort();
            return Progress.DONE;
        }
        for (int i = 0, size = channels.size(); i < size; i++)
        {
            operations.pushStreamed(channels.get(i), record.buffer(), record.recordOffset(), record.recordLength());
        }
        return Progress.INPUT;
    }

    @Override
    public void abort()
    {
        streaming = false;
        channels.clear();
    }
}
