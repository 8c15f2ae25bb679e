package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The header in front of every record value in a bucket file, little-endian, no alignment or padding
 * ({@code RecordHeader} / {@code RecordHeaderV1}).
 * <pre>
 *   0                   8                   16   17
 *   +-------------------+-------------------+----+---------- - -
 *   | u64 key           | u64 value length  | P  | value ...        version 1 (17-byte header)
 *   +-------------------+-------------------+----+---------- - -
 *   +-------------------+-------------------+---------- - -
 *   | u64 key           | u64 value length  | value ...             legacy (16-byte header)
 *   +-------------------+-------------------+---------- - -
 *   P = parity: XOR of header bytes 0..15, so the XOR of all 17 header bytes of a sound header is 0.
 * </pre>
 * Only the header is checked; the value has no checksum, and records follow each other directly.
 */
public final class RecordHeaderFlyweight
{
    /** Offset of the u64 key. */
    public static final int KEY_OFFSET = 0;

    /** Offset of the u64 value length. */
    public static final int VALUE_LENGTH_OFFSET = KEY_OFFSET + Long.BYTES;

    /** Offset of the parity byte (version 1 only). */
    public static final int PARITY_OFFSET = VALUE_LENGTH_OFFSET + Long.BYTES;

    /** Bytes of a legacy header. */
    public static final int LEGACY_LENGTH = PARITY_OFFSET;

    /** Bytes of a version 1 header. */
    public static final int V1_LENGTH = PARITY_OFFSET + Byte.BYTES;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the header.
     * @param offset of the header's first byte.
     * @return this flyweight.
     */
    public RecordHeaderFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @return the record key.
     */
    public long key()
    {
        return buffer.getLong(offset + KEY_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param key the record key.
     * @return this flyweight.
     */
    public RecordHeaderFlyweight key(final long key)
    {
        buffer.putLong(offset + KEY_OFFSET, key, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @return the value length as stored, a u64 (negative when absurdly large).
     */
    public long valueLength()
    {
        return buffer.getLong(offset + VALUE_LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param length the value length.
     * @return this flyweight.
     */
    public RecordHeaderFlyweight valueLength(final long length)
    {
        buffer.putLong(offset + VALUE_LENGTH_OFFSET, length, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @return the stored parity byte (version 1 only).
     */
    public int parity()
    {
        return buffer.getByte(offset + PARITY_OFFSET) & 0xff;
    }

    /**
     * Computes and stores the parity of the key and length written before (version 1 only).
     *
     * @return this flyweight.
     */
    public RecordHeaderFlyweight writeParity()
    {
        buffer.putByte(offset + PARITY_OFFSET, (byte)computeParity(buffer, offset));
        return this;
    }

    /**
     * @return true when the XOR of all 17 header bytes is 0 (version 1 only).
     */
    public boolean isParityValid()
    {
        return computeParity(buffer, offset) == parity();
    }

    /**
     * The parity of a header: the XOR of its 16 key and length bytes.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return the parity, 0..255.
     */
    public static int computeParity(final DirectBuffer buffer, final int offset)
    {
        final long x = buffer.getLong(offset + KEY_OFFSET, LITTLE_ENDIAN) ^
            buffer.getLong(offset + VALUE_LENGTH_OFFSET, LITTLE_ENDIAN);
        long fold = x ^ (x >>> 32);
        fold ^= fold >>> 16;
        fold ^= fold >>> 8;
        return (int)fold & 0xff;
    }
}
