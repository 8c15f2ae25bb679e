package org.swarmjvm.dht.node.request;

import org.agrona.collections.LongArrayQueue;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Listen (25): creates the channel if missing, answers 200, then streams {@code ARRAY(key) ARRAY(value)} for every
 * Put on the channel until the channel is removed, which ends the stream with {@code ARRAY("") ARRAY("")}.
 * <p>
 * As in the original: only Put notifies (not PutBatch, Remove or loading); the value is read when the record is
 * sent, so a key removed meanwhile goes out with an empty value; at most {@link #MAX_PENDING_KEYS} keys wait per
 * request and later ones are dropped with a log line. Records are sent as soon as the socket takes them, rather
 * than on the original's {@code write_flush_ms} timer.
 */
final class ListenHandler extends DhtChannelHandler<ChannelRequestDecoder> implements DhtChannel.ChannelListener
{
    /** The original's cap on keys waiting to be sent: 256 KiB of 8-byte keys. */
    static final int MAX_PENDING_KEYS = 32 * 1024;

    private static final Logger LOG = System.getLogger(ListenHandler.class.getName());
    private static final int INITIAL_PENDING_CAPACITY = 64;
    private static final int HIGH_WATER_MARK = 64 * 1024;

    private final LongArrayQueue pendingKeys = new LongArrayQueue(INITIAL_PENDING_CAPACITY, Long.MIN_VALUE);
    private DhtChannel channel;
    private Reply reply;
    private boolean channelRemoved;
    private long droppedKeys;

    ListenHandler(final DhtOperations operations, final RefusalLog refusals)
    {
        super(operations, refusals, new ChannelRequestDecoder());
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        if (null == channel)
        {
            return start(reply);
        }
        final WireWriter writer = reply.begin();
        while (!pendingKeys.isEmpty() && reply.pendingBytes() < HIGH_WATER_MARK)
        {
            final long key = pendingKeys.pollLong();
            writer.hexKey(key);
            if (channelRemoved)
            {
                writer.emptyArray();
            }
            else
            {
                writer.position(writer.position() + channel.writeValueArray(key, writer.buffer(), writer.position()));
            }
            reply.end();
        }
        if (!pendingKeys.isEmpty())
        {
            return Progress.MORE;
        }
        if (channelRemoved)
        {
            writer.emptyArray().emptyArray();
            reply.end();
            finish();
            return Progress.DONE;
        }
        return Progress.WAIT;
    }

    private Progress start(final Reply reply)
    {
        this.reply = reply;
        channel = channelCreatedIfMissing();
        channel.addListener(this);
        reply.begin().status(SwarmStatus.OK);
        reply.end();
        return Progress.WAIT;
    }

    @Override
    public void onPut(final long key)
    {
        if (pendingKeys.size() >= MAX_PENDING_KEYS)
        {
            if (0 == droppedKeys++)
            {
                LOG.log(Level.WARNING, "Listen on {0} (connection {1,number,#}): {2} keys waiting, dropping " +
                    "notifications",
                    channel.name(), reply.connectionId(), MAX_PENDING_KEYS);
            }
            return;
        }
        pendingKeys.addLong(key);
        reply.wake();
    }

    @Override
    public void onChannelRemoved()
    {
        channelRemoved = true;
        reply.wake();
    }

    @Override
    protected void onAbort()
    {
        if (null != channel && !channelRemoved)
        {
            channel.removeListener(this);
        }
        finish();
    }

    private void finish()
    {
        if (droppedKeys > 0)
        {
            LOG.log(Level.WARNING, "Listen on {0} (connection {1,number,#}) dropped {2} notifications in all",
                channel.name(), reply.connectionId(), droppedKeys);
        }
        channel = null;
        reply = null;
        channelRemoved = false;
        droppedKeys = 0;
        pendingKeys.clear();
    }
}
