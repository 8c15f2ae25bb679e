package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The formats a bucket file can have, told apart by its first 16 bytes ({@code BucketFile.readBucketHeader}).
 * <pre>
 * versioned header (16 bytes):
 *   0                   8                   16
 *   +-------------------+-------------------+---------- - -
 *   | u64 version (LE)  | "DLSBUCKT"        | records ...
 *   +-------------------+-------------------+---------- - -
 * legacy (no header):
 *   0
 *   +---------- - -
 *   | records ...
 *   +---------- - -
 * </pre>
 * A file is versioned iff bytes 8..15 are {@code DLSBUCKT} and the version is at most 1; anything else is legacy,
 * records from offset 0. The magic sits where a legacy record's length would be (about 6·10^18), so it cannot be
 * mistaken for a real legacy record. Files shorter than the header hold no record in any format.
 */
public enum BucketFormat
{
    /** No header; records with the 16-byte legacy header from offset 0. */
    LEGACY(0, RecordHeaderFlyweight.LEGACY_LENGTH),
    /** Header with version 0: legacy records after the header. Valid, but never written by anyone. */
    VERSION_0(BucketFormat.HEADER_LENGTH, RecordHeaderFlyweight.LEGACY_LENGTH),
    /** Header with version 1: records with the 17-byte header carrying a parity byte. */
    VERSION_1(BucketFormat.HEADER_LENGTH, RecordHeaderFlyweight.V1_LENGTH);

    /** Bytes of the versioned header, and the smallest file the original reads at all. */
    public static final int HEADER_LENGTH = 16;

    /** Offset of the u64 version. */
    public static final int VERSION_OFFSET = 0;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 8;

    /** The magic {@code "DLSBUCKT"} as the little-endian u64 it reads as. */
    public static final long MAGIC = 0x544b435542534c44L;

    private final int dataOffset;
    private final int recordHeaderLength;

    BucketFormat(final int dataOffset, final int recordHeaderLength)
    {
        this.dataOffset = dataOffset;
        this.recordHeaderLength = recordHeaderLength;
    }

    /**
     * @return offset of the first record.
     */
    public int dataOffset()
    {
        return dataOffset;
    }

    /**
     * @return bytes of each record's header: 16 (legacy layout) or 17 (version 1).
     */
    public int recordHeaderLength()
    {
        return recordHeaderLength;
    }

    /**
     * @return true when records carry a parity byte.
     */
    public boolean hasParity()
    {
        return this == VERSION_1;
    }

    /**
     * Tells the format from the first 16 bytes of a file of at least 16 bytes.
     *
     * @param buffer holding the bytes.
     * @param offset of the file's first byte.
     * @return the file's format.
     */
    public static BucketFormat detect(final DirectBuffer buffer, final int offset)
    {
        if (buffer.getLong(offset + MAGIC_OFFSET, LITTLE_ENDIAN) != MAGIC)
        {
            return LEGACY;
        }
        final long version = buffer.getLong(offset + VERSION_OFFSET, LITTLE_ENDIAN);
        if (0 == version)
        {
            return VERSION_0;
        }
        return 1 == version ? VERSION_1 : LEGACY;
    }

    /**
     * Writes the header every new bucket file starts with: version 1.
     *
     * @param buffer to write into.
     * @param offset of the header.
     */
    public static void writeVersion1Header(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset + VERSION_OFFSET, 1L, LITTLE_ENDIAN);
        buffer.putLong(offset + MAGIC_OFFSET, MAGIC, LITTLE_ENDIAN);
    }
}
