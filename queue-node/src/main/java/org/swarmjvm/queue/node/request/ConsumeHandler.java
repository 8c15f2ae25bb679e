package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.ChannelRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.queue.QueueConst;
import org.swarmjvm.queue.node.storage.QueueOperations;
import org.swarmjvm.queue.node.storage.QueueStorage;
import org.swarmjvm.queue.node.storage.StorageConsumer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Consume (6): 409 for a bad name (the original crashed here; the connection stays usable); else subscribes as
 * the default subscriber {@code ""} (the first subscriber takes over the channel's records), answers 200 and
 * streams every record of that storage as an array, waiting for pushes in between, until the channel is removed,
 * which ends the stream with the empty array; the connection then reads commands again.
 * <p>
 * Records are popped when written to the connection (at most once, as in the original). A consumer whose client
 * stops reading stops popping once {@link #HIGH_WATER_MARK} bytes wait to be sent, so the records stay in
 * storage and memory stays bounded; the others keep being served.
 */
final class ConsumeHandler extends ChannelRequestHandler<ChannelRequestDecoder> implements StorageConsumer
{
    /** A consumer stops popping while this many bytes of its reply wait to be sent. */
    static final int HIGH_WATER_MARK = 64 * 1024;

    private static final String DEFAULT_SUBSCRIBER = "";

    private final QueueOperations operations;
    private QueueStorage storage;
    private Reply reply;
    private boolean removed;

    ConsumeHandler(final QueueOperations operations)
    {
        super(new ChannelRequestDecoder(), QueueConst.MAX_CHANNEL_NAME_LENGTH);
        this.operations = operations;
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        if (null == storage)
        {
            this.reply = reply;
            storage = operations.subscribe(request.buffer(), request.channelOffset(), request.channelLength(),
                DEFAULT_SUBSCRIBER, this);
            reply.status(SwarmStatus.OK);
        }
        if (removed)
        {
            reply.begin().emptyArray();
            reply.end();
            reset();
            return Progress.DONE;
        }
        while (reply.pendingBytes() < HIGH_WATER_MARK)
        {
            final WireWriter writer = reply.begin();
            final int prefixAt = writer.position();
            final int length = storage.pop(writer.buffer(), prefixAt + ArrayPrefix.LENGTH);
            if (length < 0)
            {
                return Progress.WAIT;
            }
            writer.buffer().putLong(prefixAt, length, LITTLE_ENDIAN);
            writer.position(prefixAt + ArrayPrefix.LENGTH + length);
            reply.end();
        }
        return Progress.MORE;
    }

    @Override
    public boolean onRecordPushed()
    {
        reply.wake();
        return reply.pendingBytes() < HIGH_WATER_MARK;
    }

    @Override
    public void onStorageRemoved()
    {
        removed = true;
        reply.wake();
    }

    @Override
    protected void onAbort()
    {
        if (null != storage && !removed)
        {
            storage.removeConsumer(this);
        }
        reset();
    }

    private void reset()
    {
        storage = null;
        reply = null;
        removed = false;
    }
}
