package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.queue.codec.StreamRecordDecoder;
import org.swarmjvm.queue.node.storage.QueueOperations;

import java.util.concurrent.Executor;

/**
 * Produce (10): 409 for a bad name, after which the connection reads commands again; else 200, sent at once,
 * then the client's stream of records is stored one by one until the empty array ends it. No acknowledgement
 * per record and nothing after the end. A client that disconnects mid-stream keeps every complete record it
 * sent; a cut record is dropped.
 * <p>
 * The channel is looked up again for every record (it costs a hash lookup and allocates nothing), so records
 * streamed after a RemoveChannel go to the re-created channel instead of being dropped.
 * <p>
 * A record whose ring pages are not on disk yet waits for the blocking worker to back them. When the disk cannot,
 * the stream has no status to refuse a record with: the connection is closed (the client sees its producer fail),
 * the records before it stored. A stream whose new channel's ring file cannot be created gets 407.
 */
final class ProduceHandler implements RequestHandler
{
    private final ChannelRequestDecoder request = new ChannelRequestDecoder();
    private final StreamRecordDecoder record = new StreamRecordDecoder();
    private final QueueOperations operations;
    private final WaitingPush wait;
    private String channel;

    ProduceHandler(final QueueOperations operations, final Executor worker)
    {
        this.operations = operations;
        this.wait = new WaitingPush(worker);
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        return null == channel ? request.decode(scanner) : record.decode(scanner);
    }

    @Override
    public Progress execute(final Reply reply)
    {
        if (null == channel)
        {
            if (!QueueOperations.isValidName(request.buffer(), request.channelOffset(), request.channelLength()))
            {
                return reply.status(SwarmStatus.BAD_CHANNEL_NAME);
            }
            channel = operations.channelCreatedIfMissing(
                request.buffer(), request.channelOffset(), request.channelLength());
            if (null == channel)
            {
                return reply.status(SwarmStatus.OUT_OF_MEMORY);
            }
            reply.status(SwarmStatus.OK);
            return Progress.INPUT;
        }
        if (record.isEndOfStream())
        {
            channel = null;
            return Progress.DONE;
        }
        switch (operations.pushStreamed(channel, record.buffer(), record.recordOffset(), record.recordLength(),
            wait.asking(reply), wait))
        {
            case WAITING:
                return wait.park();
            case DISK_FULL:
                throw new SwarmProtocolException("Produce to '" + channel + "': the disk cannot hold the record");
            default:
                return Progress.INPUT;
        }
    }

    @Override
    public void abort()
    {
        wait.ended();
        operations.pushEnded(wait);
        channel = null;
    }

    @Override
    public boolean isWaitingForWork()
    {
        return wait.isParked();
    }
}
