package org.swarmjvm.protocol.logfiles;

/**
 * Constants of the legacy logfiles protocol.
 */
public final class LogfilesConst
{
    /** The API version string GetVersion answers ({@code DlsConst.ApiVersion}). */
    public static final String API_VERSION = "20110401";

    /** The largest uncompressed batch of a bulk answer ({@code RecordBatcher.DefaultMaxBatchSize}). */
    public static final int BATCH_SIZE = 64 * 1024;

    /** The longest value Put accepts; a longer one is answered with OutOfMemory (407), not ValueTooBig. */
    public static final int MAX_PUT_VALUE_LENGTH = 64 * 1024;

    /** Bytes a record takes in a batch besides its value: a 16-digit key and two u64 lengths. */
    public static final int RECORD_OVERHEAD = 32;

    /**
     * Longest channel name accepted. The original sets none, but a channel is a directory named after it and a
     * Linux file name stops at 255 bytes: the original closed the connection on a 256-byte name because it could
     * not create the directory. Longer names get BadChannelName here, and the connection stays usable.
     */
    public static final int MAX_CHANNEL_NAME_LENGTH = 255;

    private LogfilesConst()
    {
    }
}
