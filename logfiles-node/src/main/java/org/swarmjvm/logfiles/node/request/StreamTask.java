package org.swarmjvm.logfiles.node.request;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.logfiles.node.storage.BucketReader;
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
final class StreamTask extends DiskTask
{
    private final RecordBatchWriter batch = new RecordBatchWriter(LogfilesConst.BATCH_SIZE);
    private final UnsafeBuffer framed =
        new UnsafeBuffer(new byte[RecordBatchWriter.maxArrayLength(LogfilesConst.BATCH_SIZE)]);
    private final BucketReader reader;
    private LogfilesChannel channel;
    private long lower;
    private long upper;
    private RecordFilter filter;
    private RecordScan scan;
    private volatile int framedLength;
    private volatile boolean ended;
    private volatile long records;
    private volatile long valueBytes;

    StreamTask(final int readBufferSize)
    {
        this.reader = new BucketReader(readBufferSize);
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
        this.channel = channel;
        this.lower = lower;
        this.upper = upper;
        this.filter = filter;
        this.scan = null;
        this.ended = false;
        this.framedLength = 0;
        this.records = 0;
        this.valueBytes = 0;
        batch.reset();
    }

    @Override
    protected void work() throws Exception
    {
        if (null == scan)
        {
            scan = channel.scan(lower, upper, filter, reader);
        }
        final boolean last = scan.fill(batch);
        framedLength = batch.writeArray(framed, 0);
        records = scan.records();
        valueBytes = scan.valueBytes();
        if (last)
        {
            end();
        }
    }

    @Override
    protected void release()
    {
        end();
    }

    /**
     * Ends the stream early or after its last batch, releasing the file being read.
     */
    void end()
    {
        ended = true;
        final RecordScan toClose = scan;
        scan = null;
        channel = null;
        filter = null;
        if (null != toClose)
        {
            try
            {
                toClose.close();
            }
            catch (final java.io.IOException ex)
            {
                System.getLogger(StreamTask.class.getName()).log(System.Logger.Level.DEBUG, "closing scan", ex);
            }
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
     * @return true when the last batch of the stream has been produced.
     */
    boolean isEnded()
    {
        return ended;
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
