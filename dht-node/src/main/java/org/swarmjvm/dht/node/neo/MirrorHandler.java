package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.LongArrayQueue;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Mirror: {@code Started}, then every change ({@code RecordChanged} with the current value) and deletion
 * ({@code RecordDeleted}) of the channel, plus refresh batches (initial and periodic), until {@code Stop} or the
 * channel's removal ({@code ChannelRemoved}, acknowledged by the client). Updates queue while suspended; when
 * the queue is full further updates are dropped and the client gets {@code UpdateOverflow} (at most once a
 * second), so a lost update is never silent. The channel is created if missing, as for legacy Listen: a
 * subscription to a channel that does not exist yet must see its first records.
 */
final class MirrorHandler extends SuspendableHandler implements DhtChannel.ChannelListener
{
    private static final Logger LOG = System.getLogger(MirrorHandler.class.getName());
    private static final long CHANGE = 0;
    private static final long DELETION = 1;
    private static final long OVERFLOW_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int SENDS_PER_TURN = 10;

    private final LongArrayQueue updateKeys = new LongArrayQueue();
    private final LongArrayQueue updateKinds = new LongArrayQueue();
    private final LongArrayQueue refreshKeys = new LongArrayQueue();
    private final DhtChannel.KeySink refreshCollector = refreshKeys::addLong;
    private DhtChannel channel;
    private boolean channelRemoved;
    private boolean removedSent;
    private boolean overflowPending;
    private long droppedUpdates;
    private long lastOverflowNanos;
    private long periodNanos;
    private long nextRefreshNanos;

    MirrorHandler(final DhtNeoEngine engine)
    {
        super(engine, "Mirror");
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        final int startSuspended = readU8("Mirror");
        if (startSuspended < 0 || !readChannel("Mirror"))
        {
            return;
        }
        final int initialRefresh = readU8("Mirror");
        if (initialRefresh < 0 || !hasExactly(Integer.BYTES, "Mirror"))
        {
            return;
        }
        final long periodSeconds = buffer.getInt(offset + length - Integer.BYTES, LITTLE_ENDIAN) & 0xffffffffL;
        if (!isValidChannel())
        {
            answer(DhtNeoRequest.STREAM_ERROR);
            return;
        }
        suspended = 0 != startSuspended;
        channelRemoved = false;
        removedSent = false;
        overflowPending = false;
        droppedUpdates = 0;
        lastOverflowNanos = System.nanoTime() - OVERFLOW_INTERVAL_NANOS;
        periodNanos = TimeUnit.SECONDS.toNanos(periodSeconds);
        nextRefreshNanos = System.nanoTime() + periodNanos;
        channel = storage.getOrCreateChannel(buffer, channelOffset(), channelLength());
        channel.addListener(this);
        engine.mirrors().add(this);
        sendByte(DhtNeoRequest.STARTED);
        if (0 != initialRefresh)
        {
            refill();
        }
    }

    private void refill()
    {
        for (int segment = 0, segments = channel.segments(); segment < segments; segment++)
        {
            channel.forEachKeyInSegment(segment, refreshCollector);
        }
        requestWrite();
    }

    @Override
    public void onPut(final long key)
    {
        queueUpdate(CHANGE, key);
    }

    @Override
    public void onRemove(final long key)
    {
        queueUpdate(DELETION, key);
    }

    private void queueUpdate(final long kind, final long key)
    {
        if (updateKeys.size() >= engine.mirrorQueueCapacity())
        {
            if (!overflowPending)
            {
                LOG.log(Level.WARNING, "Mirror of {0} for {1}: update queue full, updates lost",
                    channel.name(), clientName());
            }
            droppedUpdates++;
            overflowPending = true;
        }
        else
        {
            updateKeys.addLong(key);
            updateKinds.addLong(kind);
        }
        requestWrite();
    }

    @Override
    public void onChannelRemoved()
    {
        channelRemoved = true;
        updateKeys.clear();
        updateKinds.clear();
        refreshKeys.clear();
        requestWrite();
    }

