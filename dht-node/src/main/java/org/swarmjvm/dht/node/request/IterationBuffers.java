package org.swarmjvm.dht.node.request;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.batch.RecordBatchWriter;

import java.util.Arrays;

/**
 * A connection's buffers for streaming a channel: the keys of one map segment, copied out while the segment is
 * locked, the value of the record being sent, read from the map by its key when its turn comes, and the batch being
 * filled. Only keys are staged, 8 bytes a record of one segment, so that a connection that stops reading holds no
 * copy of the segment's values (many such connections each held one: 200 of them on a channel of 200,000 records
 * of 100 bytes took the node up by hundreds of megabytes). Shared by the connection's GetAll, GetAllKeys and
 * GetAllFilter handlers, since a connection runs one request at a time. They are allocated at the connection
 * slot's first GetAll-style request and then kept: an idle slot (there may be thousands) holds none of them.
 */
final class IterationBuffers implements DhtChannel.KeySink
{
    /** Where {@link #loadValue} puts the value in {@link #value()}: after the length it writes first. */
    static final int VALUE_OFFSET = Long.BYTES;

    private static final int INITIAL_KEYS = 1024;

    private final int batchSize;
    private long[] staged;
    private ExpandableDirectByteBuffer value;
    private RecordBatchWriter batch;
    private int stagedCount;
    private int readPosition;
    private int valueLength;

    /**
     * Decides which records are sent (GetAllFilter).
     */
    interface ValueFilter
    {
        /**
         * @param value  buffer holding the value.
         * @param offset of the value.
         * @param length of the value.
         * @return true to send the record.
         */
        boolean accept(DirectBuffer value, int offset, int length);
    }

    IterationBuffers(final int batchSize)
    {
        this.batchSize = batchSize;
    }

    RecordBatchWriter batch()
    {
        allocate();
        return batch;
    }

    /**
     * Stages the keys of one segment.
     *
     * @param channel to read.
     * @param segment whose keys to copy.
     */
    void stageSegment(final DhtChannel channel, final int segment)
    {
        allocate();
        stagedCount = 0;
        readPosition = 0;
        channel.forEachKeyInSegment(segment, this);
    }

    @Override
    public void onKey(final long key)
    {
        if (stagedCount == staged.length)
        {
            staged = Arrays.copyOf(staged, 2 * staged.length);
        }
        staged[stagedCount++] = key;
    }

    boolean hasStaged()
    {
        return readPosition < stagedCount;
    }

    long stagedKey()
    {
        return staged[readPosition];
    }

    void nextStaged()
    {
        readPosition++;
    }

    /**
     * Reads the staged key's value into {@link #value()} at {@link #VALUE_OFFSET}.
     *
     * @param channel holding the record.
     * @return the value's length; 0 when the record was removed since its key was staged.
     */
    int loadValue(final DhtChannel channel)
    {
        valueLength = channel.writeValueArray(stagedKey(), value, 0) - Long.BYTES;
        return valueLength;
    }

    DirectBuffer value()
    {
        return value;
    }

    /**
     * @return the length of the value {@link #loadValue} read last.
     */
    int valueLength()
    {
        return valueLength;
    }

    void clear()
    {
        stagedCount = 0;
        readPosition = 0;
        if (null != batch)
        {
            batch.reset();
        }
    }

    private void allocate()
    {
        if (null == batch)
        {
            staged = new long[INITIAL_KEYS];
            value = new ExpandableDirectByteBuffer(batchSize);
            batch = new RecordBatchWriter(batchSize);
        }
    }
}
