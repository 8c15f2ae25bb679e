package org.swarmjvm.dht.node.redistribution;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.client.BlockingConnection;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.GetResponsibleRangeCodec;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A legacy client connection from this node to a target of its Redistribute, over the shared
 * {@link BlockingConnection}: PutBatch requests, as the original node sends them (no handshake: the target's range
 * comes with the request), and, for a handover, the target's GetResponsibleRange and a Redistribute with no target.
 * Every request is sent apart from the wait for its answer: PutBatch answers come in order, so several batches can
 * be in flight (the node serves pipelined requests in order), and the handover asks several targets at once and
 * waits for all of them until one deadline. Any failure closes the connection; the next request opens a new one.
 * Blocking: worker thread only.
 */
final class TargetConnection implements AutoCloseable
{
    /** How long a target may take to answer the requests of a handover: it takes a range without reading records. */
    static final int HANDOVER_ANSWER_TIMEOUT_MS = 5_000;

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    private final BlockingConnection connection;
    private final WireWriter writer;
    private final DhtRequestEncoder encoder;
    private final GetResponsibleRangeCodec rangeCodec;

    TargetConnection(final InetSocketAddress address)
    {
        this.connection = new BlockingConnection(address,
            new BlockingConnection.Settings(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, false, false));
        this.writer = connection.request();
        this.encoder = new DhtRequestEncoder(writer);
        this.rangeCodec = new GetResponsibleRangeCodec(connection);
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
        connection.request();
        encoder.putBatchHeader(channel);
        final int at = writer.position();
        writer.position(at + batch.writeArray(connection.requestBuffer(), at));
        send();
    }

    /**
     * Waits for the answer to the oldest batch not yet acknowledged.
     *
     * @throws IOException when the answer is not 200 or the connection breaks; the connection is closed, and
     *                     every batch not yet acknowledged is to be taken as lost.
     */
    void awaitAcknowledgement() throws IOException
    {
        expectOk(DhtCommand.PUT_BATCH);
    }

    /**
     * Sends GetResponsibleRange; its answer is read with {@link #range(long)}.
     *
     * @throws IOException when the target cannot be reached; the connection is closed.
     */
    void requestRange() throws IOException
    {
        try
        {
            rangeCodec.sendRequest();
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * @param deadlineNanos {@link System#nanoTime()} by which the answer is to have come; an answer that came
     *                      before is read even once it passed.
     * @return the target's range, the answer to {@link #requestRange()}.
     * @throws IOException when the answer does not come in time, is not 200 or the connection breaks; the
     *                     connection is closed.
     */
    HashRange range(final long deadlineNanos) throws IOException
    {
        awaitHandoverAnswerUntil(deadlineNanos);
        try
        {
            checkOk(DhtCommand.GET_RESPONSIBLE_RANGE, rangeCodec.readAnswer());
            connection.readTimeout(READ_TIMEOUT_MS);
            return rangeCodec.range();
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Sends Redistribute with {@code range} and no target: the target takes the range at once and answers, read
     * with {@link #rangeTaken(long)}.
     *
     * @param range the target's new range.
     * @throws IOException when the target cannot be reached; the connection is closed.
     */
    void requestRangeTaken(final HashRange range) throws IOException
    {
        connection.request();
        encoder.redistribute(range, List.of());
        send();
    }

    /**
     * @param deadlineNanos {@link System#nanoTime()} by which the answer is to have come; an answer that came
     *                      before is read even once it passed.
     * @return the target's status, the answer to {@link #requestRangeTaken(HashRange)}.
     * @throws IOException when the answer does not come in time or the connection breaks; the connection is closed.
     */
    int rangeTaken(final long deadlineNanos) throws IOException
    {
        awaitHandoverAnswerUntil(deadlineNanos);
        final int status = readStatus();
        if (SwarmStatus.OK.code() != status)
        {
            // The node closes the connection after 500, as the original: the next request starts on a fresh one.
            close();
            return status;
        }
        try
        {
            connection.readTimeout(READ_TIMEOUT_MS);
            return status;
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    private void awaitHandoverAnswerUntil(final long deadlineNanos) throws IOException
    {
        // At least 1 ms: zero would wait forever, and an answer already received is read at once.
        final int millis = (int)Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        try
        {
            connection.readTimeout(millis);
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    private void send() throws IOException
    {
        try
        {
            connection.send();
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    private void expectOk(final DhtCommand command) throws IOException
    {
        checkOk(command, readStatus());
    }

    private void checkOk(final DhtCommand command, final int status) throws IOException
    {
        if (SwarmStatus.OK.code() != status)
        {
            close();
            throw new IOException("node " + connection.address() + " answered " + command.label() + " with status " +
                status);
        }
    }

    private int readStatus() throws IOException
    {
        try
        {
            return connection.readI32();
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    @Override
    public void close()
    {
        connection.close();
    }
}
