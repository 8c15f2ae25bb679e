package org.swarmjvm.protocol.logfiles.client;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.client.BlockingConnection;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.logfiles.FilterMode;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;
import org.swarmjvm.protocol.logfiles.codec.LogfilesRequestEncoder;
import org.swarmjvm.protocol.logfiles.codec.RedistributeRequestDecoder;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A blocking legacy logfiles client on one TCP connection: one request at a time, each method sends its request
 * and reads the whole answer. Bulk answers (the Get* streams) are handed record by record to a callback, straight
 * out of the decompressed batch. A non-OK status is returned, not thrown; a broken answer or a closed connection
 * is an {@link IOException} (an {@link EOFException} when the node closed the connection).
 * <p>
 * Not thread-safe. Unlike the D client it does no handshake and no routing: it talks to the one node it was
 * connected to.
 */
public final class LogfilesClient implements AutoCloseable
{
    /**
     * Receives the records of a bulk answer.
     */
    @FunctionalInterface
    public interface RecordHandler
    {
        /**
         * One record; the value is only valid during the call.
         *
         * @param key    the record key.
         * @param buffer holding the value.
         * @param offset of the value.
         * @param length of the value.
         */
        void onRecord(long key, DirectBuffer buffer, int offset, int length);
    }

    /**
     * The answer of GetNumConnections.
     *
     * @param address the node's configured address, verbatim.
     * @param port    the node's configured legacy port.
     * @param count   legacy connections open at the node, the asking one included.
     */
    public record NodeConnections(String address, int port, long count)
    {
    }

    private static final int MAX_ANSWER_ARRAY = ArrayPrefix.MAX_ARRAY_LENGTH;

    private final BlockingConnection connection;
    private final MutableDirectBuffer requestBuffer;
    private final WireWriter writer;
    private final LogfilesRequestEncoder encoder;
    private final RecordBatchReader batchReader = new RecordBatchReader();
    private final UnsafeBuffer valueBuffer = new UnsafeBuffer(new byte[0]);

    /**
     * Connects to a node.
     *
     * @param address the node's legacy address and port.
     * @throws IOException when the connection cannot be made.
     */
    public LogfilesClient(final InetSocketAddress address) throws IOException
    {
        this(address, Duration.ZERO);
    }

    /**
     * Connects to a node, giving up on the connect and on every read of an answer after a timeout.
     *
     * @param address the node's legacy address and port.
     * @param timeout how long the connect and each read may block; zero waits forever.
     * @throws IOException when the connection cannot be made ({@link java.net.SocketTimeoutException} when the
     *                     timeout passed); a read that times out later throws a {@code SocketTimeoutException} too.
     */
    public LogfilesClient(final InetSocketAddress address, final Duration timeout) throws IOException
    {
        final int timeoutMillis = (int)Math.min(Integer.MAX_VALUE, timeout.toMillis());
        connection = new BlockingConnection(address,
            new BlockingConnection.Settings(timeoutMillis, timeoutMillis, false, false));
        requestBuffer = connection.requestBuffer();
        writer = connection.request();
        encoder = new LogfilesRequestEncoder(writer);
        connection.connect();
    }

