package org.swarmjvm.protocol.dht.client;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.client.BlockingConnection;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One socket to one node, opened on first use and again after a failure closed it. A request is written into a
 * reused buffer through {@link #request()}, sent with {@link #send()}, and its answer read with the typed reads
 * below. Any I/O failure or unreadable answer closes the socket and surfaces as a {@link DhtClientException}: the
 * D client's rule over the shared {@link BlockingConnection}, with keep-alive, a read timeout and each request
 * sent at once. Not thread-safe: a connection serves one request at a time, as the protocol does.
 */
final class NodeConnection implements AutoCloseable
{
    private final NodeAddress node;
    private final BlockingConnection connection;
    private final WireWriter writer;
    private final DhtRequestEncoder encoder;
    private final GetResponsibleRangeCodec rangeCodec;
    private RecordBatchReader batchReader;

    /**
     * @param node      to connect to.
     * @param context   the client's settings.
     * @param streaming true for a Listen connection, whose reads wait forever whatever the read timeout.
     */
    NodeConnection(final NodeAddress node, final DhtClientContext context, final boolean streaming)
    {
        this.node = node;
        // Unresolved, so that every reconnect resolves the node's name again.
        this.connection = new BlockingConnection(
            InetSocketAddress.createUnresolved(node.address(), node.port()),
            new BlockingConnection.Settings(
                (int)context.connectTimeout().toMillis(),
                streaming ? 0 : (int)context.readTimeout().toMillis(),
                true,
                false));
        this.writer = connection.request();
        this.encoder = new DhtRequestEncoder(writer);
        this.rangeCodec = new GetResponsibleRangeCodec(connection);
    }

    NodeAddress node()
    {
        return node;
    }

    boolean isOpen()
    {
        return connection.isOpen();
    }

    /**
     * Starts writing a request.
     *
     * @return the encoder, writing at the start of the request buffer.
     */
    DhtRequestEncoder request()
    {
        connection.request();
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
            connection.send();
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
        checkStatus(command, readI32());
    }

    /**
     * Sends GetResponsibleRange and reads its answer; a status other than 200 is taken as
     * {@link #expectOk(String)} takes it.
     *
     * @return the codec, holding the node's range.
     */
    GetResponsibleRangeCodec askRange()
    {
        try
        {
            rangeCodec.sendRequest();
        }
        catch (final IOException ex)
        {
            throw failure("cannot send to", ex);
        }
        final int code;
        try
        {
            code = rangeCodec.readAnswer();
        }
        catch (final IOException ex)
        {
            throw readFailure(ex);
        }
        checkStatus(DhtCommand.GET_RESPONSIBLE_RANGE.label(), code);
        return rangeCodec;
    }

    private void checkStatus(final String command, final int code)
    {
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
        try
        {
            return connection.readI32();
        }
        catch (final IOException ex)
        {
            throw readFailure(ex);
        }
    }

    int readU8()
    {
        try
        {
            return connection.readU8();
        }
        catch (final IOException ex)
        {
            throw readFailure(ex);
        }
    }

    int readU16()
    {
        try
        {
            return connection.readU16();
        }
        catch (final IOException ex)
        {
            throw readFailure(ex);
        }
    }

    long readU64()
    {
        try
        {
            return connection.readU64();
        }
        catch (final IOException ex)
        {
            throw readFailure(ex);
        }
    }

    /**
     * Reads an {@code ARRAY} into the connection's array buffer.
     *
     * @param maxLength longest array accepted; a longer one closes the connection.
     * @return the array's length; its bytes are in {@link #arrayBuffer()}.
     */
    int readArray(final int maxLength)
    {
        try
        {
            return connection.readArray(maxLength);
        }
        catch (final IOException ex)
        {
            throw readFailure(ex);
        }
        catch (final SwarmProtocolException ex)
        {
            throw protocolError(ex.getMessage());
        }
    }

    /**
     * @param maxLength longest array accepted.
     * @return a copy of the array read.
     */
    byte[] readArrayCopy(final int maxLength)
    {
        return connection.arrayCopy(readArray(maxLength));
    }

    /**
     * @param maxLength longest array accepted.
     * @return the array read, as ASCII text.
     */
    String readArrayText(final int maxLength)
    {
        return connection.arrayText(readArray(maxLength));
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
        return connection.arrayBuffer();
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
        connection.close();
    }

    private DhtClientException readFailure(final IOException ex)
    {
        return failure("cannot read from", ex);
    }

    private DhtClientException failure(final String what, final IOException ex)
    {
        close();
        return new DhtClientException(what + " " + node + ": " + ex.getMessage() + "; connection closed", ex);
    }
}
