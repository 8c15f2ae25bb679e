package org.swarmjvm.logfiles.node.neo;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.swarmjvm.logfiles.node.request.ScanTask;
import org.swarmjvm.logfiles.node.storage.LogfilesChannel;
import org.swarmjvm.logfiles.node.storage.RecordFilter;
import org.swarmjvm.logfiles.node.storage.RecordScan;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.batch.RecordBatchWriter.KeyFormat;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoRequest;

/**
 * The disk side of a neo GetRange: each run fills one {@code Records} batch (to 100 000 bytes or the end of the
 * range) and compresses it into the task's own buffer, ready for the connection to copy. The first run flushes the
 * channel's write buffers, so every record stored before the request is seen.
 * <p>
 * The storage orders keys as unsigned numbers and neo timestamps are signed: a range from a negative timestamp to a
 * non-negative one is scanned as two unsigned ranges, the negative timestamps first, so batches follow ascending
 * signed time.
 */
final class RangeTask extends ScanTask implements RecordScan.RecordSink
{
    private final RecordBatchWriter batch =
        RecordBatchWriter.belowThreshold(KeyFormat.BARE_LONG, LogfilesNeoRequest.BATCH_THRESHOLD);
    private final ExpandableArrayBuffer framed = new ExpandableArrayBuffer(64 * 1024);
    private final long[] lowers = new long[2];
    private final long[] uppers = new long[2];
    private int ranges;
    private int rangeIndex;
    private volatile int framedLength;
    private volatile int batchRecords;
    private volatile long batchValueBytes;
    private long valueBytes;

    RangeTask(final int readBufferSize)
    {
        super(readBufferSize);
    }

    /**
     * Prepares a new stream over {@code low <= timestamp <= high}, signed, {@code low <= high}.
     *
     * @param channel to read.
     * @param low     smallest timestamp.
     * @param high    largest timestamp.
     * @param filter  which values to return.
     */
    void start(final LogfilesChannel channel, final long low, final long high, final RecordFilter filter)
    {
        begin(channel, filter);
        if (low < 0 && high >= 0)
        {
            lowers[0] = low;
            uppers[0] = -1L;
            lowers[1] = 0;
            uppers[1] = high;
            ranges = 2;
        }
        else
        {
            lowers[0] = low;
            uppers[0] = high;
            ranges = 1;
        }
        rangeIndex = 0;
        framedLength = 0;
        batch.reset();
    }

    @Override
    protected void work() throws Exception
    {
        valueBytes = 0;
        while (rangeIndex < ranges)
        {
            if (!scan(lowers[rangeIndex], uppers[rangeIndex]).fill(this))
            {
                break;
            }
            scanEnded();
            rangeIndex++;
        }
        batchRecords = batch.entries();
        batchValueBytes = valueBytes;
        framedLength = batch.entries() > 0 ? writeBatch() : 0;
        if (rangeIndex >= ranges)
        {
            end();
        }
    }

    private int writeBatch()
    {
        framed.checkLimit(batch.maxWrittenLength());
        return batch.writeLengthThenArray(framed, 0);
    }

    @Override
    public boolean canEverTake(final int valueLength)
    {
        return true;
    }

    @Override
    public boolean append(final long key, final DirectBuffer value, final int offset, final int length)
    {
        if (!batch.appendRecord(key, value, offset, length))
        {
            return false;
        }
        valueBytes += length;
        return true;
    }

    /**
     * @return the last batch: {@code u64 uncompressed length | ARRAY(LZO block)}.
     */
    DirectBuffer framed()
    {
        return framed;
    }

    /**
     * @return bytes of {@link #framed()}; 0 when the last run found no record.
     */
    int framedLength()
    {
        return framedLength;
    }

    /**
     * @return records in the last batch.
     */
    int batchRecords()
    {
        return batchRecords;
    }

    /**
     * @return value bytes in the last batch.
     */
    long batchValueBytes()
    {
        return batchValueBytes;
    }
}
