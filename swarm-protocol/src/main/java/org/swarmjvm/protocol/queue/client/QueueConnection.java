package org.swarmjvm.protocol.queue.client;

import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.client.BlockingConnection;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.queue.codec.QueueRequestEncoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One blocking TCP connection to a queue node: the shared {@link BlockingConnection} with buffered output (a
 * Produce stream sends many records per write), no read timeout (a Consume waits for records) and the queue
 * client's rules: failures are checked {@link IOException}s, or {@link SwarmProtocolException}s for answers the
 * protocol does not allow, and the caller closes the connection. Not thread-safe.
 */
final class QueueConnection implements AutoCloseable
{
    private final BlockingConnection connection;
    private final QueueRequestEncoder encoder;

    QueueConnection(final InetSocketAddress address, final int connectTimeoutMillis)
    {
        connection = new BlockingConnection(address,
            new BlockingConnection.Settings(connectTimeoutMillis, 0, false, true));
        encoder = new QueueRequestEncoder(connection.request());
    }

    /**
     * Starts a stream request on every node: connects, sends the request and reads its status, node after node.
     *
     * @param nodes                to connect to.
     * @param connectTimeoutMillis connect timeout per node.
     * @param request              writes the request into a connection's encoder.
     * @param description          the request, for messages ({@code Consume 'channel'}).
     * @return one connection per node, in the order of {@code nodes}, each past the request's OK status.
     * @throws QueueClientException when a node refused or failed; every connection opened is closed then.
     */
    static List<QueueConnection> openStreams(final List<InetSocketAddress> nodes, final int connectTimeoutMillis,
        final Consumer<QueueRequestEncoder> request, final String description)
    {
        final List<QueueConnection> streams = new ArrayList<>(nodes.size());
        try
        {
            for (final InetSocketAddress node : nodes)
            {
                final QueueConnection connection = new QueueConnection(node, connectTimeoutMillis);
                streams.add(connection);
                request.accept(connection.encoder());
                connection.send();
                final SwarmStatus status = connection.readStatus();
                if (SwarmStatus.OK != status)
                {
                    throw new QueueClientException(description + " refused by " + node + " with " + status, status,
                        null);
                }
            }
        }
        catch (final IOException | SwarmProtocolException ex)
        {
            streams.forEach(QueueConnection::close);
            throw new QueueClientException(description + " failed", null, ex);
        }
        catch (final QueueClientException ex)
        {
            streams.forEach(QueueConnection::close);
            throw ex;
        }
        return streams;
    }

    InetSocketAddress address()
    {
        return connection.address();
    }

    /**
     * Starts a request: the returned encoder writes into the request buffer, {@link #send()} sends it.
     */
    QueueRequestEncoder encoder()
    {
        connection.request();
        return encoder;
    }

    void send() throws IOException
    {
        connection.send();
    }

    void flush() throws IOException
    {
        connection.flush();
    }

    /**
     * Flushes the requests sent, then reads the status of the first one not answered yet.
     */
    SwarmStatus readStatus() throws IOException
    {
        connection.flush();
        final int code = connection.readI32();
        final SwarmStatus status = SwarmStatus.of(code);
        if (null == status)
        {
            throw new SwarmProtocolException("node " + address() + " answered the unknown status " + code);
        }
        return status;
    }

    /**
     * @return a copy of the next array of the answer.
     */
    byte[] readArray() throws IOException
    {
        return connection.arrayCopy(connection.readArray(ArrayPrefix.MAX_ARRAY_LENGTH));
    }

    long readU64() throws IOException
    {
        return connection.readU64();
    }

    int readU16() throws IOException
    {
        return connection.readU16();
    }

    @Override
    public void close()
    {
        connection.close();
    }
}
