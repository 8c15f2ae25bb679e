package org.swarmjvm.protocol.dht;

/**
 * Constants of the legacy DHT protocol.
 */
public final class DhtConst
{
    /** The API version string GetVersion answers; clients require exactly this. */
    public static final String API_VERSION = "20110401";

    /** Default {@code batch_size}: the largest uncompressed GetAll batch. */
    public static final int DEFAULT_BATCH_SIZE = 64 * 1024;

    /** Smallest {@code batch_size} the node accepts. */
    public static final int MIN_BATCH_SIZE = 1024;

    /** A record must fit an empty batch: a 16-digit key and two 8-byte lengths besides the value. */
    public static final int RECORD_OVERHEAD = 32;

    /**
     * Longest channel name the DHT node accepts. The original sets none, but it writes each channel to
     * {@code <name>.tcm.XXXXXX.dumping} and then {@code <name>.tcm}, and a Linux file name stops at 255 bytes: a
     * longer name was accepted and its records lost at the next dump. Longer names get BadChannelName.
     */
    public static final int MAX_CHANNEL_NAME_LENGTH = 255 - ".tcm.XXXXXX.dumping".length();

    private DhtConst()
    {
    }

    /**
     * The largest value Put accepts for a batch size.
     *
     * @param batchSize the node's {@code batch_size}.
     * @return {@code batchSize - 32}.
     */
    public static int maxValueLength(final int batchSize)
    {
        return batchSize - RECORD_OVERHEAD;
    }
}
