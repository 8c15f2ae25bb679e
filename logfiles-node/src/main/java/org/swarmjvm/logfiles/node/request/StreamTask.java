package org.swarmjvm.logfiles.node.request;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.logfiles.node.storage.LogfilesChannel;
import org.swarmjvm.logfiles.node.storage.RecordFilter;
import org.swarmjvm.logfiles.node.storage.RecordScan;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

/**
 * The disk side of a record stream (GetAll, GetAllFilter, GetRange*): each run fills one batch from the scan and
 * compresses it into the task's own buffer, ready for the connection to copy. The first run starts the scan, which
 * flushes the channel's write buffers so the client sees every record stored before its request. One task is
 * shared by the stream handlers of a connection, which runs one request at a time; it is created on first use.
 */
final class StreamTask extends ScanTask
{
    private final RecordBatchWriter batch = new RecordBatchWriter(LogfilesConst.BATCH_SIZE);
    private final UnsafeBuffer framed =
        new UnsafeBuffer(new byte[RecordBatchWriter.maxArrayLength(LogfilesConst.BATCH_SIZE)]);
    private long lower;
    private long upper;
    private volatile int framedLength;
    private volatile long records;
    private volatile long valueBytes;

    StreamTask(final int readBufferSize)
    {
        super(readBufferSize);
    }

    /**
     * Prepares a new stream.
     *
     * @param channel to read.
     * @param lower   smallest key, inclusive.
     * @param upper   largest key, inclusive.
     * @param filter  which values to return.
     */
    void start(final LogfilesChannel channel, final long lower, final long upper, final RecordFilter filter)
    {
        begin(channel, filter);
        this.lower = lower;
        this.upper = upper;
        this.framedLength = 0;
        this.records = 0;
        this.valueBytes = 0;
        batch.reset();
    }

    @Override
    protected void work() throws Exception
    {
        final RecordScan scan = scan(lower, upper);
        final boolean last = scan.fill(batch);
        framedLength = batch.writeArray(framed, 0);
        records = scan.records();
        valueBytes = scan.valueBytes();
        if (last)
        {
            end();
        }
    }

    /**
     * @return the last batch, framed as {@code ARRAY(u64 length | LZO block)}.
     */
    UnsafeBuffer framed()
    {
        return framed;
    }

    /**
     * @return bytes of {@link #framed()}.
     */
    int framedLength()
    {
        return framedLength;
    }

    /**
     * @return records sent so far.
     */
    long records()
    {
        return records;
    }

    /**
     * @return value bytes sent so far.
     */
    long valueBytes()
    {
        return valueBytes;
    }
}
