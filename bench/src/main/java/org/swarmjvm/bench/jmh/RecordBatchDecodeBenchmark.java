package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.codec.HexKey;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Decompressing a 64 KiB LZO1X record batch and stepping through its records with the keys parsed, as the client
 * does per GetAll batch and the node per PutBatch. Values are random bytes (incompressible).
 */
public class RecordBatchDecodeBenchmark extends BenchmarkSettings
{
    /** Bytes per value. */
    @Param({"16", "1024"})
    public int valueSize;

    private final RecordBatchReader reader = new RecordBatchReader();
    private final UnsafeBuffer wire = new UnsafeBuffer(
        ByteBuffer.allocateDirect(RecordBatchWriter.maxArrayLength(DhtConst.DEFAULT_BATCH_SIZE)));
    private int batchLength;

    /**
     * Writes one full batch of random values.
     */
    @Setup
    public void setup()
    {
        final SplittableRandom random = new SplittableRandom(BenchmarkData.SEED);
        final RecordBatchWriter batch = new RecordBatchWriter(DhtConst.DEFAULT_BATCH_SIZE);
        for (long key = 0; ; key++)
        {
            final UnsafeBuffer value = BenchmarkData.randomValue(valueSize, random);
            if (!batch.appendRecord(BenchmarkData.key(key), value, 0, valueSize))
            {
                break;
            }
        }
        batch.writeArray(wire, 0);
        batchLength = (int)wire.getLong(0, LITTLE_ENDIAN);
    }

    /**
     * @param counter of uncompressed bytes.
     * @return a sum over the keys and value lengths, so the work is not dead code.
     */
    @Benchmark
    public long decode(final BatchBytes counter)
    {
        reader.wrap(wire, ArrayPrefix.LENGTH, batchLength);
        long sum = 0;
        while (reader.nextRecord())
        {
            sum += HexKey.parse(reader.buffer(), reader.keyOffset()) + reader.valueLength();
        }
        counter.bytes += reader.length();
        return sum;
    }
}
