package org.swarmjvm.queue.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A plain blocking socket to a node, writing and reading legacy fields, for tests that need bytes the client
 * would never send.
 */
final class RawConnection implements AutoCloseable
{
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    RawConnection(final int port)
    {
        try
        {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    RawConnection i32(final int value)
    {
        pending.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        return this;
    }

    RawConnection u64(final long value)
    {
        pending.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        return this;
    }

    RawConnection array(final String text)
    {
        return array(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawConnection array(final byte[] bytes)
    {
        u64(bytes.length);
        pending.writeBytes(bytes);
        return this;
    }

    RawConnection raw(final byte[] bytes)
    {
        pending.writeBytes(bytes);
        return this;
    }

    RawConnection send()
    {
        try
        {
            pending.writeTo(out);
            out.flush();
            pending.reset();
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    int readStatus()
    {
        return ByteBuffer.wrap(readFully(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    String readArray()
    {
        final long length = ByteBuffer.wrap(readFully(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(readFully((int)length), StandardCharsets.ISO_8859_1);
    }

    byte[] readFully(final int length)
    {
        try
        {
            return in.readNBytes(length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return true when the node closed the connection (EOF or reset) before sending anything more.
     */
    boolean isClosedByNode()
    {
        try
        {
            return in.read() < 0;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            return true;
        }
    }

    void timeout(final int millis)
    {
        try
        {
            socket.setSoTimeout(millis);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    void receiveBuffer(final int bytes)
    {
        try
        {
            socket.setReceiveBufferSize(bytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
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
}
