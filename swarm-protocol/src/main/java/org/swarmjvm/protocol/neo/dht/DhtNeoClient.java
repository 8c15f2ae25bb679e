package org.swarmjvm.protocol.neo.dht;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.neo.NeoAnswerListener;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoPayloadWriter;
import org.swarmjvm.protocol.neo.NeoRequestClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The DHT's neo requests as methods over one {@link NeoClient} connection: each returns a future completed on the
 * connection's reader thread, so any number may be in flight at once. A future fails with an {@link IOException}
 * when the node does not support the request or the connection drops.
 */
public final class DhtNeoClient extends NeoRequestClient
{
    /**
     * @param client an authenticated connection.
     */
    public DhtNeoClient(final NeoClient client)
    {
        super(client);
    }

    /**
     * A Get's answer.
     *
     * @param status {@code GET_NO_RECORD}, {@code GET_GOT}, {@code GET_WRONG_NODE} or {@code GET_ERROR}.
     * @param value  the value when found, else {@code null}.
     */
    public record GetResult(int status, byte[] value)
    {
    }

    /**
     * Receives a Mirror's notifications on the reader thread.
     */
    public interface MirrorListener
    {
        /**
         * @param key   changed or refreshed.
         * @param value its value.
         */
        void onRecord(long key, byte[] value);

        /**
         * @param key deleted.
         */
        void onDeleted(long key);

        /**
         * Updates were lost: the node's queue overflowed.
         */
        void onUpdatesLost();

        /**
         * The channel was removed; the request is over.
         */
        void onChannelRemoved();
    }

    /**
     * @param channel the channel.
     * @param key     the key.
     * @param value   the value.
     * @return the status byte ({@code PUT_OK} ...).
     */
    public CompletableFuture<Integer> put(final String channel, final long key, final byte[] value)
    {
        return singleByte(payload(DhtNeoRequest.PUT).array(channel).u64(key).array(value));
    }

