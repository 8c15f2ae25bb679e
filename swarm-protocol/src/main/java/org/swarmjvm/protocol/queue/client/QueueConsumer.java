package org.swarmjvm.protocol.queue.client;

import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.queue.QueueCommand;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of a Consume on every node: one reader thread per node puts the records into one queue, from
 * which {@link #poll(long, TimeUnit)} takes them in arrival order. A node ends its stream with an empty array when
 * the channel is removed; the client ends a Consume only by closing the connection ({@link #close()}), which loses
 * the records in flight, as in the original.
 */
public final class QueueConsumer implements AutoCloseable
{
    private static final byte[] END_OF_STREAM = new byte[0];

    private final List<QueueConnection> streams;
    private final BlockingQueue<byte[]> records = new LinkedBlockingQueue<>();
    private final AtomicInteger openStreams;
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean closed;

    private QueueConsumer(final List<QueueConnection> streams)
    {
        this.streams = streams;
        this.openStreams = new AtomicInteger(streams.size());
    }

    static QueueConsumer start(final List<InetSocketAddress> nodes, final int connectTimeoutMillis,
        final String channel)
    {
        final List<QueueConnection> streams = QueueConnection.openStreams(nodes, connectTimeoutMillis,
            encoder -> encoder.channel(QueueCommand.CONSUME, channel), "Consume '" + channel + "'");
        final QueueConsumer consumer = new QueueConsumer(streams);
        for (final QueueConnection stream : streams)
        {
            final Thread reader = new Thread(() -> consumer.read(stream), "queue-consume-" + stream.address());
            reader.setDaemon(true);
            consumer.readers.add(reader);
            reader.start();
        }
        return consumer;
    }

    /**
     * Takes the next record.
     *
     * @param timeout how long to wait.
     * @param unit    of the timeout.
     * @return the record, or {@code null} when none arrived in time or every stream has ended.
     * @throws InterruptedException when interrupted while waiting.
     */
    public byte[] poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true)
        {
            // Each node's end of stream leaves a marker in the queue; skip them all, they are not records.
            final byte[] record = isFinished() ? records.poll() :
                records.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (END_OF_STREAM != record)
            {
                return record;
            }
        }
    }

    /**
     * @return true when every node ended its stream (the channel was removed) or failed.
     */
    public boolean isFinished()
    {
        return 0 == openStreams.get();
    }

    @Override
    public void close()
    {
        closed = true;
        streams.forEach(QueueConnection::close);
        for (final Thread reader : readers)
        {
            try
            {
                reader.join(1000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void read(final QueueConnection stream)
    {
        try
        {
            while (!closed)
            {
                final byte[] record = stream.readArray();
                if (0 == record.length)
                {
                    break;
                }
                records.add(record);
            }
        }
        catch (final IOException | SwarmProtocolException ex)
        {
            // the node went away or the consumer was closed: the stream of this node has ended
        }
        finally
        {
            openStreams.decrementAndGet();
            records.add(END_OF_STREAM);
        }
    }
}
