package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.swarmjvm.logfiles.node.storage.BucketLayout;
import org.swarmjvm.logfiles.node.storage.BucketReader;
import org.swarmjvm.logfiles.node.storage.BucketWriter;
import org.swarmjvm.logfiles.node.storage.StorageSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Reading every record of a {@value #FILE_BYTES}-byte logfiles bucket through the node's bucket reader (the
 * default 64 KiB read window, version 1 parity checks), as GetAll and GetRange do before batching. The file is
 * written by the node's bucket writer and lives in /dev/shm where available: the figure is the reader's cost.
 */
public class BucketScanBenchmark extends StorageBenchmark
{
    /** Bytes of values in the bucket. */
    static final long FILE_BYTES = 16L * 1024 * 1024;

    /** Bytes per value. */
    @Param({"1024", "16384"})
    public int valueSize;

    private final BucketReader reader = new BucketReader(StorageSettings.DEFAULT_READ_BUFFER_SIZE);
    private Path dir;
    private Path file;

    /**
     * Writes the bucket.
     *
     * @throws IOException when it cannot be written.
     */
    @Setup
    public void setup() throws IOException
    {
        dir = BenchmarkData.scratchDir("bucket-scan");
        file = BucketLayout.bucketPath(dir, BucketAppendBenchmark.KEY);
        final BucketWriter writer = new BucketWriter(StorageSettings.DEFAULT_WRITE_BUFFER_SIZE, reader);
        final UnsafeBuffer value = BenchmarkData.randomValue(valueSize, new SplittableRandom(BenchmarkData.SEED));
        writer.open(file, BucketLayout.bucketId(BucketAppendBenchmark.KEY), -1);
        for (long written = 0; written < FILE_BYTES; written += valueSize)
        {
            writer.append(BucketAppendBenchmark.KEY, value, 0, valueSize);
        }
        writer.close();
    }

    /**
     * Closes the reader and deletes the bucket.
     *
     * @throws IOException when closing fails.
     */
    @TearDown
    public void tearDown() throws IOException
    {
        reader.close();
        BenchmarkData.deleteTree(dir);
    }

    /**
     * @param counter of key and value bytes read.
     * @return the sum of the value lengths.
     * @throws IOException when the file cannot be read.
     */
    @Benchmark
    public long scan(final BatchBytes counter) throws IOException
    {
        long values = 0;
        long records = 0;
        reader.open(file);
        while (reader.next())
        {
            values += reader.valueLength();
            records++;
        }
        counter.bytes += values + Long.BYTES * records;
        return values;
    }
}
