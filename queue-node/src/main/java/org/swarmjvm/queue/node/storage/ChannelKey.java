package org.swarmjvm.queue.node.storage;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A channel name as a hash key, by its bytes. One mutable instance per lookup site wraps a name straight from
 * a request buffer, so finding a channel allocates nothing; the map holds immutable copies.
 */
final class ChannelKey
{
    private byte[] bytes;
    private int length;
    private int hash;

    ChannelKey(final int capacity)
    {
        bytes = new byte[capacity];
    }

    ChannelKey(final String name)
    {
        bytes = name.getBytes(StandardCharsets.US_ASCII);
        length = bytes.length;
        hash = hash(bytes, length);
    }

    ChannelKey wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > bytes.length)
        {
            bytes = new byte[length];
        }
        buffer.getBytes(offset, bytes, 0, length);
        this.length = length;
        this.hash = hash(bytes, length);
        return this;
    }

    ChannelKey wrap(final String name)
    {
        final int length = name.length();
        if (length > bytes.length)
        {
            bytes = new byte[length];
        }
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)name.charAt(i);
        }
        this.length = length;
        this.hash = hash(bytes, length);
        return this;
    }

    String asString()
    {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    @Override
    public int hashCode()
    {
        return hash;
    }

    @Override
    public boolean equals(final Object other)
    {
        if (!(other instanceof ChannelKey))
        {
            return false;
        }
        final ChannelKey that = (ChannelKey)other;
        return length == that.length && hash == that.hash &&
            Arrays.equals(bytes, 0, length, that.bytes, 0, that.length);
    }

    private static int hash(final byte[] bytes, final int length)
    {
        int h = 1;
        for (int i = 0; i < length; i++)
        {
            h = 31 * h + bytes[i];
        }
        return h;
    }
}
