package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.queue.node.storage.QueueStorage;
import org.swarmjvm.queue.node.storage.QueueStore;
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
final class ConsumeHandler extends QueueRequestHandler implements StorageConsumer
{
    /** A consumer stops popping while this many bytes of its reply wait to be sent. */
    static final int HIGH_WATER_MARK = 64 * 1024;

    private static final String DEFAULT_SUBSCRIBER = "";

    private final ChannelRequestDecoder request = new ChannelRequestDecoder();
    private QueueStorage storage;
    private Reply reply;
    private boolean removed;

    ConsumeHandler(final QueueStore store)
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
        if (null == storage)
        {
            if (!isValidChannel(request.buffer(), request.channelOffset(), request.channelLength()))
            {
                return status(reply, SwarmStatus.BAD_CHANNEL_NAME);
            }
            this.reply = reply;
            storage = store.getOrCreate(request.buffer(), request.channelOffset(), request.channelLength())
                .subscribe(DEFAULT_SUBSCRIBER);
            storage.addConsumer(this);
            reply.begin().status(SwarmStatus.OK);
            reply.end();
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
    public void abort()
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
