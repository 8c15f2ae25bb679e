package org.swarmjvm.protocol.neo;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Reads the fields of one neo message payload, checking every length before reading: a missing field makes
 * the read return false (or -1) instead of throwing. Reusable: {@link #wrap} per message.
 */
public final class NeoPayloadReader
{
    private DirectBuffer buffer;
    private int position;
    private int end;
    private int arrayOffset;
    private int arrayLength;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this reader.
     */
    public NeoPayloadReader wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
        return this;
    }

    /**
     * @return bytes not read yet.
     */
    public int remaining()
    {
        return end - position;
    }

    /**
     * @return the buffer being read.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the next u8, or -1 when none is left.
     */
    public int readU8()
    {
        if (end - position < 1)
        {
            return -1;
        }
        return buffer.getByte(position++) & 0xff;
    }

    /**
     * @return true when 8 more bytes are available.
     */
    public boolean hasLong()
    {
        return end - position >= Long.BYTES;
    }

    /**
     * Reads a u64; check {@link #hasLong()} first.
     *
     * @return the value.
     */
    public long readLong()
    {
        final long value = buffer.getLong(position, LITTLE_ENDIAN);
        position += Long.BYTES;
        return value;
    }

    /**
     * Reads an {@code ARRAY}: its bytes are then at {@link #arrayOffset()}, {@link #arrayLength()}.
     *
     * @return false when the prefix or the bytes are missing.
     */
    public boolean readArray()
    {
        if (!hasLong())
        {
            return false;
        }
        final long length = buffer.getLong(position, LITTLE_ENDIAN);
        if (length < 0 || length > end - position - Long.BYTES)
        {
            return false;
        }
        arrayOffset = position + Long.BYTES;
        arrayLength = (int)length;
        position = arrayOffset + arrayLength;
        return true;
    }

    /**
     * @return offset of the array read last.
     */
    public int arrayOffset()
    {
        return arrayOffset;
    }

    /**
     * @return length of the array read last.
     */
    public int arrayLength()
    {
        return arrayLength;
    }
}
