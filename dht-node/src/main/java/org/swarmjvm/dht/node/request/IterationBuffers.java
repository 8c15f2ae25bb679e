package org.swarmjvm.dht.node.request;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.batch.RecordBatchWriter;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A connection's buffers for streaming a channel: the records of one map segment, copied out while the segment
 * is locked, and the batch being filled from them. Shared by the connection's GetAll, GetAllKeys and GetAllFilter
 * handlers, since a connection runs one request at a time.
 * <pre>
 * staged record:  u64 key | u32 value length | value
 * </pre>
 */
final class IterationBuffers implements DhtChannel.RecordSink
{
    private static final int KEY_OFFSET = 0;
    private static final int LENGTH_OFFSET = KEY_OFFSET + Long.BYTES;
    private static final int VALUE_OFFSET = LENGTH_OFFSET + Integer.BYTES;

    /** Grows on the first GetAll of the connection: an idle connection holds no iteration memory. */
    private final ExpandableDirectByteBuffer staged = new ExpandableDirectByteBuffer(0);
    private final int batchSize;
    private RecordBatchWriter batch;
    private ValueFilter filter;
    private int stagedLength;
    private int readPosition;

    /**
     * Decides which records are staged (GetAllFilter).
     */
    interface ValueFilter
    {
        /**
         * @param value  buffer holding the value.
         * @param offset of the value.
         * @param length of the value.
         * @return true to stage the record.
         */
        boolean accept(DirectBuffer value, int offset, int length);
    }

    IterationBuffers(final int batchSize)
    {
        this.batchSize = batchSize;
    }

    RecordBatchWriter batch()
    {
        if (null == batch)
        {
            // Two batch-sized arrays and the compressor's table, created by the first GetAll of the connection.
            batch = new RecordBatchWriter(batchSize);
        }
        return batch;
    }

    /**
     * Stages the records of one segment.
     *
     * @param channel to read.
     * @param segment to copy.
     * @param filter  records to keep, or {@code null} for all.
     */
    void stageSegment(final DhtChannel channel, final int segment, final ValueFilter filter)
    {
        this.filter = filter;
        stagedLength = 0;
        readPosition = 0;
        channel.forEachInSegment(segment, this);
    }

    @Override
    public void onRecord(final long key, final DirectBuffer value, final int valueOffset, final int valueLength)
    {
        if (null != filter && !filter.accept(value, valueOffset, valueLength))
        {
            return;
        }
        staged.putLong(stagedLength + KEY_OFFSET, key, LITTLE_ENDIAN);
        staged.putInt(stagedLength + LENGTH_OFFSET, valueLength, LITTLE_ENDIAN);
        staged.putBytes(stagedLength + VALUE_OFFSET, value, valueOffset, valueLength);
        stagedLength += VALUE_OFFSET + valueLength;
    }

    boolean hasStaged()
    {
        return readPosition < stagedLength;
    }

    long stagedKey()
    {
        return staged.getLong(readPosition + KEY_OFFSET, LITTLE_ENDIAN);
    }

    int stagedValueLength()
    {
        return staged.getInt(readPosition + LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    int stagedValueOffset()
    {
        return readPosition + VALUE_OFFSET;
    }

    DirectBuffer stagedBuffer()
    {
        return staged;
    }

    void nextStaged()
    {
        readPosition += VALUE_OFFSET + stagedValueLength();
    }

    void clear()
    {
        stagedLength = 0;
        readPosition = 0;
        filter = null;
        if (null != batch)
        {
            batch.reset();
        }
    }
}
