package org.swarmjvm.logfiles.node.storage;

import java.nio.file.Path;

/**
 * What the storage engine needs to know, checked once.
 *
 * @param dataDir                the channel root ({@code [Server] data_dir}); the checkpoint file lives in it too.
 * @param writeBufferSize        bytes buffered per open bucket ({@code [Options_Dls] write_buffer_size}).
 * @param readBufferSize         bytes read from a bucket file at a time ({@code [Performance] file_buffer_size}).
 * @param openBucketsPerChannel  bucket files kept open for appending per channel (the original: 3).
 */
public record StorageSettings(Path dataDir, int writeBufferSize, int readBufferSize, int openBucketsPerChannel)
{
    /** The original's write buffer per open bucket: 64 KiB. */
    public static final int DEFAULT_WRITE_BUFFER_SIZE = 64 * 1024;

    /**
     * Default read buffer. The original's default is 10 MiB per iterator; 64 KiB reads a bucket just as
     * sequentially without pinning 10 MiB per running GetAll.
     */
    public static final int DEFAULT_READ_BUFFER_SIZE = 64 * 1024;

    /** Bucket files open for appending per channel, as in the original. */
    public static final int DEFAULT_OPEN_BUCKETS_PER_CHANNEL = 3;

    /**
     * @throws IllegalArgumentException naming the value that is out of range.
     */
    public StorageSettings
    {
        if (null == dataDir)
        {
            throw new IllegalArgumentException("data_dir is required");
        }
        if (writeBufferSize < 0)
        {
            throw new IllegalArgumentException("write_buffer_size must be >= 0, not " + writeBufferSize);
        }
        if (readBufferSize < 0)
        {
            throw new IllegalArgumentException("file_buffer_size must be >= 0, not " + readBufferSize);
        }
        if (openBucketsPerChannel < 1)
        {
            throw new IllegalArgumentException("open buckets per channel must be >= 1, not " + openBucketsPerChannel);
        }
    }

    /**
     * @param dataDir the channel root.
     * @return settings with the defaults for everything else.
     */
    public static StorageSettings defaults(final Path dataDir)
    {
        return new StorageSettings(
            dataDir, DEFAULT_WRITE_BUFFER_SIZE, DEFAULT_READ_BUFFER_SIZE, DEFAULT_OPEN_BUCKETS_PER_CHANNEL);
    }
}
