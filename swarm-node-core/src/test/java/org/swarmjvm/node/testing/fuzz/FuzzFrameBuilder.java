package org.swarmjvm.node.testing.fuzz;

import org.swarmjvm.node.testing.Frame;

import java.util.Arrays;

/**
 * Builds a {@link FuzzFrame}: the request's bytes, little-endian, remembering where each array's length prefix
 * starts so that a mutation can aim at it.
 */
public final class FuzzFrameBuilder
{
    private final String name;
    private final Frame frame = new Frame();
    private int[] lengthOffsets = new int[0];
    private int streamStart = -1;

    /**
     * @param name        of the command, for reports and for the reply check.
     * @param commandCode written first.
     */
    public FuzzFrameBuilder(final String name, final int commandCode)
    {
        this.name = name;
        frame.i32(commandCode);
    }

    /**
     * @param text an {@code ARRAY} of its US-ASCII bytes.
     * @return this builder.
     */
    public FuzzFrameBuilder array(final String text)
    {
        markLength();
        frame.array(text);
        return this;
    }

    /**
     * @param content an {@code ARRAY}: length prefix and content.
     * @return this builder.
     */
    public FuzzFrameBuilder array(final byte[] content)
    {
        markLength();
        frame.array(content);
        return this;
    }

    /**
     * @param arrayBytes an array written elsewhere, its length prefix included.
     * @return this builder.
     */
    public FuzzFrameBuilder rawArray(final byte[] arrayBytes)
    {
        markLength();
        frame.raw(arrayBytes);
        return this;
    }

    /**
     * @param value a 1-byte field.
     * @return this builder.
     */
    public FuzzFrameBuilder u8(final int value)
    {
        frame.u8(value);
        return this;
    }

    /**
     * @param value a 2-byte field.
     * @return this builder.
     */
    public FuzzFrameBuilder u16(final int value)
    {
        frame.u16(value);
        return this;
    }

    /**
     * @param value a 4-byte field.
     * @return this builder.
     */
    public FuzzFrameBuilder i32(final int value)
    {
        frame.i32(value);
        return this;
    }

    /**
     * Marks the end of the request proper: what follows is a stream the client sends after the node answered it.
     *
     * @return this builder.
     */
    public FuzzFrameBuilder streamStarts()
    {
        streamStart = frame.length();
        return this;
    }

    /**
     * @return the frame.
     */
    public FuzzFrame build()
    {
        final byte[] bytes = frame.bytes();
        return new FuzzFrame(name, bytes, lengthOffsets, streamStart < 0 ? bytes.length : streamStart);
    }

    private void markLength()
    {
        lengthOffsets = Arrays.copyOf(lengthOffsets, lengthOffsets.length + 1);
        lengthOffsets[lengthOffsets.length - 1] = frame.length();
    }
}
