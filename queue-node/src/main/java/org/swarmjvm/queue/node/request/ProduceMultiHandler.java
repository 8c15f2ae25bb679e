package org.swarmjvm.queue.node.request;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.queue.codec.ChannelListRequestDecoder;
import org.swarmjvm.protocol.queue.codec.StreamRecordDecoder;
import org.swarmjvm.queue.node.storage.QueueOperations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * ProduceMulti (11): like Produce, for a channel list: 409 when any name is bad; else 200 and every streamed
 * record is stored in every listed channel (got or created per record, as the original does). As in Produce, a
 * record waits for its ring pages to be backed, and the connection is closed when the disk cannot back them.
 */
final class ProduceMultiHandler implements RequestHandler
{
    private final ChannelListRequestDecoder request = new ChannelListRequestDecoder();
    private final StreamRecordDecoder record = new StreamRecordDecoder();
    private final List<String> channels = new ArrayList<>();
    private boolean streaming;
    /** The channel the record goes to next: those before it have it, when it waited for the worker. */
    private int nextChannel;

    private final QueueOperations operations;
    private final WaitingPush wait;

    ProduceMultiHandler(final QueueOperations operations, final Executor worker)
    {
        this.operations = operations;
        this.wait = new WaitingPush(worker);
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
        for (final int size = channels.size(); nextChannel < size; nextChannel++)
        {
            switch (operations.pushStreamed(channels.get(nextChannel), record.buffer(), record.recordOffset(),
                record.recordLength(), wait.asking(reply), wait))
            {
                case WAITING:
                    return wait.park();
                case DISK_FULL:
                    throw new SwarmProtocolException("ProduceMulti to '" + channels.get(nextChannel) +
                        "': the disk cannot hold the record");
                default:
                    break;
            }
        }
        nextChannel = 0;
        return Progress.INPUT;
    }

    @Override
    public void abort()
    {
        wait.ended();
        operations.pushEnded(wait);
        streaming = false;
        nextChannel = 0;
        channels.clear();
    }

    @Override
    public boolean isWaitingForWork()
    {
        return wait.isParked();
    }
}
