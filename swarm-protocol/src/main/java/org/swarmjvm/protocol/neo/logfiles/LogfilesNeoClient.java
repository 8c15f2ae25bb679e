package org.swarmjvm.protocol.neo.logfiles;

import io.airlift.compress.lzo.LzoDecompressor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.neo.NeoAnswerListener;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoPayloadWriter;
import org.swarmjvm.protocol.neo.NeoRequestClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The logfiles node's neo requests over one {@link NeoClient} connection: Put, and GetRange collecting every
 * record (it answers each batch with {@code Continue} and {@code Finished} with {@code Ack}). Futures complete on the
 * connection's reader thread and fail with an {@link IOException} when the request is refused or the connection
 * drops.
 */
public final class LogfilesNeoClient extends NeoRequestClient
{
    /** Largest uncompressed batch accepted from the node. */
    public static final int MAX_UNCOMPRESSED_LENGTH = 16 * 1024 * 1024;

    /**
     * A record returned by GetRange.
     *
     * @param timestamp its timestamp.
     * @param value     its value.
     */
    public record Record(long timestamp, byte[] value)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Record that && timestamp == that.timestamp && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode()
        {
            return 31 * Long.hashCode(timestamp) + Arrays.hashCode(value);
        }

        @Override
        public String toString()
        {
            return timestamp + ":" + new String(value, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * @param client an authenticated connection.
     */
    public LogfilesNeoClient(final NeoClient client)
    {
        super(client);
    }

    /**
     * Stores a record.
     *
     * @param channel   the channel.
     * @param timestamp the record's timestamp.
     * @param value     the value.
     * @return {@link LogfilesNeoRequest#PUT_OK} or {@link LogfilesNeoRequest#PUT_ERROR}.
     */
    public CompletableFuture<Integer> put(final String channel, final long timestamp, final byte[] value)
    {
        return singleByte(NeoPayloadWriter.request(LogfilesNeoRequest.PUT, LogfilesNeoRequest.PUT_VERSION)
            .array(channel).u64(timestamp).array(value));
    }

    /**
     * Reads the records with {@code low <= timestamp <= high} whose value passes the filter.
     *
     * @param channel the channel.
     * @param low     smallest timestamp, inclusive.
     * @param high    largest timestamp, inclusive.
     * @param filter  the filter string; empty for none.
     * @param mode    one of the {@code FILTER_*} modes.
     * @return the records in the order the node sent them; fails when the node answers {@code Error}.
     */
    public CompletableFuture<List<Record>> getRange(
        final String channel, final long low, final long high, final String filter, final int mode)
    {
        final CompletableFuture<List<Record>> result = new CompletableFuture<>();
        final long id = client.nextRequestId();
        new NeoAnswerListener<>(client, result)
        {
            private final List<Record> records = new ArrayList<>();
            private boolean started;

            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                final int type = buffer.getByte(offset);
                if (!started)
                {
                    started = true;
                    if (LogfilesNeoRequest.GET_RANGE_STARTED != type)
                    {
                        fail(id, new IOException("GetRange answered status " + type));
                    }
                    return;
                }
                if (LogfilesNeoRequest.RECORDS == type)
                {
                    readBatch(buffer, offset + 1, records);
                    reply(LogfilesNeoRequest.CONTINUE);
                }
                else if (LogfilesNeoRequest.FINISHED == type)
                {
                    reply(LogfilesNeoRequest.ACK);
                    done(id, records);
                }
                else
                {
                    fail(id, new IOException("unexpected GetRange message " + type));
                }
            }

            private void reply(final int type)
            {
                try
                {
                    client.send(id, new byte[] {(byte)type});
                }
                catch (final IOException ex)
                {
                    fail(id, ex);
                }
            }
        }.start(id, NeoPayloadWriter.request(LogfilesNeoRequest.GET_RANGE, LogfilesNeoRequest.GET_RANGE_VERSION)
            .array(channel).u64(low).u64(high).array(filter).u8(mode));
        return result;
    }

    /**
     * Decodes a {@code Records} batch: {@code u64 uncompressed length | ARRAY(LZO1X block)}, bounded.
     *
     * @param buffer  holding the batch.
     * @param offset  of the uncompressed length.
     * @param records receiving the records in batch order.
     * @throws IllegalArgumentException when the batch is malformed.
     */
    public static void readBatch(final DirectBuffer buffer, final int offset, final List<Record> records)
    {
        final long uncompressedLength = buffer.getLong(offset, LITTLE_ENDIAN);
        final long compressedLength = buffer.getLong(offset + Long.BYTES, LITTLE_ENDIAN);
        if (uncompressedLength < 0 || uncompressedLength > MAX_UNCOMPRESSED_LENGTH || compressedLength < 0 ||
            compressedLength > buffer.capacity() - offset - 2L * Long.BYTES)
        {
            throw new IllegalArgumentException(
                "invalid Records batch lengths " + uncompressedLength + "/" + compressedLength);
        }
        final byte[] compressed = new byte[(int)compressedLength];
        buffer.getBytes(offset + 2 * Long.BYTES, compressed);
        final byte[] plain = new byte[(int)uncompressedLength];
        final int decoded = new LzoDecompressor().decompress(compressed, 0, compressed.length, plain, 0, plain.length);
        if (decoded != plain.length)
        {
            throw new IllegalArgumentException("Records batch decoded to " + decoded + " bytes, not " + plain.length);
        }
        final UnsafeBuffer view = new UnsafeBuffer(plain);
        int position = 0;
        while (position < plain.length)
        {
            final long timestamp = view.getLong(position, LITTLE_ENDIAN);
            final int length = (int)view.getLong(position + Long.BYTES, LITTLE_ENDIAN);
            final byte[] value = new byte[length];
            view.getBytes(position + 2 * Long.BYTES, value);
            position += 2 * Long.BYTES + length;
            records.add(new Record(timestamp, value));
        }
    }
}
