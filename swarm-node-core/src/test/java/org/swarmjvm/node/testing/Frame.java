package org.swarmjvm.node.testing;

import org.agrona.ExpandableArrayBuffer;
import org.swarmjvm.protocol.codec.WireWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the bytes a client sends, little-endian, including malformed ones (any declared length).
 */
public final class Frame
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final WireWriter writer = new WireWriter().wrap(buffer, 0);

    /**
     * @param value a command code or any 4-byte field.
     * @return this frame.
     */
    public Frame i32(final int value)
    {
        writer.i32(value);
        return this;
    }

    /**
     * @param value an array length prefix (any value, absurd ones included) or any 8-byte field.
     * @return this frame.
     */
    public Frame u64(final long value)
    {
        writer.u64(value);
        return this;
    }

    /**
     * @param value a 1-byte field.
     * @return this frame.
     */
    public Frame u8(final int value)
    {
        writer.u8(value);
        return this;
    }

    /**
     * @param value a 2-byte field.
     * @return this frame.
     */
    public Frame u16(final int value)
    {
        writer.u16(value);
        return this;
    }

    /**
     * @param bytes an {@code ARRAY}: length prefix and content.
     * @return this frame.
     */
    public Frame array(final byte[] bytes)
    {
        writer.array(bytes);
        return this;
    }

    /**
     * @param text an {@code ARRAY} of its US-ASCII bytes.
     * @return this frame.
     */
    public Frame array(final String text)
    {
        return array(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param bytes raw bytes, no prefix.
     * @return this frame.
     */
    public Frame raw(final byte[] bytes)
    {
        buffer.putBytes(writer.position(), bytes);
        writer.position(writer.position() + bytes.length);
        return this;
    }

    /**
     * @return how many bytes were built so far: the offset of the next field.
     */
    public int length()
    {
        return writer.position();
    }

    /**
     * @return the bytes built so far.
     */
    public byte[] bytes()
    {
        return Arrays.copyOf(buffer.byteArray(), writer.position());
    }
}