    /**
     * @param channel name.
     * @param key     record key.
     * @param value   the value; the node refuses an empty one (408) and one over 65 536 bytes (407).
     * @return the node's status.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus put(final String channel, final long key, final byte[] value) throws IOException
    {
        valueBuffer.wrap(value);
        encoder.put(channel, key, valueBuffer, 0, value.length);
        send();
        return readStatus();
    }

    /**
     * Sends the records collected in a batch writer as one PutBatch, then resets the writer.
     *
     * @param channel name.
     * @param batch   the records; keys must have been appended as 16 hex digits.
     * @return the node's status.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus putBatch(final String channel, final RecordBatchWriter batch) throws IOException
    {
        encoder.putBatchHeader(channel);
        writer.position(writer.position() + batch.writeArray(requestBuffer, writer.position()));
        send();
        return readStatus();
    }

    /**
     * Sends a batch that is already compressed and framed, as {@link RecordBatchWriter#writeArray} wrote it: a
     * batch can so be sent again, to another node, without compressing it twice.
     *
     * @param channel name.
     * @param framed  buffer holding {@code ARRAY(u64 uncompressed length | LZO block)}.
     * @param length  bytes of the framed batch.
     * @return the node's status.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus putBatchFramed(final String channel, final DirectBuffer framed, final int length)
        throws IOException
    {
        encoder.putBatchHeader(channel);
        requestBuffer.putBytes(writer.position(), framed, 0, length);
        writer.position(writer.position() + length);
        send();
        return readStatus();
    }

    /**
     * @param channel name.
     * @param handler receives every record of the channel, in the node's storage order.
     * @return the node's status; records only come with OK.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus getAll(final String channel, final RecordHandler handler) throws IOException
    {
        encoder.channel(LogfilesCommand.GET_ALL, channel);
        return sendAndReadRecords(handler);
    }

    /**
     * @param channel name.
     * @param filter  substring the values must contain.
     * @param handler receives the matching records.
     * @return the node's status.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus getAllFilter(final String channel, final byte[] filter, final RecordHandler handler)
        throws IOException
    {
        encoder.getAllFilter(channel, filter);
        return sendAndReadRecords(handler);
    }

    /**
     * @param channel name.
     * @param lower   smallest key, inclusive.
     * @param upper   largest key, inclusive.
     * @param handler receives the records in the range.
     * @return the node's status.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus getRange(final String channel, final long lower, final long upper, final RecordHandler handler)
        throws IOException
    {
        encoder.getRange(channel, lower, upper);
        return sendAndReadRecords(handler);
    }

    /**
     * GetRange with the bounds sent as given, for bounds a well-behaved client would not send (upper-case digits,
     * not hex at all): a node closes the connection on non-hex bounds when the channel exists.
     *
     * @param channel name.
     * @param lower   lower bound as sent.
     * @param upper   upper bound as sent.
     * @param handler receives the records in the range.
     * @return the node's status.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus getRange(final String channel, final String lower, final String upper,
        final RecordHandler handler) throws IOException
    {
        encoder.getRange(channel, lower, upper);
        return sendAndReadRecords(handler);
    }

    /**
     * @param channel name.
     * @param lower   smallest key, inclusive.
     * @param upper   largest key, inclusive.
     * @param filter  substring the values must contain.
     * @param handler receives the matching records in the range.
     * @return the node's status.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus getRangeFilter(
        final String channel, final long lower, final long upper, final byte[] filter, final RecordHandler handler)
        throws IOException
    {
        encoder.getRangeFilter(channel, lower, upper, filter);
        return sendAndReadRecords(handler);
    }

    /**
     * @param channel name.
     * @param lower   smallest key, inclusive.
     * @param upper   largest key, inclusive.
     * @param mode    how the filter is matched.
     * @param filter  substring or regular expression.
     * @param handler receives the matching records in the range.
     * @return the node's status: 500 when the expression does not compile.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus getRangeRegex(
        final String channel,
        final long lower,
        final long upper,
        final FilterMode mode,
        final byte[] filter,
        final RecordHandler handler)
        throws IOException
    {
        encoder.getRangeRegex(channel, lower, upper, mode, filter);
        return sendAndReadRecords(handler);
    }

    /**
     * @param handler receives every channel name the node has.
     * @return the node's status.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus getChannels(final Consumer<String> handler) throws IOException
    {
        encoder.command(LogfilesCommand.GET_CHANNELS);
        send();
        final SwarmStatus status = readStatus();
        if (SwarmStatus.OK == status)
        {
            while (true)
            {
                final int length = readArray();
                if (0 == length)
                {
                    break;
                }
                handler.accept(connection.arrayText(length));
            }
        }
        return status;
    }

    /**
     * @param channel name.
     * @return the node's status (OK also for a missing channel).
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus removeChannel(final String channel) throws IOException
    {
        encoder.channel(LogfilesCommand.REMOVE_CHANNEL, channel);
        send();
        return readStatus();
    }

    /**
     * @return the node's configured address and port, and its open legacy connections.
     * @throws IOException when the connection fails, the node closes it or answers with an error.
     */
    public NodeConnections getNumConnections() throws IOException
    {
        encoder.command(LogfilesCommand.GET_NUM_CONNECTIONS);
        send();
        expectOk(readStatus());
        final String address = connection.arrayText(readArray());
        final int port = connection.readU16();
        return new NodeConnections(address, port, connection.readU64());
    }

