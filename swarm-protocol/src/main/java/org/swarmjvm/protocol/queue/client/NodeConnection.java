package org.swarmjvm.protocol.queue.client;

import org.agrona.ExpandableArrayBuffer;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.queue.codec.QueueRequestEncoder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One blocking TCP connection to a queue node: requests are written through a {@link QueueRequestEncoder} into a
 * scratch buffer and sent; responses are read field by field. Not thread-safe.
 */
final class NodeConnection implements AutoCloseable
{
    /** The original client's stream buffer size. */
    static final int STREAM_BUFFER_SIZE = 64 * 1024;

    private final InetSocketAddress address;
    private final int connectTimeoutMillis;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
    private final WireWriter writer = new WireWriter();
    private final QueueRequestEncoder encoder = new QueueRequestEncoder(writer);
    private final byte[] number = new byte[Long.BYTES];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    NodeConnection(final InetSocketAddress address, final int connectTimeoutMillis)
    {
        this.address = address;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    InetSocketAddress address()
    {
        return address;
    }

    /**
     * Starts a request: the returned encoder writes into the scratch buffer, {@link #send()} sends it.
     */
    QueueRequestEncoder encoder()
    {
        writer.wrap(scratch, 0);
        return encoder;
    }

    void send() throws IOException
    {
        connect();
        out.write(scratch.byteArray(), 0, writer.position());
    }

    void flush() throws IOException
    {
        out.flush();
    }

    SwarmStatus readStatus() throws IOException
    {
        out.flush();
        readFully(Integer.BYTES);
        final int code = (number[0] & 0xff) | (number[1] & 0xff) << 8 | (number[2] & 0xff) << 16 | number[3] << 24;
        final SwarmStatus status = SwarmStatus.of(code);
        if (null == status)
        {
            throw new SwarmProtocolException("node " + address + " answered the unknown status " + code);
        }
        return status;
    }

    byte[] readArray() throws IOException
    {
        final long length = readU64();
        if (length < 0 || length > ArrayPrefix.MAX_ARRAY_LENGTH)
        {
            throw new SwarmProtocolException("node " + address + " sent an array of " + Long.toUnsignedString(length) +
                " bytes, over the " + ArrayPrefix.MAX_ARRAY_LENGTH + "-byte limit");
        }
        final byte[] bytes = new byte[(int)length];
        readFully(bytes, bytes.length);
        return bytes;
    }

    long readU64() throws IOException
    {
        readFully(Long.BYTES);
        long value = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--)
        {
            value = value << 8 | (number[i] & 0xff);
        }
        return value;
    }

    int readU16() throws IOException
    {
        readFully(Short.BYTES);
        return (number[0] & 0xff) | (number[1] & 0xff) << 8;
    }

    boolean isConnected()
    {
        return null != socket;
    }

    @Override
    public void close()
    {
        final Socket s = socket;
        socket = null;
        in = null;
        out = null;
        if (null != s)
        {
            try
            {
                s.close();
            }
            catch (final IOException ignore)
            {
                // closing a socket that failed already: nothing is left to release
            }
        }
    }

    private void connect() throws IOException
    {
        if (null != socket)
        {
            return;
        }
        final InetSocketAddress resolved = address.isUnresolved() ?
            new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        final Socket s = new Socket();
        try
        {
            s.connect(resolved, connectTimeoutMillis);
            s.setTcpNoDelay(true);
            in = new BufferedInputStream(s.getInputStream(), STREAM_BUFFER_SIZE);
            out = new BufferedOutputStream(s.getOutputStream(), STREAM_BUFFER_SIZE);
            socket = s;
        }
        catch (final IOException ex)
        {
            s.close();
            throw ex;
        }
    }

    private void readFully(final int length) throws IOException
    {
        readFully(number, length);
    }

    private void readFully(final byte[] into, final int length) throws IOException
    {
        if (null == in)
        {
            throw new EOFException("not connected to " + address);
        }
        int read = 0;
        while (read < length)
        {
            final int n = in.read(into, read, length - read);
            if (n < 0)
            {
                throw new EOFException("node " + address + " closed the connection");
            }
            read += n;
        }
    }
}
