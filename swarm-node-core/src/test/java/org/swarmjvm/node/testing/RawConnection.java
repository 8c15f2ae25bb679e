package org.swarmjvm.node.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A plain blocking client socket that sends whatever bytes a test builds and reads replies field by field, for
 * driving a node with well-formed and malformed requests alike.
 */
public final class RawConnection implements AutoCloseable
{
    /** How long a read may block before the test fails: a node that should answer has answered by then. */
    private static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /**
     * Connects.
     *
     * @param address of the node.
     */
    public RawConnection(final InetSocketAddress address)
    {
        try
        {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, READ_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot connect to " + address, ex);
        }
    }

    private RawConnection(final Socket socket) throws IOException
    {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Wraps a socket connected elsewhere; reads are unbuffered, so wrapping the same socket again is safe.
     *
     * @param socket connected.
     * @return a connection over it; closing it closes the socket.
     */
    public static RawConnection of(final Socket socket)
    {
        try
        {
            return new RawConnection(socket);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the socket, for tests that tune it.
     */
    public Socket socket()
    {
        return socket;
    }

    /**
     * @param bytes sent at once.
     * @return this connection.
     */
    public RawConnection send(final byte[] bytes)
    {
        try
        {
            out.write(bytes);
            out.flush();
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param frame sent at once.
     * @return this connection.
     */
    public RawConnection send(final Frame frame)
    {
        return send(frame.bytes());
    }

    /**
     * @return a little-endian i32 (a status).
     */
    public int readInt()
    {
        return order(readBytes(Integer.BYTES)).getInt();
    }

    /**
     * @return a little-endian u64.
     */
    public long readLong()
    {
        return order(readBytes(Long.BYTES)).getLong();
    }

    /**
     * @return a little-endian u16.
     */
    public int readU16()
    {
        return order(readBytes(Short.BYTES)).getShort() & 0xffff;
    }

    /**
     * @return one byte, unsigned.
     */
    public int readU8()
    {
        return readBytes(1)[0] & 0xff;
    }

    /**
     * @return the content of an {@code ARRAY}.
     */
    public byte[] readArray()
    {
        final long length = readLong();
        if (length < 0 || length > Integer.MAX_VALUE)
        {
            throw new IllegalStateException("array of " + Long.toUnsignedString(length) + " bytes");
        }
        return readBytes((int)length);
    }

    /**
     * @param length bytes to read.
     * @return exactly that many bytes.
     */
    public byte[] readBytes(final int length)
    {
        try
        {
            final byte[] bytes = new byte[length];
            in.readFully(bytes);
            return bytes;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads until the node closes the connection, failing if anything arrives first or nothing happens in time.
     *
     * @param timeout how long the node may take.
     * @return true when the connection was closed with nothing sent before (a reset counts as closed).
     */
    public boolean isClosedByPeerWithNothingSent(final Duration timeout)
    {
        try
        {
            socket.setSoTimeout((int)timeout.toMillis());
            final int read = in.read();
            if (read >= 0)
            {
                throw new AssertionError("the node sent byte " + read + " instead of closing the connection");
            }
            return true;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final SocketException ex)
        {
            return isReset(ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Checks the node keeps the connection open and silent for a while (used before the last byte of a request
     * the node must wait for).
     *
     * @param quietPeriod how long nothing may happen.
     * @return true when nothing was received and the connection stayed open.
     */
    public boolean staysOpenAndSilent(final Duration quietPeriod)
    {
        try
        {
            socket.setSoTimeout((int)quietPeriod.toMillis());
            // Any byte, or the end of the stream, means the node did not wait.
            in.read();
            return false;
        }
        catch (final SocketTimeoutException ex)
        {
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
        finally
        {
            try
            {
                socket.setSoTimeout(READ_TIMEOUT_MS);
            }
            catch (final SocketException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /**
     * @return the input stream, for tests that read in their own pace.
     */
    public InputStream input()
    {
        return in;
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean isReset(final SocketException ex)
    {
        final String message = String.valueOf(ex.getMessage());
        return message.contains("reset") || message.contains("Broken pipe") || ex.getCause() instanceof EOFException;
    }

    private static ByteBuffer order(final byte[] bytes)
    {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
