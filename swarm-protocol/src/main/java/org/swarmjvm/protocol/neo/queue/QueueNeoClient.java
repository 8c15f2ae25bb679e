package org.swarmjvm.protocol.neo.queue;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.neo.NeoAnswerListener;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoPayloadWriter;
import org.swarmjvm.protocol.neo.NeoRequestClient;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The queue node's neo requests as methods over one {@link NeoClient} connection: Push v3, Pop v1, Consume v4 and
 * the leased delivery of Take, Ack, Nack and Extend (ours, {@code docs/neo.md}). Each returns a future completed on
 * the connection's reader thread. A Consume acknowledges every batch with
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
     * A Take's answer.
     *
     * @param status     {@code TAKE_TAKEN}, {@code TAKE_EMPTY} or {@code TAKE_SUBSCRIBED} ({@code TAKE_ERROR} fails
     *                   the future instead).
     * @param leaseId    the lease to acknowledge when taken, else 0.
     * @param deliveries how many times the record has been handed out, this time included (1 on the first), when
     *                   taken, else 0.
     * @param value      the record when taken, else {@code null}.
     */
    public record TakeResult(int status, long leaseId, int deliveries, byte[] value)
    {
        /**
         * @return whether a record was taken; {@code false} when the channel had no ready record (or has
         *     subscribers).
         */
        public boolean taken()
        {
            return QueueNeoRequest.TAKE_TAKEN == status;
        }
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
     * Takes the oldest ready record of a channel under a lease: nobody else gets it while the lease runs; it is
     * gone once acknowledged, and ready again (at the head) when nacked or when the lease expires.
     *
     * @param channel the channel.
     * @param lease   how long the record stays taken, 1 ms to 1 day.
     * @return the answer; {@code taken()} is {@code false} when the channel had no ready record. Fails when the
     *     node answered {@code Error}.
     */
    public CompletableFuture<TakeResult> take(final String channel, final Duration lease)
    {
        return leaseRequest(() -> "Take on channel '" + channel + "' with a lease of " + lease.toMillis() +
            " ms answered Error: a bad channel name, a lease outside 1 ms to 1 day, a record the node's lease " +
            "journal cannot hold, or a lease journal the node cannot make (its log names the cause)",
            NeoPayloadWriter.request(QueueNeoRequest.TAKE, QueueNeoRequest.LEASE_VERSION)
            .array(channel).u64(lease.toMillis()), (status, buffer, offset) ->
            {
                if (QueueNeoRequest.TAKE_TAKEN != status)
                {
                    return new TakeResult(status, 0, 0, null);
                }
                final long leaseId = buffer.getLong(offset + 1, LITTLE_ENDIAN);
                final int deliveries = buffer.getInt(offset + 1 + Long.BYTES, LITTLE_ENDIAN);
                final int valueOffset = offset + 1 + Long.BYTES + Integer.BYTES;
                final byte[] value = new byte[(int)buffer.getLong(valueOffset, LITTLE_ENDIAN)];
                buffer.getBytes(valueOffset + Long.BYTES, value);
                return new TakeResult(status, leaseId, deliveries, value);
            });
    }

    /**
     * Acknowledges a taken record: it is gone for good.
     *
     * @param channel the channel it was taken from.
     * @param leaseId the lease of the Take.
     * @return {@code true} when acknowledged; {@code false} when the lease is unknown or over (expired, acked or
     *     nacked). Fails when the node answered {@code Error}.
     */
    public CompletableFuture<Boolean> ack(final String channel, final long leaseId)
    {
        return leaseEnd("Ack", channel, leaseId, NeoPayloadWriter.request(QueueNeoRequest.ACK,
            QueueNeoRequest.LEASE_VERSION).array(channel).u64(leaseId));
    }

    /**
     * Gives a taken record back: it is ready again at the head of the channel (or dead-lettered after the node's
     * maximum of deliveries).
     *
     * @param channel the channel it was taken from.
     * @param leaseId the lease of the Take.
     * @return {@code true} when given back; {@code false} when the lease is unknown or over. Fails when the node
     *     answered {@code Error}.
     */
    public CompletableFuture<Boolean> nack(final String channel, final long leaseId)
    {
        return leaseEnd("Nack", channel, leaseId, NeoPayloadWriter.request(QueueNeoRequest.NACK,
            QueueNeoRequest.LEASE_VERSION).array(channel).u64(leaseId));
    }

    /**
     * Sets a running lease to end a new span from now.
     *
     * @param channel the channel the record was taken from.
     * @param leaseId the lease of the Take.
     * @param lease   the new span, from now, 1 ms to 1 day.
     * @return {@code true} when extended; {@code false} when the lease is unknown or over. Fails when the node
     *     answered {@code Error}.
     */
    public CompletableFuture<Boolean> extend(final String channel, final long leaseId, final Duration lease)
    {
        return leaseEnd("Extend", channel, leaseId, NeoPayloadWriter.request(QueueNeoRequest.EXTEND,
            QueueNeoRequest.LEASE_VERSION).array(channel).u64(leaseId).u64(lease.toMillis()));
    }

    private CompletableFuture<Boolean> leaseEnd(
        final String request, final String channel, final long leaseId, final NeoPayloadWriter payload)
    {
        return leaseRequest(() -> request + " of lease " + leaseId + " on channel '" + channel +
            "' answered Error: a bad channel name or a lease outside 1 ms to 1 day", payload,
            (status, buffer, offset) -> QueueNeoRequest.LEASE_DONE == status);
    }

    /**
     * Decodes the answer of a leased-delivery request that is not {@code Error}.
     *
     * @param <T> the request's result.
     */
    @FunctionalInterface
    private interface LeaseAnswer<T>
    {
        T decode(int status, DirectBuffer buffer, int offset);
    }

    /**
     * Runs a leased-delivery request: its {@code Error} status (the same byte in all four) fails the future.
     */
    private <T> CompletableFuture<T> leaseRequest(
        final Supplier<String> refusal, final NeoPayloadWriter payload, final LeaseAnswer<T> answer)
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final long id = client.nextRequestId();
        new NeoAnswerListener<>(client, result)
        {
            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                final int status = buffer.getByte(offset);
                if (QueueNeoRequest.LEASE_ERROR == status)
                {
                    fail(id, new IOException(refusal.get()));
                    return;
                }
                done(id, answer.decode(status, buffer, offset));
            }
        }.start(id, payload);
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
