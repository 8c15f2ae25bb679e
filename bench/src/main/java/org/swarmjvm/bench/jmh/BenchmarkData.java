package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Inputs shared by the benchmarks: keys spread over the hash range and values of uniformly random bytes, which
 * LZO cannot compress (its worst case, and the honest one for the batch figures).
 */
final class BenchmarkData
{
    /** The channel every benchmark uses. */
    static final String CHANNEL = "bench";

    /** Seed of every generator, so runs see the same data. */
    static final long SEED = 0x5eed_2026L;

    /** The JVM flag Agrona's buffers need in a fork (forks do not read the jar manifest). */
    static final String AGRONA_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    /** Where file benchmarks work when it exists: memory, so that they measure our code and not the disk. */
    private static final Path MEMORY_FILE_SYSTEM = Paths.get("/dev/shm");

    private BenchmarkData()
    {
    }

    /**
     * @param index of the key, from 0.
     * @return a key for the index, scattered over the whole 64-bit range (a bijection: no collisions).
     */
    static long key(final long index)
    {
        long z = index * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * @param length of the value.
     * @param random source of the bytes.
     * @return a direct buffer holding {@code length} random bytes.
     */
    static UnsafeBuffer randomValue(final int length, final SplittableRandom random)
    {
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
        for (int i = 0; i < length; i++)
        {
            value.putByte(i, (byte)random.nextInt(256));
        }
        return value;
    }

    /**
     * @param prefix of the directory name.
     * @return a new empty directory in /dev/shm when it is writable (a file system in memory), else in the
     * temporary directory.
     */
    static Path scratchDir(final String prefix)
    {
        try
        {
            return Files.isDirectory(MEMORY_FILE_SYSTEM) && Files.isWritable(MEMORY_FILE_SYSTEM) ?
                Files.createTempDirectory(MEMORY_FILE_SYSTEM, prefix) : Files.createTempDirectory(prefix);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Deletes a directory made by {@link #scratchDir} and everything in it.
     *
     * @param dir to delete.
     */
    static void deleteTree(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
