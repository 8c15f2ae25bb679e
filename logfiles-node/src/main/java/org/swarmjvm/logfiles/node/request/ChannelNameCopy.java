package org.swarmjvm.logfiles.node.request;

import org.agrona.DirectBuffer;

/**
 * A channel name copied out of a request, turned into text only when it differs from the last one: a connection
 * writing to the same channel again and again allocates nothing for the name.
 */
public final class ChannelNameCopy
{
    private final byte[] bytes = new byte[org.swarmjvm.protocol.logfiles.LogfilesConst.MAX_CHANNEL_NAME_LENGTH];
    private int length;
    private String text = "";

    /**
     * Copies a name.
     *
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name, at most 255.
     */
    public void copy(final DirectBuffer buffer, final int offset, final int length)
    {
        boolean same = length == this.length;
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            same &= bytes[i] == b;
            bytes[i] = b;
        }
        if (!same)
        {
            this.length = length;
            text = null;
        }
    }

    /**
     * @return the name as text.
     */
    public String text()
    {
        if (null == text)
        {
            text = new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
        }
        return text;
    }
}
