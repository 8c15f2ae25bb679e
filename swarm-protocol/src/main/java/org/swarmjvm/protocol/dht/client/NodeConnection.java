package org.swarmjvm.protocol.dht.client;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * One socket to one node, opened on first use and again after a failure closed it. A request is written into a
 * reused buffer through {@link #request()}, sent with {@link #send()}, and its answer read with the typed reads
 * below. Any I/O failure or unreadable answer closes the socket and surfaces as a {@link DhtClientException}.
 * Not thread-safe: a connection serves one request at a time, as the protocol does.
 */
final class NodeConnection implements AutoCloseable
{
    private static final int READ_BUFFER_SIZE = 64 * 1024;

    private final NodeAddress node;
    private final DhtClientContext context;
    private final int readTimeoutMillis;
    private final ExpandableArrayBuffer requestBuffer = new ExpandableArrayBuffer(256);
    private final WireWriter writer = new WireWriter();
    private final DhtRequestEncoder encoder = new DhtRequestEncoder(writer);
    private final byte[] scratch = new byte[Long.BYTES];
    private final UnsafeBuffer scratchView = new UnsafeBuffer(scratch);
    private final UnsafeBuffer arrayView = new UnsafeBuffer(new byte[0]);
    private RecordBatchReader batchReader;
    private byte[] arrayBytes = new byte[0];
    private int arrayLength;
    private Socket socket;
    private InputStream input;
    private OutputStream output;

    /**
     * @param node      to connect to.
     * @param context   the client's settings.
     * @param streaming true for a Listen connection, whose reads wait forever whatever the read timeout.
     */
    NodeConnection(final NodeAddress node, final DhtClientContext context, final boolean streaming)
    {
        this.node = node;
        this.context = context;
        this.readTimeoutMillis = streaming ? 0 : (int)context.readTimeout().toMillis();
    }

    NodeAddress node()
    {
        return node;
    }

    boolean isOpen()
    {
        return null != socket && !socket.isClosed();
    }

    /**
     * Starts writing a request.
     *
     * @return the encoder, writing at the start of the request buffer.
     */
    DhtRequestEncoder request()
    {
        writer.wrap(requestBuffer, 0);
        return encoder;
    }

    /**
     * @return the writer of the current request, for fields the encoder leaves to the caller.
     */
    WireWriter writer()
    {
        return writer;
    }

    /**
     * Sends the request written since {@link #request()}, connecting first if needed.
     */
    void send()
    {
        try
        {
            ensureConnected();
            output.write(requestBuffer.byteArray(), 0, writer.position());
            output.flush();
        }
        catch (final IOException ex)
        {
            throw failure("cannot send to", ex);
        }
    }

    /**
     * Reads the status and applies the legacy client's rule: 200 returns; 500 or an unknown code closes the
     * connection; any other status leaves it usable. Both failures throw {@link DhtStatusException}.
     *
     * @param command label of the request, for the message.
     */
    void expectOk(final String command)
    {
        final int code = readI32();
        if (SwarmStatus.OK.code() == code)
        {
            return;
        }
        final SwarmStatus status = SwarmStatus.of(code);
        final boolean fatal = null == status || SwarmStatus.ERROR == status;
        if (fatal)
        {
            close();
        }
        throw new DhtStatusException(node, command, code, fatal);
    }

    int readI32()
    {
        readFully(scratch, Integer.BYTES);
        return scratchView.getInt(0, LITTLE_ENDIAN);
    }

    int readU8()
    {
        readFully(scratch, 1);
        return scratch[0] & 0xff;
    }

    int readU16()
    {
        readFully(scratch, Short.BYTES);
        return scratchView.getShort(0, LITTLE_ENDIAN) & 0xffff;
    }

    long readU64()
    {
        readFully(scratch, Long.BYTES);
        return scratchView.getLong(0, LITTLE_ENDIAN);
    }

    /**
     * Reads an {@code ARRAY} into the connection's array buffer.
     *
     * @param maxLength longest array accepted; a longer one closes the connection.
     * @return the array's length; its bytes are in {@link #arrayBuffer()}.
     */
    int readArray(final int maxLength)
    {
        final long length = readU64();
        if (length < 0 || length > maxLength)
        {
            throw protocolError("sent an array of " + Long.toUnsignedString(length) + " bytes, over " + maxLength);
        }
        if (arrayBytes.length < length)
        {
            arrayBytes = new byte[(int)length];
            arrayView.wrap(arrayBytes);
        }
        readFully(arrayBytes, (int)length);
        arrayLength = (int)length;
        return arrayLength;
    }

    /**
     * @param maxLength longest array accepted.
     * @return a copy of the array read.
     */
    byte[] readArrayCopy(final int maxLength)
    {
        final int length = readArray(maxLength);
        final byte[] copy = new byte[length];
        System.arraycopy(arrayBytes, 0, copy, 0, length);
        return copy;
    }

    /**
     * @param maxLength longest array accepted.
     * @return the array read, as ASCII text.
     */
    String readArrayText(final int maxLength)
    {
        final int length = readArray(maxLength);
        return new String(arrayBytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * @return the reader of this connection's record batches, created on first use and then reused.
     */
    RecordBatchReader batchReader()
    {
        if (null == batchReader)
        {
            batchReader = new RecordBatchReader();
        }
        return batchReader;
    }

    /**
     * @return buffer holding the last array read, from offset 0.
     */
    UnsafeBuffer arrayBuffer()
    {
        return arrayView;
    }

    /**
     * Closes the connection because the node sent something the protocol does not allow.
     *
     * @param what the node sent.
     * @return the exception to throw.
     */
    DhtClientException protocolError(final String what)
    {
        close();
        return new DhtClientException(node + " " + what + "; connection closed");
    }

    @Override
    public void close()
    {
        final Socket toClose = socket;
        socket = null;
        input = null;
        output = null;
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

    private void ensureConnected() throws IOException
    {
        if (isOpen())
        {
            return;
        }
        final Socket fresh = new Socket();
        try
        {
            fresh.setTcpNoDelay(true);
            fresh.setKeepAlive(true);
            fresh.connect(node.socketAddress(), (int)context.connectTimeout().toMillis());
            fresh.setSoTimeout(readTimeoutMillis);
            input = new BufferedInputStream(fresh.getInputStream(), READ_BUFFER_SIZE);
            output = fresh.getOutputStream();
            socket = fresh;
        }
        catch (final IOException ex)
        {
            fresh.close();
            throw ex;
        }
    }

    private void readFully(final byte[] into, final int length)
    {
        final InputStream in = input;
        if (null == in)
        {
            throw new DhtClientException("connection to " + node + " is closed");
        }
        try
        {
            int read = 0;
            while (read < length)
            {
                final int n = in.read(into, read, length - read);
                if (n < 0)
                {
                    throw new EOFException("connection closed by the node");
                }
                read += n;
            }
        }
        catch (final IOException ex)
        {
            throw failure("cannot read from", ex);
        }
    }

    private DhtClientException failure(final String what, final IOException ex)
    {
        close();
        return new DhtClientException(what + " " + node + ": " + ex.getMessage() + "; connection closed", ex);
    }
}
