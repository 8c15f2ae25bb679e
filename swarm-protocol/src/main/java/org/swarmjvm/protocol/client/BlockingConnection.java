package org.swarmjvm.protocol.client;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.codec.WireWriter;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * One blocking TCP connection to one node, opened on first use and again after {@link #close()}. A request is
 * written into a reused buffer through the writer {@link #request()} returns and sent with {@link #send()}; the
 * answer is read with the typed reads below, which allocate nothing once the array buffer has grown. Every failure
 * is an {@link IOException}, or a {@link SwarmProtocolException} for an array over the caller's limit; mapping them
 * and closing the connection is the client's rule. Not thread-safe: one request at a time, as the protocol does.
 */
public final class BlockingConnection implements AutoCloseable
{
    /** The original clients' stream buffer size. */
    public static final int STREAM_BUFFER_SIZE = 64 * 1024;

    /** What {@link #arrayCopy(int)} returns for an empty array, such as the value of a missing record. */
    private static final byte[] EMPTY_ARRAY = new byte[0];

    private final InetSocketAddress address;
    private final Settings settings;
    private final ExpandableArrayBuffer requestBuffer = new ExpandableArrayBuffer(256);
    private final WireWriter writer = new WireWriter();
    private final byte[] number = new byte[Long.BYTES];
    private final UnsafeBuffer numberView = new UnsafeBuffer(number);
    private final UnsafeBuffer arrayView = new UnsafeBuffer(new byte[0]);
    private byte[] arrayBytes = new byte[0];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /**
     * How a client's connection is set up.
     *
     * @param connectTimeoutMillis how long a connect may block; zero waits forever.
     * @param readTimeoutMillis    how long each read may block; zero waits forever.
     * @param keepAlive            true to turn TCP keep-alive on.
     * @param bufferedOutput       true to buffer requests until {@link #flush()} or a read; false to send each
     *                             request at once in {@link #send()}.
     */
    public record Settings(int connectTimeoutMillis, int readTimeoutMillis, boolean keepAlive, boolean bufferedOutput)
    {
    }

    /**
     * @param address  of the node; an unresolved one is resolved again at every connect.
     * @param settings of the socket.
     */
    public BlockingConnection(final InetSocketAddress address, final Settings settings)
    {
        this.address = address;
        this.settings = settings;
    }

    /**
     * @return the node's address, as given.
     */
    public InetSocketAddress address()
    {
        return address;
    }

    /**
     * @return true while the socket is open.
     */
    public boolean isOpen()
    {
        return null != socket && !socket.isClosed();
    }

    /**
     * Starts writing a request.
     *
     * @return the writer, at the start of the request buffer.
     */
    public WireWriter request()
    {
        writer.wrap(requestBuffer, 0);
        return writer;
    }

    /**
     * @return the buffer the writer writes into, for fields written by other encoders (record batches).
     */
    public MutableDirectBuffer requestBuffer()
    {
        return requestBuffer;
    }

    /**
     * Opens the socket unless it is open.
     *
     * @throws IOException when the node cannot be reached.
     */
    public void connect() throws IOException
    {
        if (isOpen())
        {
            return;
        }
        final InetSocketAddress resolved = address.isUnresolved() ?
            new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        final Socket fresh = new Socket();
        try
        {
            fresh.setTcpNoDelay(true);
            fresh.setKeepAlive(settings.keepAlive());
            fresh.setSoTimeout(settings.readTimeoutMillis());
            fresh.connect(resolved, settings.connectTimeoutMillis());
            in = new BufferedInputStream(fresh.getInputStream(), STREAM_BUFFER_SIZE);
            out = settings.bufferedOutput() ?
                new BufferedOutputStream(fresh.getOutputStream(), STREAM_BUFFER_SIZE) : fresh.getOutputStream();
            socket = fresh;
        }
        catch (final IOException ex)
        {
            fresh.close();
            throw ex;
        }
    }

    /**
     * Sets how long each read may block on the open socket, until it closes or this is called again: for a client
     * whose requests wait for answers of different lengths on one connection. A socket opened later starts with
     * the settings' timeout again.
     *
     * @param millis how long each read may block; zero waits forever.
     * @throws IOException when the socket is not open or refuses the timeout.
     */
    public void readTimeout(final int millis) throws IOException
    {
        if (!isOpen())
        {
            throw new EOFException("not connected to " + address);
        }
        socket.setSoTimeout(millis);
    }

    /**
     * Sends the request written since {@link #request()}, connecting first if needed; with buffered output it may
     * stay in the buffer until {@link #flush()} or the next read of a status.
     *
     * @throws IOException when the node cannot be reached or the write fails.
     */
    public void send() throws IOException
    {
        connect();
        out.write(requestBuffer.byteArray(), 0, writer.position());
        if (!settings.bufferedOutput())
        {
            out.flush();
        }
    }

    /**
     * Sends whatever the output buffer holds.
     *
     * @throws IOException when the write fails.
     */
    public void flush() throws IOException
    {
        if (null != out)
        {
            out.flush();
        }
    }

    /**
     * @return the next little-endian 32-bit integer of the answer.
     * @throws IOException when the read fails or the node closed the connection.
     */
    public int readI32() throws IOException
    {
        readFully(number, Integer.BYTES);
        return numberView.getInt(0, LITTLE_ENDIAN);
    }

    /**
     * @return the next byte of the answer, unsigned.
     * @throws IOException when the read fails or the node closed the connection.
     */
    public int readU8() throws IOException
    {
        readFully(number, 1);
        return number[0] & 0xff;
    }

    /**
     * @return the next little-endian 16-bit integer of the answer, unsigned.
     * @throws IOException when the read fails or the node closed the connection.
     */
    public int readU16() throws IOException
    {
        readFully(number, Short.BYTES);
        return numberView.getShort(0, LITTLE_ENDIAN) & 0xffff;
    }

    /**
     * @return the next little-endian 64-bit integer of the answer.
     * @throws IOException when the read fails or the node closed the connection.
     */
    public long readU64() throws IOException
    {
        readFully(number, Long.BYTES);
        return numberView.getLong(0, LITTLE_ENDIAN);
    }

    /**
     * Reads an {@code ARRAY} into the connection's array buffer.
     *
     * @param maxLength longest array accepted.
     * @return the array's length; its bytes are in {@link #arrayBuffer()}, until the next array read.
     * @throws IOException            when the read fails or the node closed the connection.
     * @throws SwarmProtocolException when the array is longer than {@code maxLength}.
     */
    public int readArray(final int maxLength) throws IOException
    {
        final long length = readU64();
        if (length < 0 || length > maxLength)
        {
            throw new SwarmProtocolException("sent an array of " + Long.toUnsignedString(length) + " bytes, over " +
                maxLength);
        }
        if (arrayBytes.length < length)
        {
            arrayBytes = new byte[(int)length];
            arrayView.wrap(arrayBytes);
        }
        readFully(arrayBytes, (int)length);
        return (int)length;
    }

    /**
     * @param length of the last array read, as {@link #readArray(int)} returned it.
     * @return a copy of that array; an empty one is always the same instance, as nothing can change it.
     */
    public byte[] arrayCopy(final int length)
    {
        if (0 == length)
        {
            return EMPTY_ARRAY;
        }
        final byte[] copy = new byte[length];
        System.arraycopy(arrayBytes, 0, copy, 0, length);
        return copy;
    }

    /**
     * @param length of the last array read, as {@link #readArray(int)} returned it.
     * @return that array as ASCII text, each byte one character.
     */
    public String arrayText(final int length)
    {
        return new String(arrayBytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * @return buffer holding the last array read, from offset 0.
     */
    public UnsafeBuffer arrayBuffer()
    {
        return arrayView;
    }

    /**
     * Closes the socket; the next {@link #send()} opens a new one.
     */
    @Override
    public void close()
    {
        final Socket toClose = socket;
        socket = null;
        in = null;
        out = null;
        if (null != toClose)
        {
            try
            {
                toClose.close();
            }
            catch (final IOException ex)
            {
                // Deliberately ignored: the socket is released either way and no request depends on it any more.
            }
        }
    }

    private void readFully(final byte[] into, final int length) throws IOException
    {
        final InputStream from = in;
        if (null == from)
        {
            throw new EOFException("not connected to " + address);
        }
        int read = 0;
        while (read < length)
        {
            final int n = from.read(into, read, length - read);
            if (n < 0)
            {
                throw new EOFException("connection closed by the node");
            }
            read += n;
        }
    }
}
