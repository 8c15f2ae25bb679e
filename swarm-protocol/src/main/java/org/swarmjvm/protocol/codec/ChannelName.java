package org.swarmjvm.protocol.codec;

import org.agrona.DirectBuffer;

/**
 * Channel name rules of the legacy protocols: at least one byte, every byte ASCII alphanumeric, {@code '_'} or
 * {@code '-'} (swarm's {@code validateChannelName}).
 * <p>
 * The original sets no maximum length, but a channel name becomes a file name ({@code <name>.tcm}, a logfiles
 * channel directory, {@code <name>.rq}), and Linux file names stop at 255 bytes, so each node sets its own
 * maximum and passes it in.
 */
public final class ChannelName
{
    private ChannelName()
    {
    }

    /**
     * Whether the bytes form a valid channel name.
     *
     * @param buffer holding the name.
     * @param offset of the first byte.
     * @param length of the name in bytes.
     * @param maxLength longest name the node accepts.
     * @return true when the name may be used.
     */
    public static boolean isValid(final DirectBuffer buffer, final int offset, final int length, final int maxLength)
    {
        if (length < 1 || length > maxLength)
        {
            return false;
        }
        for (int i = offset, end = offset + length; i < end; i++)
        {
            if (!isValidByte(buffer.getByte(i)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a string is a valid channel name.
     *
     * @param name to check.
     * @param maxLength longest name the node accepts.
     * @return true when the name may be used.
     */
    public static boolean isValid(final CharSequence name, final int maxLength)
    {
        final int length = name.length();
        if (length < 1 || length > maxLength)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final char c = name.charAt(i);
            if (c > 0x7f || !isValidByte((byte)c))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidByte(final byte b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-';
    }
}