    /**
     * @param channel the channel.
     * @param key     the key.
     * @return the status and value.
     */
    public CompletableFuture<GetResult> get(final String channel, final long key)
    {
        final CompletableFuture<GetResult> result = new CompletableFuture<>();
        final long id = client.nextRequestId();
        new NeoAnswerListener<>(client, result)
        {
            private int status;

            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                if (0 == status)
                {
                    status = buffer.getByte(offset);
                    if (DhtNeoRequest.GET_GOT != status)
                    {
                        done(id, new GetResult(status, null));
                    }
                    return;
                }
                final byte[] value = new byte[(int)buffer.getLong(offset, LITTLE_ENDIAN)];
                buffer.getBytes(offset + Long.BYTES, value);
                done(id, new GetResult(status, value));
            }
        }.start(id, payload(DhtNeoRequest.GET).array(channel).u64(key));
        return result;
    }

    /**
     * @param channel the channel.
     * @param key     the key.
     * @return the status byte ({@code EXISTS_RECORD_EXISTS} ...).
     */
    public CompletableFuture<Integer> exists(final String channel, final long key)
    {
        return singleByte(payload(DhtNeoRequest.EXISTS).array(channel).u64(key));
    }

    /**
     * @param channel the channel.
     * @param key     the key.
     * @return the status byte ({@code REMOVE_REMOVED} ...).
     */
    public CompletableFuture<Integer> remove(final String channel, final long key)
    {
        return singleByte(payload(DhtNeoRequest.REMOVE).array(channel).u64(key));
    }

    /**
     * @param channel the channel.
     * @return the status byte ({@code REMOVE_CHANNEL_REMOVED} ...).
     */
    public CompletableFuture<Integer> removeChannel(final String channel)
    {
        return singleByte(payload(DhtNeoRequest.REMOVE_CHANNEL).array(channel));
    }

    /**
     * @return the names of the node's channels.
     */
    public CompletableFuture<List<String>> getChannels()
    {
        final CompletableFuture<List<String>> result = new CompletableFuture<>();
        final long id = client.nextRequestId();
        final List<String> names = new ArrayList<>();
        new NeoAnswerListener<>(client, result)
        {
            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                if (DhtNeoRequest.GET_CHANNELS_NAME == buffer.getByte(offset))
                {
                    names.add(buffer.getStringWithoutLengthAscii(offset + 1 + Long.BYTES,
                        (int)buffer.getLong(offset + 1, LITTLE_ENDIAN)));
                    return;
                }
                done(id, names);
            }
        }.start(id, payload(DhtNeoRequest.GET_CHANNELS));
        return result;
    }

    /**
     * @return the node's hash range (the first message of a GetHashRange, which then stays open).
     */
    public CompletableFuture<HashRange> getHashRange()
    {
        final CompletableFuture<HashRange> result = new CompletableFuture<>();
        final long id = client.nextRequestId();
        new NeoAnswerListener<>(client, result)
        {
            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                if (!result.isDone())
                {
                    result.complete(new HashRange(buffer.getLong(offset, LITTLE_ENDIAN),
                        buffer.getLong(offset + Long.BYTES, LITTLE_ENDIAN)));
                }
            }
        }.start(id, payload(DhtNeoRequest.GET_HASH_RANGE));
        return result;
    }

    /**
     * Reads the whole channel.
     *
     * @param channel  the channel.
     * @param keysOnly true to receive keys only (values {@code null}).
     * @param filter   only values containing these bytes; empty for all.
     * @return every record, by key.
     */
    public CompletableFuture<Map<Long, byte[]>> getAll(final String channel, final boolean keysOnly,
        final byte[] filter)
    {
        final CompletableFuture<Map<Long, byte[]>> result = new CompletableFuture<>();
        final long id = client.nextRequestId();
        final Map<Long, byte[]> records = new TreeMap<>(Long::compareUnsigned);
        new NeoAnswerListener<>(client, result)
        {
            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                final int type = buffer.getByte(offset);
                switch (type)
                {
                    case DhtNeoRequest.STARTED:
                        break;
                    case DhtNeoRequest.GET_ALL_RECORD_BATCH:
                        NeoRecordBatchReader.read(buffer, offset + 1, true, keysOnly, (key, value) ->
                        {
                            if (null != records.put(key, value))
                            {
                                result.completeExceptionally(new IOException("duplicate key " + key));
                            }
                        });
                        break;
                    case DhtNeoRequest.GET_ALL_FINISHED:
                        sendQuietly(id, new byte[] {DhtNeoRequest.ACK});
                        done(id, records);
                        break;
                    default:
                        fail(id, new IOException("GetAll answered " + type));
                        break;
                }
            }
        }.start(id, payload(DhtNeoRequest.GET_ALL).u8(0).array(channel).u8(0).u64(0).u8(keysOnly ? 1 : 0)
            .array(filter));
        return result;
    }

    /**
     * Read-modify-write of one record (path A).
     *
     * @param channel the channel.
     * @param key     the key.
     * @param update  from the current value to the new one; {@code null} leaves the record.
     * @return the final status ({@code UPDATE_OK}, {@code UPDATE_NO_RECORD}, {@code UPDATE_CONFLICT} ...).
     */
    public CompletableFuture<Integer> update(final String channel, final long key, final UnaryOperator<byte[]> update)
    {
        final CompletableFuture<Integer> result = new CompletableFuture<>();
        final long id = client.nextRequestId();
        new NeoAnswerListener<>(client, result)
        {
            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                final int type = buffer.getByte(offset);
                if (DhtNeoRequest.UPDATE_RECORD_VALUE != type)
                {
                    done(id, type);
                    return;
                }
                final byte[] value = new byte[(int)buffer.getLong(offset + 1, LITTLE_ENDIAN)];
                buffer.getBytes(offset + 1 + Long.BYTES, value);
                final byte[] updated = update.apply(value);
                if (null == updated)
                {
                    sendQuietly(id, new byte[] {DhtNeoRequest.UPDATE_LEAVE_RECORD});
                    return;
                }
                final long hash = DhtNeoRequest.fnv1a64(new org.agrona.concurrent.UnsafeBuffer(value), 0, value.length);
                sendQuietly(id, new NeoPayloadWriter().u8(DhtNeoRequest.UPDATE_UPDATE_RECORD).u64(hash).array(updated)
                    .bytes());
            }
        }.start(id, payload(DhtNeoRequest.UPDATE).u8(DhtNeoRequest.UPDATE_GET_RECORD).array(channel).u64(key));
        return result;
    }

    /**
     * A running Mirror: control it with {@link #suspend()}, {@link #resume()}, {@link #stop()}.
     */
    public final class Mirror
    {
        private final long id;
        private volatile CompletableFuture<Void> pendingAck;
        private final CompletableFuture<Void> started = new CompletableFuture<>();

        Mirror(final long id)
        {
            this.id = id;
        }

        /**
         * @return completed once the node sent {@code Started}.
         */
        public CompletableFuture<Void> started()
        {
            return started;
        }

        /**
         * @return completed when the node acknowledged.
         */
        public CompletableFuture<Void> suspend()
        {
            return control(DhtNeoRequest.SUSPEND);
        }

        /**
         * @return completed when the node acknowledged.
         */
        public CompletableFuture<Void> resume()
        {
            return control(DhtNeoRequest.RESUME);
        }

        /**
         * @return completed when the node acknowledged; the request is then over.
         */
        public CompletableFuture<Void> stop()
        {
            return control(DhtNeoRequest.STOP);
        }

        private CompletableFuture<Void> control(final int type)
        {
            final CompletableFuture<Void> ack = new CompletableFuture<>();
            pendingAck = ack;
            sendQuietly(id, new byte[] {(byte)type});
            if (DhtNeoRequest.STOP == type)
            {
                ack.thenRun(() -> client.finish(id));
            }
            return ack;
        }
    }

    /**
     * Starts a Mirror.
     *
     * @param channel         the channel.
     * @param initialRefresh  true to receive every record first.
     * @param periodicSeconds refresh period, 0 for none.
     * @param listener        receiving the notifications.
     * @return the running Mirror.
     */
    public Mirror mirror(final String channel, final boolean initialRefresh, final int periodicSeconds,
        final MirrorListener listener)
    {
        final long id = client.nextRequestId();
        final Mirror mirror = new Mirror(id);
        new NeoAnswerListener<>(client, mirror.started)
        {
            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                final int type = buffer.getByte(offset);
                switch (type)
                {
                    case DhtNeoRequest.STARTED:
                        mirror.started.complete(null);
                        break;
                    case DhtNeoRequest.ACK:
                        final CompletableFuture<Void> ack = mirror.pendingAck;
                        if (null != ack)
                        {
                            ack.complete(null);
                        }
                        break;
                    case DhtNeoRequest.MIRROR_RECORD_CHANGED:
                        final byte[] value = new byte[(int)buffer.getLong(offset + 1 + Long.BYTES, LITTLE_ENDIAN)];
                        buffer.getBytes(offset + 1 + 2 * Long.BYTES, value);
                        listener.onRecord(buffer.getLong(offset + 1, LITTLE_ENDIAN), value);
                        break;
                    case DhtNeoRequest.MIRROR_RECORD_DELETED:
                        listener.onDeleted(buffer.getLong(offset + 1, LITTLE_ENDIAN));
                        break;
                    case DhtNeoRequest.MIRROR_REFRESH_BATCH:
                        NeoRecordBatchReader.read(buffer, offset + 1, false, false, listener::onRecord);
                        break;
                    case DhtNeoRequest.MIRROR_UPDATE_OVERFLOW:
                        listener.onUpdatesLost();
                        break;
                    case DhtNeoRequest.MIRROR_CHANNEL_REMOVED:
                        sendQuietly(id, new byte[] {DhtNeoRequest.ACK});
                        client.finish(id);
                        listener.onChannelRemoved();
                        break;
                    default:
                        mirror.started.completeExceptionally(new IOException("Mirror answered " + type));
                        break;
                }
            }
        }.start(id, payload(DhtNeoRequest.MIRROR).u8(0).array(channel).u8(initialRefresh ? 1 : 0).u32(periodicSeconds));
        return mirror;
    }

    private void sendQuietly(final long id, final byte[] payload)
    {
        NeoAnswerListener.sendOrDrop(client, id, payload);
    }

    private static NeoPayloadWriter payload(final int code)
    {
        return NeoPayloadWriter.request(code, DhtNeoRequest.VERSION);
    }
}
