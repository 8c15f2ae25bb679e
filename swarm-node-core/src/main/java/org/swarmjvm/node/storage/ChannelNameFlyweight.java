package org.swarmjvm.node.storage;

import org.agrona.DirectBuffer;

/**
 * A channel name as it lies in a request buffer, usable as a lookup key in a map whose keys are the channel
 * names as {@link String}s: its hash code is the one {@link String#hashCode()} gives for the same ASCII name, and
 * it equals such a string. Looking a channel up thus allocates nothing. Valid channel names are ASCII.
 */
public final class ChannelNameFlyweight
{
    private DirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return this flyweight.
     */
    public ChannelNameFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    @Override
    public int hashCode()
    {
        int hash = 0;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            hash = 31 * hash + (buffer.getByte(i) & 0xff);
        }
        return hash;
    }

    @Override
    public boolean equals(final Object other)
    {
        if (!(other instanceof String))
        {
            return false;
        }
        final String name = (String)other;
        if (name.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (name.charAt(i) != (buffer.getByte(offset + i) & 0xff))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString()
    {
        return buffer.getStringWithoutLengthAscii(offset, length);
    }
}
