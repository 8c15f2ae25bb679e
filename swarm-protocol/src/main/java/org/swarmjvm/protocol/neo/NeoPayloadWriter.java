package org.swarmjvm.protocol.neo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds a client's request message payload, little-endian, growing as needed: code and version, then the
 * arguments. Clients and tests only; the node writes into its connection buffer instead.
 */
public final class NeoPayloadWriter
{
    private ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * @param code    request code.
     * @param version request version.
     * @return a payload starting with them.
     */
    public static NeoPayloadWriter request(final int code, final int version)
    {
        return new NeoPayloadWriter().u8(code).u8(version);
    }

    private void ensure(final int length)
    {
        if (buffer.remaining() < length)
        {
            final ByteBuffer bigger = ByteBuffer.allocate(Math.max(2 * buffer.capacity(),
                buffer.position() + length)).order(ByteOrder.LITTLE_ENDIAN);
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }

    /**
     * @param value the low 8 bits are written.
     * @return this writer.
     */
    public NeoPayloadWriter u8(final int value)
    {
        ensure(1);
        buffer.put((byte)value);
        return this;
    }

    /**
     * @param value written as 4 bytes.
     * @return this writer.
     */
    public NeoPayloadWriter u32(final int value)
    {
        ensure(Integer.BYTES);
        buffer.putInt(value);
        return this;
    }

    /**
     * @param value written as 8 bytes.
     * @return this writer.
     */
    public NeoPayloadWriter u64(final long value)
    {
        ensure(Long.BYTES);
        buffer.putLong(value);
        return this;
    }

    /**
     * @param value written as {@code ARRAY}: u64 length, then the bytes.
     * @return this writer.
     */
    public NeoPayloadWriter array(final byte[] value)
    {
        ensure(Long.BYTES + value.length);
        buffer.putLong(value.length).put(value);
        return this;
    }

    /**
     * @param value ASCII text written as {@code ARRAY}.
     * @return this writer.
     */
    public NeoPayloadWriter array(final String value)
    {
        return array(value.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @return a copy of the bytes written.
     */
    public byte[] bytes()
    {
        final byte[] bytes = new byte[buffer.position()];
        buffer.flip();
        buffer.get(bytes);
        buffer.position(bytes.length).limit(buffer.capacity());
        return bytes;
    }
}
