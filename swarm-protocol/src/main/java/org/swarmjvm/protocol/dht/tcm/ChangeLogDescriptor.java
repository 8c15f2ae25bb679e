package org.swarmjvm.protocol.dht.tcm;

/**
 * Layout of a channel's change log {@code <channel>.tcl.<sequence>} (written by dht-dump in continuous mode,
 * replayed by the DHT node after {@code <channel>.tcm}); every integer little-endian.
 * <pre>
 *   0               4               8
 *  +---------------+---------------+
 *  | magic "TCL1"  | version = 1   |                   file header
 *  +---------------+---------------+------+-------------------+------------ - -
 *  | length u32    | CRC-32C u32   | type | key u64           | value bytes ...     one entry
 *  +---------------+---------------+------+-------------------+------------ - -
 *  | ... more entries, up to the end of the file                                  |
 * </pre>
 * {@code length} counts the bytes after the checksum (type, key, value); the CRC-32C covers the same bytes. An
 * entry that does not fit the file, has an impossible length or a wrong checksum is a torn tail (or damage):
 * reading stops before it. Types: {@link #PUT} (the value follows), {@link #REMOVE} and {@link #CLEAR} (no
 * value; the key of a clear is 0). A clear drops every record of the channel before it: the channel was removed,
 * or a full snapshot of the node's channel follows.
 * <p>
 * Replaying a sequence of entries twice gives the same records as replaying it once (every entry sets or drops a
 * whole record), so a crash between writing a compacted {@code .tcm} and deleting the logs it holds loses nothing.
 */
public final class ChangeLogDescriptor
{
    /** "TCL1" read as a little-endian u32. */
    public static final int MAGIC = 'T' | 'C' << 8 | 'L' << 16 | '1' << 24;

    /** The only format version there is. */
    public static final int FORMAT_VERSION = 1;

    /** Offset of the magic in the file. */
    public static final int MAGIC_OFFSET = 0;

    /** Offset of the version in the file. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + Integer.BYTES;

    /** Length of the file header. */
    public static final int HEADER_LENGTH = VERSION_OFFSET + Integer.BYTES;

    /** Offset of the length, from the start of an entry. */
    public static final int LENGTH_OFFSET = 0;

    /** Offset of the checksum, from the start of an entry. */
    public static final int CHECKSUM_OFFSET = LENGTH_OFFSET + Integer.BYTES;

    /** Offset of the type: the first byte the length counts and the checksum covers. */
    public static final int TYPE_OFFSET = CHECKSUM_OFFSET + Integer.BYTES;

    /** Offset of the key. */
    public static final int KEY_OFFSET = TYPE_OFFSET + 1;

    /** Offset of the value. */
    public static final int VALUE_OFFSET = KEY_OFFSET + Long.BYTES;

    /** Bytes before the type: length and checksum. */
    public static final int FRAME_LENGTH = TYPE_OFFSET;

    /** Smallest value of the length field: type and key. */
    public static final int MIN_LENGTH = VALUE_OFFSET - TYPE_OFFSET;

    /** Largest value of the length field: type, key and the longest value a {@code .tcm} holds. */
    public static final int MAX_LENGTH = MIN_LENGTH + TcmRecordDescriptor.MAX_VALUE_LENGTH;

    /** Entry type: the record was put; its value follows. */
    public static final byte PUT = 1;

    /** Entry type: the record was removed. */
    public static final byte REMOVE = 2;

    /** Entry type: every record before is dropped (channel removed, or a snapshot follows). */
    public static final byte CLEAR = 3;

    /** File name part between the channel and the sequence number: {@code <channel>.tcl.<sequence>}. */
    public static final String INFIX = ".tcl.";

    private ChangeLogDescriptor()
    {
    }

    /**
     * @param valueLength of a put, 0 for the other types.
     * @return bytes the entry takes in the file.
     */
    public static int entryLength(final int valueLength)
    {
        return VALUE_OFFSET + valueLength;
    }
}
