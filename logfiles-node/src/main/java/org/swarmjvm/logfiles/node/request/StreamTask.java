package org.swarmjvm.logfiles.node.request;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.logfiles.node.storage.LogfilesChannel;
import org.swarmjvm.logfiles.node.storage.RecordFilter;
import org.swarmjvm.logfiles.node.storage.RecordScan;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

/**
 * The disk side of a record stream (GetAll, GetAllFilter, GetRange*): a run fills batches from the scan and
 * compresses each into one of the task's two slots (a batch of incompressible values is sent as it is, see
 * {@link RecordBatchWriter#storingIncompressible}: compressing it would bound the scan at the compressor's speed
 * and save nothing), while the connection sends the batch of the other slot, so
 * that the worker does not wait for the connection between batches. A run stops when both slots hold batches the
 * connection has not taken, or at the end of the scan; the connection queues the next run when it takes a batch
 * from a task that has stopped. The first run starts the scan, which flushes the channel's write buffers so the
 * client sees every record stored before its request. One task is shared by the stream handlers of a connection,
 * which runs one request at a time; it is created on first use.
 * <p>
 * The worker writes a slot and then {@link #filled}; the poller reads {@link #filled}, copies the slot, then
 * writes {@link #taken}: each counter has one writer, and the volatile write publishes the slot to the other side.
 */
final class StreamTask extends ScanTask
{
    /** Batches held: one the connection sends while the worker fills the next. */
    private static final int SLOTS = 2;

    private final RecordBatchWriter batch = RecordBatchWriter.storingIncompressible(LogfilesConst.BATCH_SIZE);
    private final UnsafeBuffer[] framed = new UnsafeBuffer[SLOTS];
    private final int[] framedLength = new int[SLOTS];
    private final boolean[] last = new boolean[SLOTS];
    private long lower;
    private long upper;
    private volatile long filled;
    private volatile long taken;
    private volatile long records;
    private volatile long valueBytes;

    StreamTask(final int readBufferSize)
    {
        super(readBufferSize);
        for (int i = 0; i < SLOTS; i++)
        {
            framed[i] = new UnsafeBuffer(new byte[RecordBatchWriter.maxArrayLength(LogfilesConst.BATCH_SIZE)]);
        }
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
        this.filled = 0;
        this.taken = 0;
        this.records = 0;
        this.valueBytes = 0;
        batch.reset();
    }

    @Override
    protected void work() throws Exception
    {
        final RecordScan scan = scan(lower, upper);
        while (true)
        {
            final int slot = (int)(filled % SLOTS);
            final boolean lastBatch = scan.fill(batch);
            framedLength[slot] = batch.writeArray(framed[slot], 0);
            last[slot] = lastBatch;
            records = scan.records();
            valueBytes = scan.valueBytes();
            if (lastBatch)
            {
                end();
            }
            filled = filled + 1;
            if (lastBatch || isCancelled() || filled - taken >= SLOTS)
            {
                // The run's end wakes the connection.
                return;
            }
            wakeBeforeDone();
        }
    }

    /**
     * @return true when a filled batch waits to be {@link #take taken}.
     */
    boolean hasBatch()
    {
        return filled != taken;
    }

    /**
     * @return true when a run may be queued: none is queued or running, the last did not fail, a slot is free and
     * the scan goes on.
     */
    boolean needsRun()
    {
        return isDone() && null == failure() && !isEnded() && filled - taken < SLOTS;
    }

    /**
     * @return the oldest batch not taken, framed as {@code ARRAY(u64 length | LZO block)}; call when
     * {@link #hasBatch()}.
     */
    UnsafeBuffer batch()
    {
        return framed[(int)(taken % SLOTS)];
    }

    /**
     * @return bytes of {@link #batch()}.
     */
    int batchLength()
    {
        return framedLength[(int)(taken % SLOTS)];
    }

    /**
     * @return true when {@link #batch()} is the stream's last.
     */
    boolean isLastBatch()
    {
        return last[(int)(taken % SLOTS)];
    }

    /**
     * Gives {@link #batch()}'s slot back to the worker, once its bytes were copied.
     */
    void take()
    {
        taken = taken + 1;
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
