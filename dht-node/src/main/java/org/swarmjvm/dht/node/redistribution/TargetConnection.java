package org.swarmjvm.dht.node.redistribution;

import org.agrona.ExpandableArrayBuffer;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * A legacy client connection from this node to a target of its Redistribute: PutBatch requests, as the original
 * node sends them (no handshake: the target's range comes with the request), and, for a handover, the target's
 * GetResponsibleRange and a Redistribute with no target. PutBatch requests and answers are decoupled so that
 * several batches can be in flight (the node serves pipelined requests in order). Any failure closes the
 * connection; the next request opens a new one. Blocking: worker thread only.
 */
final class TargetConnection implements AutoCloseable
{
    /** How long a target may take to answer the requests of a handover: it takes a range without reading records. */
    static final int HANDOVER_ANSWER_TIMEOUT_MS = 5_000;

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    private final InetSocketAddress address;
    private final ExpandableArrayBuffer request = new ExpandableArrayBuffer(128 * 1024);
    private final WireWriter writer = new WireWriter();
    private final DhtRequestEncoder encoder = new DhtRequestEncoder(writer);
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    TargetConnection(final InetSocketAddress address)
    {
        this.address = address;
    }

    /**
     * Sends one batch as PutBatch without waiting for its answer: the answers come in order, read with
     * {@link #awaitAcknowledgement()}, so several batches can be on their way at once.
     *
     * @param channel of the records.
     * @param batch   holding them; sent and reset.
     * @throws IOException when the target cannot be reached; the connection is closed, and every batch sent
     *                     since the last acknowledgement is to be taken as lost.
     */
    void write(final String channel, final RecordBatchWriter batch) throws IOException
    {
        try
        {
            connect();
            writer.wrap(request, 0);
            encoder.putBatchHeader(channel);
            final int length = writer.position() + batch.writeArray(request, writer.position());
            out.write(request.byteArray(), 0, length);
            out.flush();
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Waits for the answer to the oldest batch not yet acknowledged.
     *
     * @throws IOException when the answer is not 200 or the connection breaks; the connection is closed, and
     *                     every batch not yet acknowledged is to be taken as lost.
     */
    void awaitAcknowledgement() throws IOException
    {
        final int status = readStatus();
        if (SwarmStatus.OK.code() != status)
        {
            close();
            throw new IOException("node " + address + " answered PutBatch with status " + status);
        }
    }

    /**
     * @return the target's range (GetResponsibleRange), answered within {@link #HANDOVER_ANSWER_TIMEOUT_MS}.
     * @throws IOException when the target cannot be reached, does not answer in time or not 200; the connection
     *                     is closed.
     */
    HashRange range() throws IOException
    {
        writer.wrap(request, 0);
        encoder.command(DhtCommand.GET_RESPONSIBLE_RANGE);
        writeHandoverRequest();
        final int status = readStatus();
        if (SwarmStatus.OK.code() != status)
        {
            close();
            throw new IOException("node " + address + " answered GetResponsibleRange with status " + status);
        }
        try
        {
            final HashRange range = new HashRange(Long.reverseBytes(in.readLong()), Long.reverseBytes(in.readLong()));
            socket.setSoTimeout(READ_TIMEOUT_MS);
            return range;
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Sends Redistribute with {@code range} and no target: the target takes the range at once and answers.
     *
     * @param range the target's new range.
     * @return the target's status, answered within {@link #HANDOVER_ANSWER_TIMEOUT_MS}.
     * @throws IOException when the target cannot be reached or does not answer in time; the connection is closed.
     */
    int takeRange(final HashRange range) throws IOException
    {
        writer.wrap(request, 0);
        encoder.redistribute(range, List.of());
        writeHandoverRequest();
        final int status = readStatus();
        if (SwarmStatus.OK.code() != status)
        {
            // The node closes the connection after 500, as the original: the next request starts on a fresh one.
            close();
        }
        else
        {
            socket.setSoTimeout(READ_TIMEOUT_MS);
        }
        return status;
    }

    private void writeHandoverRequest() throws IOException
    {
        try
        {
            connect();
            socket.setSoTimeout(HANDOVER_ANSWER_TIMEOUT_MS);
            out.write(request.byteArray(), 0, writer.position());
            out.flush();
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    private int readStatus() throws IOException
    {
        try
        {
            return Integer.reverseBytes(in.readInt());
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    private void connect() throws IOException
    {
        if (null != socket)
        {
            return;
        }
        final Socket connection = new Socket();
        try
        {
            connection.connect(address, CONNECT_TIMEOUT_MS);
            connection.setSoTimeout(READ_TIMEOUT_MS);
            connection.setTcpNoDelay(true);
            in = new DataInputStream(connection.getInputStream());
            out = connection.getOutputStream();
            socket = connection;
        }
        catch (final IOException ex)
        {
            connection.close();
            throw ex;
        }
    }

    @Override
    public void close()
    {
        if (null != socket)
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignored)
            {
                // Closing a connection that failed: nothing more to do or report.
            }
            socket = null;
        }
    }
}
