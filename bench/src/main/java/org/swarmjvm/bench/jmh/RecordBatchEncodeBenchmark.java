package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.dht.DhtConst;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Filling a 64 KiB record batch and LZO1X-compressing it onto the wire, as GetAll does per batch on the node and
 * PutBatch on the client. Values are random bytes: LZO cannot shrink them, its slowest case.
 */
public class RecordBatchEncodeBenchmark extends BenchmarkSettings
{
    private static final int VALUES = 1024;

    /** Bytes per value. */
    @Param({"16", "1024"})
    public int valueSize;

    private final RecordBatchWriter batch = new RecordBatchWriter(DhtConst.DEFAULT_BATCH_SIZE);
    private final UnsafeBuffer wire = new UnsafeBuffer(
        ByteBuffer.allocateDirect(RecordBatchWriter.maxArrayLength(DhtConst.DEFAULT_BATCH_SIZE)));
    private UnsafeBuffer values;
    private long key;

    /**
     * Prepares a pool of random values to draw from.
     */
    @Setup
    public void setup()
    {
        values = BenchmarkData.randomValue(VALUES * valueSize, new SplittableRandom(BenchmarkData.SEED));
    }

    /**
     * @param counter of uncompressed bytes.
     * @return the compressed length.
     */
    @Benchmark
    public int encode(final BatchBytes counter)
    {
        int slot = (int)(key % VALUES);
        while (batch.appendRecord(BenchmarkData.key(key), values, slot * valueSize, valueSize))
        {
            key++;
            slot = slot + 1 == VALUES ? 0 : slot + 1;
        }
        counter.bytes += batch.length();
        return batch.writeArray(wire, 0);
    }
}
