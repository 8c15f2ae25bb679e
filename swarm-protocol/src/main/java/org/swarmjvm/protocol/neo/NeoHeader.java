package org.swarmjvm.protocol.neo;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The 10-byte header in front of every neo message after the version bytes.
 * <pre>
 * offset size field
 * 0      1    type         1 = Request, 2 = Authentication
 * 1      8    body_length  u64 little-endian
 * 9      1    parity       XOR of bytes 0..8, so that the XOR of all 10 bytes is 0
 * </pre>
 */
public final class NeoHeader
{
    /** Offset of the message type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the body length. */
    public static final int BODY_LENGTH_OFFSET = TYPE_OFFSET + 1;
    /** Offset of the parity byte. */
    public static final int PARITY_OFFSET = BODY_LENGTH_OFFSET + Long.BYTES;
    /** Length of the header. */
    public static final int LENGTH = PARITY_OFFSET + 1;
    /** Type of request messages (phase 3). */
    public static final int TYPE_REQUEST = 1;
    /** Type of authentication messages (phase 2). */
    public static final int TYPE_AUTHENTICATION = 2;

    private NeoHeader()
    {
    }

    /**
     * Writes a header with its parity.
     *
     * @param buffer     to write into.
     * @param offset     of the header.
     * @param type       of the message.
     * @param bodyLength bytes of body that follow.
     */
    public static void write(final MutableDirectBuffer buffer, final int offset, final int type, final long bodyLength)
    {
        buffer.putByte(offset + TYPE_OFFSET, (byte)type);
        buffer.putLong(offset + BODY_LENGTH_OFFSET, bodyLength, LITTLE_ENDIAN);
        buffer.putByte(offset + PARITY_OFFSET, parity(buffer, offset));
    }

    /**
     * @param buffer holding a header.
     * @param offset of the header.
     * @return the XOR of the header's bytes 0..8.
     */
    public static byte parity(final DirectBuffer buffer, final int offset)
    {
        byte parity = 0;
        for (int i = 0; i < PARITY_OFFSET; i++)
        {
            parity ^= buffer.getByte(offset + i);
        }
        return parity;
    }

    /**
     * @param buffer holding a header.
     * @param offset of the header.
     * @return true when the XOR of all 10 bytes is 0.
     */
    public static boolean isParityValid(final DirectBuffer buffer, final int offset)
    {
        return parity(buffer, offset) == buffer.getByte(offset + PARITY_OFFSET);
    }

    /**
     * @param buffer holding a header.
     * @param offset of the header.
     * @return the message type.
     */
    public static int type(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + TYPE_OFFSET) & 0xff;
    }

    /**
     * @param buffer holding a header.
     * @param offset of the header.
     * @return the announced body length, unsigned (negative means more than 2^63 - 1).
     */
    public static long bodyLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + BODY_LENGTH_OFFSET, LITTLE_ENDIAN);
    }
}
