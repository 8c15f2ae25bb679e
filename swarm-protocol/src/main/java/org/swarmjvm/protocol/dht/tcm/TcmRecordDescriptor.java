package org.swarmjvm.protocol.dht.tcm;

import org.swarmjvm.protocol.codec.HexKey;

/**
 * Layout of a {@code .tcm} dump file (the DHT node's {@code DumpFile}); every integer is a u64, little-endian.
 * <pre>
 *   0                   8
 *  +-------------------+
 *  | version = 0       |                      file header
 *  +-------------------+------------------ - -
 *  | key length        | key bytes ...        one record: 16 hex digits as written,
 *  +-------------------+------------------ - -   or 8 bytes raw LE as some old files hold
 *  | value length      | value bytes ...
 *  +-------------------+------------------ - -
 *  | ... more records                         |
 *  +-------------------+
 *  | 0                 |                      end marker: an empty key, no value follows
 *  +-------------------+-------------------------------------------+
 *  | zero bytes up to the next multiple of {@link #BLOCK_SIZE} (direct I/O) |
 *  +---------------------------------------------------------------+
 * </pre>
 * There is no checksum, no record count and no channel name: the file is named {@code <channel>.tcm}.
 */
public final class TcmRecordDescriptor
{
    /** Offset of the format version in the file. */
    public static final int VERSION_OFFSET = 0;

    /** The only format version there is. */
    public static final long FORMAT_VERSION = 0;

    /** Length of the file header (the version). */
    public static final int HEADER_LENGTH = VERSION_OFFSET + Long.BYTES;

    /** Offset of the key length, from the start of a record. */
    public static final int KEY_LENGTH_OFFSET = 0;

    /** Offset of the key, from the start of a record. */
    public static final int KEY_OFFSET = KEY_LENGTH_OFFSET + Long.BYTES;

    /** Offset of the value length in a record with a hex key. */
    public static final int VALUE_LENGTH_OFFSET = KEY_OFFSET + HexKey.LENGTH;

    /** Offset of the value in a record with a hex key. */
    public static final int VALUE_OFFSET = VALUE_LENGTH_OFFSET + Long.BYTES;

    /** Bytes a record with a hex key takes besides its value. */
    public static final int RECORD_OVERHEAD = VALUE_OFFSET;

    /** Length of a raw binary key (old files): a u64, little-endian. */
    public static final int RAW_KEY_LENGTH = Long.BYTES;

    /** Length of the end marker. */
    public static final int END_MARKER_LENGTH = Long.BYTES;

    /** Files are padded with zeros to a multiple of this. */
    public static final int BLOCK_SIZE = 512;

    /**
     * Longest key a reader accepts: keys are 8 or 16 bytes, anything this long means a corrupt file. Longer
     * lengths are not skipped but refused, so no length prefix makes the reader buffer more.
     */
    public static final int MAX_KEY_LENGTH = 1024;

    /**
     * Longest value a reader accepts and a writer writes: 64 MiB, far above any value the node stores (at most
     * {@code batch_size - 32}); a longer length means a corrupt file.
     */
    public static final int MAX_VALUE_LENGTH = 64 * 1024 * 1024;

    private TcmRecordDescriptor()
    {
    }

    /**
     * @param contentLength bytes written, end marker included.
     * @return the file length after padding to {@link #BLOCK_SIZE}.
     */
    public static long paddedLength(final long contentLength)
    {
        return (contentLength + BLOCK_SIZE - 1) / BLOCK_SIZE * BLOCK_SIZE;
    }
}
