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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Appending records to a logfiles bucket file through the node's bucket writer (version 1 record headers with
 * parity, the default 64 KiB write buffer), as Put does. The file lives in /dev/shm where available, so the
 * figure is the writer's own cost, not the disk's (scripts/bench measures the disk with dd); the bucket is
 * started afresh every {@value #FILE_BYTES} bytes.
 */
public class BucketAppendBenchmark extends StorageBenchmark
{
    /** Bytes a bucket file grows to before it is started again. */
    static final long FILE_BYTES = 64L * 1024 * 1024;

    /** Key of every record: a time in seconds, as log records have. */
    static final long KEY = 1_800_000_000L;

    /** Bytes per value. */
    @Param({"1024", "16384"})
    public int valueSize;

    private Path dir;
    private Path file;
    private BucketWriter writer;
    private UnsafeBuffer value;
    private long written;

    /**
     * Creates the directory and opens the bucket.
     *
     * @throws IOException when the bucket cannot be created.
     */
    @Setup
    public void setup() throws IOException
    {
        dir = BenchmarkData.scratchDir("bucket-append");
        file = BucketLayout.bucketPath(dir, KEY);
        writer = new BucketWriter(StorageSettings.DEFAULT_WRITE_BUFFER_SIZE,
            new BucketReader(StorageSettings.DEFAULT_READ_BUFFER_SIZE));
        value = BenchmarkData.randomValue(valueSize, new SplittableRandom(BenchmarkData.SEED));
        writer.open(file, BucketLayout.bucketId(KEY), -1);
    }

    /**
     * Closes the bucket and deletes the directory.
     *
     * @throws IOException when closing fails.
     */
    @TearDown
    public void tearDown() throws IOException
    {
        writer.close();
        BenchmarkData.deleteTree(dir);
    }

    /**
     * @param counter of key and value bytes appended.
     * @throws IOException when writing out the buffer fails.
     */
    @Benchmark
    public void append(final BatchBytes counter) throws IOException
    {
        writer.append(KEY, value, 0, valueSize);
        counter.bytes += Long.BYTES + valueSize;
        written += valueSize;
        if (written >= FILE_BYTES)
        {
            writer.close();
            Files.delete(file);
            writer.open(file, BucketLayout.bucketId(KEY), -1);
            written = 0;
        }
    }
}
