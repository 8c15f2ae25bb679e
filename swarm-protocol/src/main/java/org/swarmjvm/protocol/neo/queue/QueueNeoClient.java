package org.swarmjvm.protocol.neo.queue;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.neo.NeoAnswerListener;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoPayloadWriter;
import org.swarmjvm.protocol.neo.NeoRequestClient;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The queue node's neo requests as methods over one {@link NeoClient} connection: Push v3, Pop v1 and Consume v4.
 * Each returns a future completed on the connection's reader thread. A Consume acknowledges every batch with
 * {@code Continue} unless suspended: suspension is client-side, the node only sees the {@code Continue} late.
 */
public final class QueueNeoClient extends NeoRequestClient
{
    /**
     * @param client an authenticated connection.
     */
    public QueueNeoClient(final NeoClient client)
    {
        super(client);
    }

    /**
     * A Pop's answer.
     *
     * @param status {@code POP_POPPED}, {@code POP_EMPTY}, {@code POP_ERROR} or {@code POP_SUBSCRIBED}.
     * @param value  the record when popped, else {@code null}.
     */
    public record PopResult(int status, byte[] value)
    {
    }

    /**
     * Receives a Consume's records on the reader thread.
     */
    public interface ConsumeListener
    {
        /**
         * @param value one record, in the order the node sent them.
         */
        void onRecord(byte[] value);

        /**
         * The channel was removed; the request is over.
         */
        default void onChannelRemoved()
        {
        }
    }

    /**
     * Appends one record to several channels at once.
     *
     * @param value    the record.
     * @param channels the channels, at most 255.
     * @return the status byte ({@code PUSH_PUSHED} or {@code PUSH_ERROR}).
     */
    public CompletableFuture<Integer> push(final byte[] value, final String... channels)
    {
        if (channels.length > 255)
        {
            throw new IllegalArgumentException("at most 255 channels per Push, not " + channels.length);
        }
        final NeoPayloadWriter payload =
            NeoPayloadWriter.request(QueueNeoRequest.PUSH, QueueNeoRequest.PUSH_VERSION).u8(channels.length);
        for (final String channel : channels)
        {
            payload.array(channel);
        }
        payload.array(value);
        return singleByte(payload);
    }

    /**
     * Takes the oldest record of a channel.
     *
     * @param channel the channel.
     * @return the status and the record.
     */
    public CompletableFuture<PopResult> pop(final String channel)
    {
        final CompletableFuture<PopResult> result = new CompletableFuture<>();
        final long id = client.nextRequestId();
        new NeoAnswerListener<>(client, result)
        {
            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                final int status = buffer.getByte(offset);
                if (QueueNeoRequest.POP_POPPED != status)
                {
                    done(id, new PopResult(status, null));
                    return;
                }
                final byte[] value = new byte[(int)buffer.getLong(offset + 1, LITTLE_ENDIAN)];
                buffer.getBytes(offset + 1 + Long.BYTES, value);
                done(id, new PopResult(status, value));
            }
        }.start(id, NeoPayloadWriter.request(QueueNeoRequest.POP, QueueNeoRequest.POP_VERSION).array(channel));
        return result;
    }

    /**
     * A running Consume.
     */
    public final class Consumer
    {
        private final long id;
        private final CompletableFuture<Void> started = new CompletableFuture<>();
        private final CompletableFuture<Integer> ended = new CompletableFuture<>();
        private boolean suspended;
        private boolean continueOwed;
        private boolean stopping;

        Consumer(final long id)
        {
            this.id = id;
        }

        /**
         * @return completed once the node sent {@code Started}; failed on {@code Error}.
         */
        public CompletableFuture<Void> started()
        {
            return started;
        }

        /**
         * @return completed with {@code CONSUME_STOPPED} or {@code CONSUME_CHANNEL_REMOVED} when the request ends.
         */
        public CompletableFuture<Integer> ended()
        {
            return ended;
        }

        /**
         * Withholds the {@code Continue} after the next batch (client-side; the node is not told).
         */
        public synchronized void suspend()
        {
            suspended = true;
        }

        /**
         * Sends the {@code Continue} withheld while suspended, if any.
         */
        public synchronized void resume()
        {
            suspended = false;
            if (continueOwed && !stopping)
            {
                continueOwed = false;
                NeoAnswerListener.sendOrDrop(client, id, new byte[] {QueueNeoRequest.CONSUME_CONTINUE});
            }
        }

        /**
         * Asks the node to stop.
         *
         * @return completed when the node answered {@code Stopped} (or the channel was removed meanwhile).
         */
        public synchronized CompletableFuture<Integer> stop()
        {
            if (!stopping && !ended.isDone())
            {
                stopping = true;
                NeoAnswerListener.sendOrDrop(client, id, new byte[] {QueueNeoRequest.CONSUME_STOP});
            }
            return ended;
        }

        synchronized void onBatchDelivered()
        {
            if (stopping)
            {
                return;
            }
            if (suspended)
            {
                continueOwed = true;
                return;
            }
            NeoAnswerListener.sendOrDrop(client, id, new byte[] {QueueNeoRequest.CONSUME_CONTINUE});
        }
    }

    /**
     * Starts a Consume as a named subscriber of a channel.
     *
     * @param channel    the channel.
     * @param subscriber the subscriber name; {@code ""} for the default subscriber the legacy Consume uses.
     * @param listener   receiving the records.
     * @return the running Consume.
     */
    public Consumer consume(final String channel, final String subscriber, final ConsumeListener listener)
    {
        final long id = client.nextRequestId();
        final Consumer consumer = new Consumer(id);
        new NeoAnswerListener<>(client, consumer.started)
        {
            private boolean running;

            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                final int type = buffer.getByte(offset);
                if (!running)
                {
                    running = QueueNeoRequest.CONSUME_STARTED == type;
                    if (running)
                    {
                        consumer.started.complete(null);
                    }
                    else
                    {
                        fail(id, new IOException("Consume answered " + type));
                        consumer.ended.completeExceptionally(new IOException("Consume answered " + type));
                    }
                    return;
                }
                switch (type)
                {
                    case QueueNeoRequest.CONSUME_RECORDS:
                        deliver(buffer, offset + 1 + Long.BYTES, (int)buffer.getLong(offset + 1, LITTLE_ENDIAN));
                        consumer.onBatchDelivered();
                        break;
                    case QueueNeoRequest.CONSUME_STOPPED:
                        client.finish(id);
                        consumer.ended.complete(type);
                        break;
                    case QueueNeoRequest.CONSUME_CHANNEL_REMOVED:
                        client.finish(id);
                        listener.onChannelRemoved();
                        consumer.ended.complete(type);
                        break;
                    default:
                        client.finish(id);
                        consumer.ended.completeExceptionally(new IOException("Consume sent message type " + type));
                        break;
                }
            }

            private void deliver(final DirectBuffer buffer, final int batchOffset, final int batchLength)
            {
                int position = batchOffset;
                final int end = batchOffset + batchLength;
                while (position < end)
                {
                    final byte[] value = new byte[(int)buffer.getLong(position, LITTLE_ENDIAN)];
                    buffer.getBytes(position + Long.BYTES, value);
                    position += Long.BYTES + value.length;
                    listener.onRecord(value);
                }
            }

            @Override
            public void onDisconnected(final IOException cause)
            {
                super.onDisconnected(cause);
                consumer.ended.completeExceptionally(cause);
            }
        }.start(id, NeoPayloadWriter.request(QueueNeoRequest.CONSUME, QueueNeoRequest.CONSUME_VERSION)
            .array(channel).array(subscriber));
        return consumer;
    }
}
