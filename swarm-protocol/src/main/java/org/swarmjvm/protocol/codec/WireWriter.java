package org.swarmjvm.protocol.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.swarmjvm.protocol.SwarmStatus;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes legacy protocol fields one after another into a buffer: the encoder of requests (clients) and of
 * replies (nodes). Wrapped once over a connection's buffer and reused, it allocates nothing.
 */
public final class WireWriter
{
    private MutableDirectBuffer buffer;
    private int position;

    /**
     * Starts writing.
     *
     * @param buffer to write into; an expandable buffer grows as needed.
     * @param offset where the first field goes.
     * @return this writer.
     */
    public WireWriter wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.position = offset;
        return this;
    }

    /**
     * @return where the next field goes.
     */
    public int position()
    {
        return position;
    }

    /**
     * Moves the position, after bytes were written into the buffer directly.
     *
     * @param position where the next field goes.
     * @return this writer.
     */
    public WireWriter position(final int position)
    {
        this.position = position;
        return this;
    }

    /**
     * @return the buffer written into.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param value a command code or any i32.
     * @return this writer.
     */
    public WireWriter i32(final int value)
    {
        buffer.putInt(position, value, LITTLE_ENDIAN);
        position += Integer.BYTES;
        return this;
    }

    /**
     * @param status a status code.
     * @return this writer.
     */
    public WireWriter status(final SwarmStatus status)
    {
        return i32(status.code());
    }

    /**
     * @param value the low 8 bits are written.
     * @return this writer.
     */
    public WireWriter u8(final int value)
    {
        buffer.putByte(position, (byte)value);
        position += Byte.BYTES;
        return this;
    }

    /**
     * @param value the low 16 bits are written.
     * @return this writer.
     */
    public WireWriter u16(final int value)
    {
        buffer.putShort(position, (short)value, LITTLE_ENDIAN);
        position += Short.BYTES;
        return this;
    }

    /**
     * @param value a u64 (or a hash range bound, a count).
     * @return this writer.
     */
    public WireWriter u64(final long value)
    {
        buffer.putLong(position, value, LITTLE_ENDIAN);
        position += Long.BYTES;
        return this;
    }

    /**
     * @param src    bytes of the array.
     * @param offset of the first byte.
     * @param length of the array.
     * @return this writer.
     */
    public WireWriter array(final DirectBuffer src, final int offset, final int length)
    {
        u64(length);
        buffer.putBytes(position, src, offset, length);
        position += length;
        return this;
    }

    /**
     * @param bytes of the array.
     * @return this writer.
     */
    public WireWriter array(final byte[] bytes)
    {
        u64(bytes.length);
        buffer.putBytes(position, bytes);
        position += bytes.length;
        return this;
    }

    /**
     * @param text written as ASCII bytes.
     * @return this writer.
     */
    public WireWriter array(final String text)
    {
        u64(text.length());
        position += buffer.putStringWithoutLengthAscii(position, text);
        return this;
    }

    /**
     * @return this writer, after {@code ARRAY("")}: the end marker of streams.
     */
    public WireWriter emptyArray()
    {
        return u64(0);
    }

    /**
     * @param key written as {@code ARRAY} of 16 lower-case hex digits.
     * @return this writer.
     */
    public WireWriter hexKey(final long key)
    {
        u64(HexKey.LENGTH);
        HexKey.put(key, buffer, position);
        position += HexKey.LENGTH;
        return this;
    }
}
