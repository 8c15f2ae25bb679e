package org.swarmjvm.protocol.codec;

import org.agrona.DirectBuffer;

/**
 * Channel name rules of the legacy protocols: at least one byte, every byte ASCII alphanumeric, {@code '_'} or
 * {@code '-'} (swarm's {@code validateChannelName}).
 * <p>
 * The original sets no maximum length, but a channel name becomes a file name ({@code <name>.tcm}, a logfiles
 * channel directory, {@code <name>.rq}), and Linux file names stop at 255 bytes. Names longer than
 * {@link #MAX_LENGTH} are therefore refused with BadChannelName instead of being accepted and then lost at the
 * next dump (see docs/protocol-choices.md).
 */
public final class ChannelName
{
    /** Longest accepted name: {@code <name>.tcm} must still be a valid file name. */
    public static final int MAX_LENGTH = 251;

    private ChannelName()
    {
    }

    /**
     * Whether the bytes form a valid channel name.
     *
     * @param buffer holding the name.
     * @param offset of the first byte.
     * @param length of the name in bytes.
     * @return true when the name may be used.
     */
    public static boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1 || length > MAX_LENGTH)
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
     * @return true when the name may be used.
     */
    public static boolean isValid(final CharSequence name)
    {
        final int length = name.length();
        if (length < 1 || length > MAX_LENGTH)
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
