package org.swarmjvm.queue.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The 32-byte header of a record in {@code overflow.dat} (spec §4.2), little-endian, followed by the payload.
 * <pre>
 *   0       4       8               16  17              24              32
 *  +-------+-------+---------------+---+---------------+---------------+------------ - -
 *  | u32   | pad 0 | i64 next      | p | pad 0         | u64 length L  | L payload bytes
 *  | id    |       | offset        |   |               |               |
 *  +-------+-------+---------------+---+---------------+---------------+------------ - -
 * </pre>
 * {@code id} is the overflow channel (storage) id, at least 1 (0 only in a filler record); {@code next offset}
 * is the distance from this record to the next record of the same storage, 0 while this is its last record;
 * {@code p} is the parity: the XOR of every byte of id, next offset and length, so that a valid header XORs to 0
 * over those bytes and the parity byte.
 */
public final class OverflowRecordDescriptor
{
    /** Offset of the u32 channel id. */
    public static final int ID_OFFSET = 0;
    /** Offset of the i64 distance to the next record of the same storage. */
    public static final int NEXT_OFFSET_OFFSET = ID_OFFSET + 8;
    /** Offset of the u8 parity. */
    public static final int PARITY_OFFSET = NEXT_OFFSET_OFFSET + Long.BYTES;
    /** Offset of the u64 payload length. */
    public static final int LENGTH_OFFSET = PARITY_OFFSET + 8;
    /** Bytes of the header. */
    public static final int HEADER_LENGTH = LENGTH_OFFSET + Long.BYTES;

    /** The 8 bytes at the start of {@code overflow.dat}: magic and version, ASCII, no terminator. */
    public static final byte[] FILE_MAGIC = {'Q', 'D', 'S', 'K', 'O', 'F', '0', '1'};

    private OverflowRecordDescriptor()
    {
    }

    /**
     * The parity byte of a header.
     *
     * @param id         channel id.
     * @param nextOffset distance to the next record, or 0.
     * @param length     payload length.
     * @return the parity.
     */
    public static byte parity(final int id, final long nextOffset, final long length)
    {
        long x = (id & 0xffff_ffffL) ^ nextOffset ^ length;
        x ^= x >>> 32;
        x ^= x >>> 16;
        x ^= x >>> 8;
        return (byte)x;
    }

    /**
     * Writes a complete header, padding zeroed.
     *
     * @param buffer     to write into.
     * @param offset     of the header.
     * @param id         channel id.
     * @param nextOffset distance to the next record, or 0.
     * @param length     payload length.
     */
    public static void write(
        final MutableDirectBuffer buffer, final int offset, final int id, final long nextOffset, final long length)
    {
        buffer.setMemory(offset, HEADER_LENGTH, (byte)0);
        buffer.putInt(offset + ID_OFFSET, id, LITTLE_ENDIAN);
        buffer.putLong(offset + NEXT_OFFSET_OFFSET, nextOffset, LITTLE_ENDIAN);
        buffer.putByte(offset + PARITY_OFFSET, parity(id, nextOffset, length));
        buffer.putLong(offset + LENGTH_OFFSET, length, LITTLE_ENDIAN);
    }

    /**
     * @param buffer holding a header.
     * @param offset of the header.
     * @return true when the parity matches.
     */
    public static boolean isParityValid(final DirectBuffer buffer, final int offset)
    {
        return parity(id(buffer, offset), nextOffset(buffer, offset), length(buffer, offset)) ==
            buffer.getByte(offset + PARITY_OFFSET);
    }

    /**
     * @param buffer holding a header.
     * @param offset of the header.
     * @return the channel id.
     */
    public static int id(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param buffer holding a header.
     * @param offset of the header.
     * @return the distance to the next record of the storage.
     */
    public static long nextOffset(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + NEXT_OFFSET_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param buffer holding a header.
     * @param offset of the header.
     * @return the payload length.
     */
    public static long length(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + LENGTH_OFFSET, LITTLE_ENDIAN);
    }
}