    /**
     * Timer turn: starts a periodic refresh, retries a rate-limited overflow signal.
     *
     * @param nowNanos the time.
     */
    void onTick(final long nowNanos)
    {
        if (channelRemoved || suspended)
        {
            return;
        }
        if (periodNanos > 0 && nowNanos - nextRefreshNanos >= 0)
        {
            nextRefreshNanos = nowNanos + periodNanos;
            if (refreshKeys.isEmpty())
            {
                refill();
            }
        }
        if (overflowPending)
        {
            requestWrite();
        }
    }

    @Override
    protected void onWritable()
    {
        if (channelRemoved)
        {
            if (!removedSent)
            {
                removedSent = true;
                sendByte(DhtNeoRequest.MIRROR_CHANNEL_REMOVED);
            }
            return;
        }
        if (suspended)
        {
            return;
        }
        if (overflowPending && System.nanoTime() - lastOverflowNanos >= OVERFLOW_INTERVAL_NANOS)
        {
            sendByte(DhtNeoRequest.MIRROR_UPDATE_OVERFLOW);
            overflowPending = false;
            lastOverflowNanos = System.nanoTime();
            droppedUpdates = 0;
        }
        for (int sends = 0; sends < SENDS_PER_TURN && hasRoom(); sends++)
        {
            final boolean sentUpdate = sendUpdate();
            final boolean sentRefresh = sendRefreshBatch();
            if (!sentUpdate && !sentRefresh)
            {
                break;
            }
        }
        if (!updateKeys.isEmpty() || !refreshKeys.isEmpty())
        {
            requestWrite();
        }
    }

    private boolean sendUpdate()
    {
        while (!updateKeys.isEmpty())
        {
            final long key = updateKeys.pollLong();
            final long kind = updateKinds.pollLong();
            final int payload = beginMessage();
            out().putLong(payload + 1, key, LITTLE_ENDIAN);
            if (DELETION == kind)
            {
                out().putByte(payload, (byte)DhtNeoRequest.MIRROR_RECORD_DELETED);
                endMessage(1 + Long.BYTES);
                return true;
            }
            out().putByte(payload, (byte)DhtNeoRequest.MIRROR_RECORD_CHANGED);
            final int arrayLength = channel.writeValueArray(key, out(), payload + 1 + Long.BYTES);
            if (arrayLength > Long.BYTES)
            {
                endMessage(1 + Long.BYTES + arrayLength);
                return true;
            }
            // The record was removed since: its deletion is queued behind this change, nothing is lost.
        }
        return false;
    }

    private boolean sendRefreshBatch()
    {
        if (refreshKeys.isEmpty())
        {
            return false;
        }
        final RecordBatchWriter batch = engine.mirrorBatch();
        final ExpandableDirectByteBuffer value = engine.valueScratch();
        while (!refreshKeys.isEmpty() && !batch.isFull())
        {
            final long key = refreshKeys.pollLong();
            final int valueLength = channel.writeValueArray(key, value, 0) - Long.BYTES;
            if (valueLength > 0 && batch.recordEntryLength(valueLength) <= DhtNeoRequest.BATCH_SIZE)
            {
                batch.appendRecord(key, value, Long.BYTES, valueLength);
            }
        }
        if (0 == batch.length())
        {
            return false;
        }
        final int payload = beginMessage();
        out().putByte(payload, (byte)DhtNeoRequest.MIRROR_REFRESH_BATCH);
        endMessage(1 + batch.writeArray(out(), payload + 1));
        return true;
    }

    @Override
    protected boolean isLastMessageSent()
    {
        return removedSent;
    }

    @Override
    protected void onEnd()
    {
        if (null != channel && !channelRemoved)
        {
            channel.removeListener(this);
        }
        engine.mirrors().remove(this);
        channel = null;
        updateKeys.clear();
        updateKinds.clear();
        refreshKeys.clear();
    }
}
