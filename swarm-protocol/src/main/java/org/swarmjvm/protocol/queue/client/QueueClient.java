package org.swarmjvm.protocol.queue.client;

import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.protocol.queue.QueueConst;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking client of the legacy queue protocol, routing like the original {@code DmqClient}
 * (spec §5): Push and PushMulti go to one node round robin and move on to the next node on failure; Pop asks the
 * nodes round robin until one has a record; Consume, Produce, ProduceMulti, RemoveChannel and GetNumConnections
 * go to every node.
 * <p>
 * One connection per node serves the single requests; every Consume and Produce opens its own connections. The
 * client is not thread-safe: use one per thread.
 */
public final class QueueClient implements AutoCloseable
{
    /** Connect timeout used unless one is given. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;

    private final List<QueueConnection> connections = new ArrayList<>();
    private final int connectTimeoutMillis;
    private int pushCounter;
    private int popCounter;

    /**
     * @param nodes the nodes to use, as in a nodes file (see {@link QueueNodes}).
     */
    public QueueClient(final List<InetSocketAddress> nodes)
    {
        this(nodes, DEFAULT_CONNECT_TIMEOUT_MILLIS);
    }

    /**
     * @param nodes                the nodes to use.
     * @param connectTimeoutMillis how long a connect may take.
     */
    public QueueClient(final List<InetSocketAddress> nodes, final int connectTimeoutMillis)
    {
        if (nodes.isEmpty())
        {
            throw new IllegalArgumentException("a queue client needs at least one node");
        }
        this.connectTimeoutMillis = connectTimeoutMillis;
        for (final InetSocketAddress node : nodes)
        {
            connections.add(new QueueConnection(node, connectTimeoutMillis));
        }
    }

    /**
     * Pushes a record to one node. A node that answers anything but OK, or fails, is skipped for the next one;
     * after every node was tried the first one tried gets one more attempt.
     *
     * @param channel name.
     * @param value   a non-empty record.
     * @throws QueueClientException when no node stored the record.
     */
    public void push(final String channel, final byte[] value)
    {
        checkChannel(channel);
        checkValue(value);
        pushRoundRobin(channel, false, connection ->
        {
            connection.encoder().push(channel, value);
            connection.send();
            return connection.readStatus();
        });
    }

    /**
     * Pushes one record to several channels of one node. A status that is not fatal (EmptyValue, BadChannelName)
     * ends the request without retry, because the record may already be in some channels; an Error or I/O error
     * moves on to the next node.
     *
     * @param channels names; a channel listed twice receives the record twice.
     * @param value    a non-empty record.
     * @return the status of the node that answered: OK, or a non-fatal refusal.
     * @throws QueueClientException when every node failed.
     */
    public SwarmStatus pushMulti(final List<String> channels, final byte[] value)
    {
        for (final String channel : channels)
        {
            checkChannel(channel);
        }
        checkValue(value);
        return pushRoundRobin(null, true, connection ->
        {
            connection.encoder().pushMulti(channels, value);
            connection.send();
            return connection.readStatus();
        });
    }

    /**
     * Pops one record, asking the nodes round robin until one has a record. A node that answers Error (a channel
     * that does not exist there, or has subscribers) or fails counts as empty; its connection is dropped. When no
     * node answered at all, the queue's state is unknown, which is a failure, not an empty queue.
     *
     * @param channel name.
     * @return the record, or {@code null} when every node was empty.
     * @throws QueueClientException when every node failed (could not be reached or broke the connection).
     */
    public byte[] pop(final String channel)
    {
        checkChannel(channel);
        final int first = popCounter++ & Integer.MAX_VALUE;
        IOException lastError = null;
        int failures = 0;
        for (int attempt = 0; attempt < connections.size(); attempt++)
        {
            final QueueConnection connection = connections.get((first + attempt) % connections.size());
            try
            {
                connection.encoder().channel(QueueCommand.POP, channel);
                connection.send();
                final SwarmStatus status = connection.readStatus();
                if (SwarmStatus.OK == status)
                {
                    final byte[] record = connection.readArray();
                    if (record.length > 0)
                    {
                        return record;
                    }
                }
                else
                {
                    dropIfFatal(connection, status);
                }
            }
            catch (final IOException | SwarmProtocolException ex)
            {
                connection.close();
                lastError = ex instanceof IOException ? (IOException)ex : new IOException(ex);
                failures++;
            }
        }
        if (failures == connections.size())
        {
            throw new QueueClientException("Pop from '" + channel + "' failed on all nodes", null, lastError);
        }
        return null;
    }

    /**
     * Removes a channel from every node.
     *
     * @param channel name.
     * @throws QueueClientException when a node did not answer OK.
     */
    public void removeChannel(final String channel)
    {
        forEachNode("RemoveChannel", channel, (connection) ->
        {
            connection.encoder().channel(QueueCommand.REMOVE_CHANNEL, channel);
            connection.send();
            return connection.readStatus();
        });
    }

