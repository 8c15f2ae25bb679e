package org.swarmjvm.protocol.queue.client;

import org.swarmjvm.protocol.queue.codec.QueueRequestEncoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client side of a Produce or ProduceMulti: one open stream per node, records spread over the nodes in
 * turn. Records are buffered (64 KiB per node, as in the original client) and sent when a buffer fills,
 * on {@link #flush()} and on {@link #close()}, which also ends every stream with an empty array. The node sends
 * no acknowledgement: a record is stored once the node has read it.
 */
public final class QueueProducer implements AutoCloseable
{
    private final List<QueueConnection> streams;
    private int next;
    private boolean closed;

    private QueueProducer(final List<QueueConnection> streams)
    {
        this.streams = streams;
    }

    static QueueProducer start(
        final List<InetSocketAddress> nodes,
        final int connectTimeoutMillis,
        final Consumer<QueueRequestEncoder> request,
        final String description)
    {
        return new QueueProducer(QueueConnection.openStreams(nodes, connectTimeoutMillis, request, description));
    }

    /**
     * Sends a record to the next node's stream.
     *
     * @param record a non-empty record.
     * @throws QueueClientException when the stream failed.
     */
    public void send(final byte[] record)
    {
        if (closed)
        {
            throw new IllegalStateException("the producer is closed");
        }
        final QueueConnection stream = streams.get(next);
        next = (next + 1) % streams.size();
        try
        {
            stream.encoder().streamRecord(record);
            stream.send();
        }
        catch (final IOException ex)
        {
            throw new QueueClientException("Produce stream to " + stream.address() + " failed", null, ex);
        }
    }

    /**
     * Sends every buffered record.
     *
     * @throws QueueClientException when a stream failed.
     */
    public void flush()
    {
        for (final QueueConnection stream : streams)
        {
            try
            {
                stream.flush();
            }
            catch (final IOException ex)
            {
                throw new QueueClientException("Produce stream to " + stream.address() + " failed", null, ex);
            }
        }
    }

    /**
     * Ends every stream with the empty array, flushes and closes the connections.
     *
     * @throws QueueClientException when a stream failed; the connections are closed anyway.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        QueueClientException failure = null;
        for (final QueueConnection stream : streams)
        {
            try
            {
                stream.encoder().endOfStream();
                stream.send();
                stream.flush();
            }
            catch (final IOException ex)
            {
                failure = new QueueClientException("ending the Produce stream to " + stream.address() + " failed",
                    null, ex);
            }
            finally
            {
                stream.close();
            }
        }
        if (null != failure)
        {
            throw failure;
        }
    }
}
