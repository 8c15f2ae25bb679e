package org.swarmjvm.node.testing.fuzz;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Little-endian reads of a node's replies from a blocking stream; every read waits for all its bytes.
 */
public final class WireInput
{
    private final InputStream in;
    private final byte[] scratch = new byte[8];
    private long bytesRead;

    /**
     * @param in buffered input of the connection.
     */
    public WireInput(final InputStream in)
    {
        this.in = in;
    }

    /**
     * @return the bytes read so far.
     */
    public long bytesRead()
    {
        return bytesRead;
    }

    /**
     * @return one unsigned byte.
     * @throws IOException at the end of input.
     */
    public int readU8() throws IOException
    {
        readFully(scratch, 1);
        return scratch[0] & 0xff;
    }

    /**
     * @return two bytes as an unsigned little-endian value.
     * @throws IOException at the end of input.
     */
    public int readU16() throws IOException
    {
        readFully(scratch, 2);
        return (scratch[0] & 0xff) | (scratch[1] & 0xff) << 8;
    }

    /**
     * @return four bytes as a little-endian int.
     * @throws IOException at the end of input.
     */
    public int readInt() throws IOException
    {
        readFully(scratch, 4);
        return (scratch[0] & 0xff) | (scratch[1] & 0xff) << 8 | (scratch[2] & 0xff) << 16 | (scratch[3] & 0xff) << 24;
    }

    /**
     * @return eight bytes as a little-endian long.
     * @throws IOException at the end of input.
     */
    public long readLong() throws IOException
    {
        readFully(scratch, 8);
        long value = 0;
        for (int i = 7; i >= 0; i--)
        {
            value = value << 8 | (scratch[i] & 0xff);
        }
        return value;
    }

    /**
     * Reads an {@code ARRAY}: its length prefix and content.
     *
     * @param limit the longest array the protocol sends.
     * @return the content.
     * @throws IOException    at the end of input.
     * @throws AssertionError when the declared length is over the limit.
     */
    public byte[] readArray(final int limit) throws IOException
    {
        final long length = readLong();
        if (length < 0 || length > limit)
        {
            throw new AssertionError("reply declares an array of " + Long.toUnsignedString(length) +
                " bytes, over " + limit);
        }
        final byte[] content = new byte[(int)length];
        readFully(content, content.length);
        return content;
    }

    /**
     * Reads until the peer closes.
     *
     * @return the number of bytes read.
     * @throws IOException when the read fails (a reset is reported as an end).
     */
    public long drain() throws IOException
    {
        final byte[] sink = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(sink)) >= 0)
        {
            total += read;
        }
        bytesRead += total;
        return total;
    }

    private void readFully(final byte[] into, final int length) throws IOException
    {
        int done = 0;
        while (done < length)
        {
            final int read = in.read(into, done, length - done);
            if (read < 0)
            {
                throw new EOFException("connection closed after " + (bytesRead + done) + " bytes of replies");
            }
            done += read;
        }
        bytesRead += length;
    }
}
