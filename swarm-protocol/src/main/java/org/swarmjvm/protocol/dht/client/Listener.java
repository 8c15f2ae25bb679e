package org.swarmjvm.protocol.dht.client;

import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.codec.HexKey;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running Listen: one dedicated connection per node, each read by a thread of its own that hands every record
 * to the {@link ListenHandler}. A node's stream ends when the channel is removed; {@link #close()} ends them all
 * by closing the connections, the only way the protocol offers.
 */
public final class Listener implements AutoCloseable
{
    private static final long JOIN_MILLIS = 10_000;

    private final String channel;
    private final ListenHandler handler;
    private final List<NodeConnection> connections = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final AtomicInteger activeStreams = new AtomicInteger();
    private volatile boolean closed;

    private Listener(final String channel, final ListenHandler handler)
    {
        this.channel = channel;
        this.handler = handler;
    }

    /**
     * Sends Listen to every node, waits for each status, then starts the readers.
     *
     * @param nodes   to listen to.
     * @param context the client's settings.
     * @param channel to listen to, already validated.
     * @param handler receives the records.
     * @return the running listener.
     * @throws DhtStatusException when a node refuses; the connections opened so far are closed.
     */
    static Listener start(
        final List<NodeAddress> nodes, final DhtClientContext context, final String channel,
        final ListenHandler handler)
    {
        final Listener listener = new Listener(channel, handler);
        try
        {
            for (final NodeAddress node : nodes)
            {
                final NodeConnection connection = new NodeConnection(node, context, true);
                listener.connections.add(connection);
                connection.request().channel(DhtCommand.LISTEN, channel);
                connection.send();
                connection.expectOk(DhtCommand.LISTEN.label());
            }
        }
        catch (final RuntimeException ex)
        {
            listener.close();
            throw ex;
        }
        for (final NodeConnection connection : listener.connections)
        {
            final Thread reader = new Thread(() -> listener.read(connection),
                "dht-listen-" + channel + "-" + connection.node());
            reader.setDaemon(true);
            listener.readers.add(reader);
            listener.activeStreams.incrementAndGet();
        }
        listener.readers.forEach(Thread::start);
        return listener;
    }

    /**
     * @return the channel listened to.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * @return streams still running: neither ended by the node nor broken.
     */
    public int activeStreams()
    {
        return activeStreams.get();
    }

    /**
     * Closes every stream's connection and waits for the reader threads to finish.
     */
    @Override
    public void close()
    {
        closed = true;
        connections.forEach(NodeConnection::close);
        for (final Thread reader : readers)
        {
            if (reader != Thread.currentThread())
            {
                try
                {
                    reader.join(JOIN_MILLIS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void read(final NodeConnection connection)
    {
        try
        {
            while (!closed)
            {
                final int keyLength = connection.readArray(ArrayPrefix.MAX_ARRAY_LENGTH);
                if (0 == keyLength)
                {
                    connection.readArray(ArrayPrefix.MAX_ARRAY_LENGTH);
                    connection.close();
                    activeStreams.decrementAndGet();
                    handler.onEnd(connection.node());
                    return;
                }
                if (!HexKey.isValid(connection.arrayBuffer(), 0, keyLength))
                {
                    throw connection.protocolError("sent a Listen record whose key is not 16 hex digits");
                }
                final long key = HexKey.parse(connection.arrayBuffer(), 0);
                handler.accept(key, connection.readArrayCopy(ArrayPrefix.MAX_ARRAY_LENGTH));
            }
        }
        catch (final RuntimeException ex)
        {
            connection.close();
            activeStreams.decrementAndGet();
            if (!closed)
            {
                handler.onError(connection.node(), ex);
            }
        }
    }
}