    /**
     * Asks every node for its number of connections. The queue node always answers NotSupported.
     *
     * @return per node in list order, the count, or -1 when the node answered NotSupported.
     * @throws QueueClientException when a node failed or answered anything else.
     */
    public long[] getNumConnections()
    {
        final long[] counts = new long[connections.size()];
        for (int i = 0; i < connections.size(); i++)
        {
            final QueueConnection connection = connections.get(i);
            try
            {
                connection.encoder().getNumConnections();
                connection.send();
                final SwarmStatus status = connection.readStatus();
                if (SwarmStatus.NOT_SUPPORTED == status)
                {
                    counts[i] = -1;
                }
                else if (SwarmStatus.OK == status)
                {
                    connection.readArray();
                    connection.readU16();
                    counts[i] = connection.readU64();
                }
                else
                {
                    dropIfFatal(connection, status);
                    throw new QueueClientException("GetNumConnections refused by " + connection.address(), status,
                        null);
                }
            }
            catch (final IOException | SwarmProtocolException ex)
            {
                connection.close();
                throw new QueueClientException("GetNumConnections failed on " + connection.address(), null, ex);
            }
        }
        return counts;
    }

    /**
     * Starts a Produce on every node; records written to the producer are spread over the nodes in turn.
     *
     * @param channel name.
     * @return the producer; close it to end the streams.
     * @throws QueueClientException when a node refused or failed.
     */
    public QueueProducer produce(final String channel)
    {
        checkChannel(channel);
        return QueueProducer.start(nodes(), connectTimeoutMillis, (encoder) -> encoder.channel(QueueCommand.PRODUCE,
            channel), "Produce '" + channel + "'");
    }

    /**
     * Starts a ProduceMulti on every node: each record goes to every listed channel of one node.
     *
     * @param channels names.
     * @return the producer; close it to end the streams.
     * @throws QueueClientException when a node refused or failed.
     */
    public QueueProducer produceMulti(final List<String> channels)
    {
        return QueueProducer.start(nodes(), connectTimeoutMillis, (encoder) -> encoder.produceMulti(channels),
            "ProduceMulti " + channels);
    }

    /**
     * Starts a Consume on every node; records from all nodes arrive merged.
     *
     * @param channel name.
     * @return the consumer; close it to end the request (records in flight are lost, as in the original).
     * @throws QueueClientException when a node refused or failed.
     */
    public QueueConsumer consume(final String channel)
    {
        checkChannel(channel);
        return QueueConsumer.start(nodes(), connectTimeoutMillis, channel);
    }

    @Override
    public void close()
    {
        for (final QueueConnection connection : connections)
        {
            connection.close();
        }
    }

    static boolean isFatal(final SwarmStatus status)
    {
        return SwarmStatus.ERROR == status || SwarmStatus.UNDEFINED == status;
    }

    private List<InetSocketAddress> nodes()
    {
        final List<InetSocketAddress> nodes = new ArrayList<>(connections.size());
        for (final QueueConnection connection : connections)
        {
            nodes.add(connection.address());
        }
        return nodes;
    }

    private int nextPushNode()
    {
        return (pushCounter++ & Integer.MAX_VALUE) % connections.size();
    }

    /**
     * Sends a push to the nodes round robin, from the next push node, until one takes it; after every node was tried
     * the first one tried gets one more attempt. A fatal status or an I/O error drops the node's connection.
     *
     * @param channel          the channel of a Push, named in the failure's message; {@code null} for PushMulti.
     * @param acceptsRefusal   true when a status that is not fatal ends the request (PushMulti), false when only OK
     *                         does (Push).
     * @param push             writes and sends the request and reads its status.
     * @return the status that ended the request.
     */
    private SwarmStatus pushRoundRobin(final String channel, final boolean acceptsRefusal, final NodeRequest push)
    {
        final int first = nextPushNode();
        SwarmStatus lastStatus = null;
        IOException lastError = null;
        for (int attempt = 0; attempt <= connections.size(); attempt++)
        {
            final QueueConnection connection = connections.get((first + attempt) % connections.size());
            try
            {
                final SwarmStatus status = push.execute(connection);
                if (acceptsRefusal ? !isFatal(status) : SwarmStatus.OK == status)
                {
                    return status;
                }
                lastStatus = status;
                dropIfFatal(connection, status);
            }
            catch (final IOException | SwarmProtocolException ex)
            {
                connection.close();
                lastError = ex instanceof IOException ? (IOException)ex : new IOException(ex);
            }
        }
        // The message is built only on failure: the channel names Push, none names PushMulti.
        throw new QueueClientException((null == channel ? "PushMulti" : "Push to '" + channel + "'") +
            " failed on all nodes", lastStatus, lastError);
    }

    private static void dropIfFatal(final QueueConnection connection, final SwarmStatus status)
    {
        if (isFatal(status))
        {
            connection.close();
        }
    }

    private void forEachNode(final String request, final String channel, final NodeRequest action)
    {
        for (final QueueConnection connection : connections)
        {
            try
            {
                final SwarmStatus status = action.execute(connection);
                if (SwarmStatus.OK != status)
                {
                    dropIfFatal(connection, status);
                    throw new QueueClientException(request + " '" + channel + "' refused by " + connection.address() +
                        " with " + status, status, null);
                }
            }
            catch (final IOException | SwarmProtocolException ex)
            {
                connection.close();
                throw new QueueClientException(request + " '" + channel + "' failed on " + connection.address(),
                    null, ex);
            }
        }
    }

    static void checkChannel(final String channel)
    {
        if (!ChannelName.isValid(channel, QueueConst.MAX_CHANNEL_NAME_LENGTH))
        {
            throw new IllegalArgumentException("invalid channel name '" + channel + "'");
        }
    }

    private static void checkValue(final byte[] value)
    {
        if (0 == value.length)
        {
            throw new IllegalArgumentException("the queue does not store empty records");
        }
    }

    @FunctionalInterface
    private interface NodeRequest
    {
        SwarmStatus execute(QueueConnection connection) throws IOException;
    }
}