    /**
     * @return the node's API version; a compatible node answers {@code "20110401"}.
     * @throws IOException when the connection fails, the node closes it or answers with an error.
     */
    public String getVersion() throws IOException
    {
        encoder.command(LogfilesCommand.GET_VERSION);
        send();
        expectOk(readStatus());
        return connection.arrayText(readArray());
    }

    /**
     * Redistribute: the node moves about {@code fraction} of its buckets to the targets, chosen at random, and
     * answers once they are moved (which can take hours: give the client a timeout to match).
     *
     * @param fraction of the buckets to move, {@code 0 < fraction <= 1}.
     * @param targets  nodes to move them to; the node sends each batch to the next one in turn.
     * @return the node's status: 500 when it was busy with another one, the fraction was out of bounds or a
     *         batch found no taker.
     * @throws IOException when the connection fails or the node closes it.
     */
    public SwarmStatus redistribute(final float fraction, final List<RedistributeRequestDecoder.Target> targets)
        throws IOException
    {
        encoder.redistribute(fraction, targets);
        send();
        return readStatus();
    }

    @Override
    public void close() throws IOException
    {
        connection.close();
    }

    private SwarmStatus sendAndReadRecords(final RecordHandler handler) throws IOException
    {
        send();
        final SwarmStatus status = readStatus();
        if (SwarmStatus.OK != status)
        {
            return status;
        }
        while (true)
        {
            final int length = readArray();
            if (0 == length)
            {
                return status;
            }
            try
            {
                batchReader.wrap(connection.arrayBuffer(), 0, length);
                while (batchReader.nextRecord())
                {
                    final DirectBuffer entries = batchReader.buffer();
                    if (!HexKey.isValid(entries, batchReader.keyOffset(), batchReader.keyLength()))
                    {
                        throw new IOException("batch entry key is not 16 hex digits");
                    }
                    handler.onRecord(
                        HexKey.parse(entries, batchReader.keyOffset()),
                        entries,
                        batchReader.valueOffset(),
                        batchReader.valueLength());
                }
            }
            catch (final SwarmProtocolException ex)
            {
                throw new IOException("malformed batch: " + ex.getMessage(), ex);
            }
        }
    }

    private void send() throws IOException
    {
        if (!connection.isOpen())
        {
            // The client talks to the one connection it opened: once closed, it does not reconnect.
            throw new SocketException("Socket is closed");
        }
        try
        {
            connection.send();
        }
        finally
        {
            connection.request();
        }
    }

    private SwarmStatus readStatus() throws IOException
    {
        final int code = connection.readI32();
        final SwarmStatus status = SwarmStatus.of(code);
        if (null == status)
        {
            throw new IOException("unknown status code " + code);
        }
        return status;
    }

    private static void expectOk(final SwarmStatus status) throws IOException
    {
        if (SwarmStatus.OK != status)
        {
            throw new IOException("node answered " + status);
        }
    }

    /**
     * @return the length of the array read into the connection's array buffer.
     */
    private int readArray() throws IOException
    {
        try
        {
            return connection.readArray(MAX_ANSWER_ARRAY);
        }
        catch (final SwarmProtocolException ex)
        {
            throw new IOException(ex.getMessage(), ex);
        }
    }
}
