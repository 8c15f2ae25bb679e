package org.swarmjvm.node.testing.fuzz;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.batch.RecordBatchWriter;

import java.util.Arrays;

/**
 * Builds the compressed record batch of a PutBatch request ({@code ARRAY} of an LZO1X batch), for the protocols
 * that have one. One instance serves every fuzzing thread.
 */
public final class FuzzBatch
{
    private final RecordBatchWriter batch;
    private final byte[] batchArray;

    /**
     * @param batchSize the largest uncompressed batch.
     */
    public FuzzBatch(final int batchSize)
    {
        this.batch = new RecordBatchWriter(batchSize);
        this.batchArray = new byte[RecordBatchWriter.maxArrayLength(batchSize)];
    }

    /**
     * @return the length of the longest array a batch of this size takes on the wire, its prefix excluded.
     */
    public int maxArrayLength()
    {
        return batchArray.length;
    }

    /**
     * @param keys   of the records.
     * @param values of the records, as many as keys; they must fit the batch together.
     * @return the batch as an {@code ARRAY}, its length prefix included.
     */
    public synchronized byte[] array(final long[] keys, final byte[][] values)
    {
        batch.reset();
        for (int i = 0; i < keys.length; i++)
        {
            batch.appendRecord(keys[i], new UnsafeBuffer(values[i]), 0, values[i].length);
        }
        final int length = batch.writeArray(new UnsafeBuffer(batchArray), 0);
        return Arrays.copyOf(batchArray, length);
    }
}
