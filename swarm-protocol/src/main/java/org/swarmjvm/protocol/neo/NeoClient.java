package org.swarmjvm.protocol.neo;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import javax.crypto.spec.SecretKeySpec;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A neo client connection to one node: connects, exchanges version bytes, authenticates, then multiplexes any
 * number of requests on the one connection. Messages for a request go to its {@link RequestListener} on the
 * connection's reader thread; messages for unknown ids are discarded, as the original client does.
 */
public final class NeoClient implements AutoCloseable
{
    private static final int MAX_BODY_LENGTH = 64 * 1024 * 1024;

    /**
     * Receives the node's messages of one request, on the reader thread.
     */
    public interface RequestListener
    {
        /**
         * @param buffer holding the payload (after the request id); valid during the call only.
         * @param offset of the payload.
         * @param length of the payload.
         */
        void onMessage(DirectBuffer buffer, int offset, int length);

        /**
         * The connection closed while the request was active.
         *
         * @param cause why.
         */
        void onDisconnected(IOException cause);
    }

    private final SocketChannel channel;
    private final Map<Long, RequestListener> requests = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final Thread reader;
    private volatile boolean closed;

    private NeoClient(final SocketChannel channel)
    {
        this.channel = channel;
        this.reader = new Thread(this::readLoop, "neo-client-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Connects and authenticates.
     *
     * @param host address of the node.
     * @param port neo port.
     * @param name client name.
     * @param key  128-byte key.
     * @return the authenticated connection.
     * @throws IOException when the node cannot be reached or refuses the credentials.
     */
    public static NeoClient connect(final String host, final int port, final String name, final byte[] key)
        throws IOException
    {
        final SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
        try
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            authenticate(channel, name, NeoHmac.keySpec(key), System.currentTimeMillis() / 1000);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
        final NeoClient client = new NeoClient(channel);
        client.reader.start();
        return client;
    }

    /**
     * Runs the handshake and authentication on a blocking channel; {@link #connect} uses it, and tests that write
     * raw messages after it.
     *
     * @param channel   connected to the neo port, blocking.
     * @param name      client name.
     * @param key       the client's key.
     * @param timestamp seconds since the epoch.
     * @throws IOException when the node refuses or the channel fails.
     */
    public static void authenticate(
        final SocketChannel channel, final String name, final SecretKeySpec key, final long timestamp)
        throws IOException
    {
        writeFully(channel, ByteBuffer.wrap(new byte[] {NeoConst.PROTOCOL_VERSION}));
        final ByteBuffer version = readFully(channel, 1);
        if (NeoConst.PROTOCOL_VERSION != version.get(0))
        {
            throw new IOException("node speaks neo protocol version " + version.get(0));
        }
        final ByteBuffer timestampBody = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        timestampBody.putLong(0, timestamp);
        writeMessage(channel, NeoHeader.TYPE_AUTHENTICATION, timestampBody.array());
        final byte[] nonce = readMessage(channel, NeoHeader.TYPE_AUTHENTICATION);
        if (NeoConst.NONCE_LENGTH != nonce.length)
        {
            throw new IOException("nonce of " + nonce.length + " bytes");
        }
        final byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        final byte[] code = new NeoHmac().code(key, timestamp, nonce);
        final ByteBuffer body = ByteBuffer.allocate(Long.BYTES + nameBytes.length + code.length)
            .order(ByteOrder.LITTLE_ENDIAN);
        body.putLong(nameBytes.length).put(nameBytes).put(code);
        writeMessage(channel, NeoHeader.TYPE_AUTHENTICATION, body.array());
        final byte[] result;
        try
        {
            result = readMessage(channel, NeoHeader.TYPE_AUTHENTICATION);
        }
        catch (final EOFException ex)
        {
            throw new IOException("node closed the connection during authentication", ex);
        }
        if (1 != result.length || 0 == result[0])
        {
            throw new IOException("authentication as '" + name + "' rejected");
        }
    }

    /**
     * @return a fresh request id (never 0).
     */
    public long nextRequestId()
    {
        return nextId.incrementAndGet();
    }

    /**
     * Starts a request: registers its listener, then sends its first message.
     *
     * @param id       request id.
     * @param listener receiving the node's messages.
     * @param payload  code, version and arguments.
     * @throws IOException when the message cannot be sent.
     */
    public void start(final long id, final RequestListener listener, final byte[] payload) throws IOException
    {
        requests.put(id, listener);
        if (closed)
        {
            // The reader may have told its listeners of the disconnection before this one was registered, and a
            // write to a socket the node closed can still succeed: without this the request would wait forever.
            requests.remove(id);
            throw new IOException("connection closed");
        }
        send(id, payload);
    }

    /**
     * Sends a further message of a request.
     *
     * @param id      request id.
     * @param payload the message payload.
     * @throws IOException when the message cannot be sent.
     */
    public void send(final long id, final byte[] payload) throws IOException
    {
        final ByteBuffer message = ByteBuffer.allocate(NeoHeader.LENGTH + Long.BYTES + payload.length)
            .order(ByteOrder.LITTLE_ENDIAN);
        final UnsafeBuffer header = new UnsafeBuffer(message);
        NeoHeader.write(header, 0, NeoHeader.TYPE_REQUEST, Long.BYTES + payload.length);
        message.position(NeoHeader.LENGTH);
        message.putLong(id).put(payload).flip();
        synchronized (channel)
        {
            writeFully(channel, message);
        }
    }

    /**
     * Forgets a request that is over; later messages for its id are discarded.
     *
     * @param id request id.
     */
    public void finish(final long id)
    {
        requests.remove(id);
    }

    /**
     * @return requests started on this connection and not yet over (answered, failed or refused).
     */
    public int requestsInFlight()
    {
        return requests.size();
    }

    /**
     * @return true while the connection is open.
     */
    public boolean isOpen()
    {
        return !closed && channel.isOpen();
    }

    private void readLoop()
    {
        IOException cause = null;
        try
        {
            final ByteBuffer header = ByteBuffer.allocate(NeoHeader.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer body = ByteBuffer.allocate(64 * 1024);
            final UnsafeBuffer view = new UnsafeBuffer(body);
            while (!closed)
            {
                header.clear();
                readFully(channel, header);
                final UnsafeBuffer headerView = new UnsafeBuffer(header);
                final long length = NeoHeader.bodyLength(headerView, 0);
                if (!NeoHeader.isParityValid(headerView, 0) ||
                    NeoHeader.TYPE_REQUEST != NeoHeader.type(headerView, 0) ||
                    length < Long.BYTES || length > MAX_BODY_LENGTH)
                {
                    throw new IOException("invalid message header from the node");
                }
                if (body.capacity() < length)
                {
                    body = ByteBuffer.allocate((int)length);
                    view.wrap(body);
                }
                body.clear().limit((int)length);
                readFully(channel, body);
                final long id = view.getLong(0, java.nio.ByteOrder.LITTLE_ENDIAN);
                final RequestListener listener = requests.get(id);
                if (null != listener)
                {
                    listener.onMessage(view, Long.BYTES, (int)length - Long.BYTES);
                }
            }
        }
        catch (final IOException ex)
        {
            cause = ex;
        }
        closed = true;
        final IOException reason = null == cause ? new IOException("connection closed") : cause;
        for (final RequestListener listener : requests.values())
        {
            listener.onDisconnected(reason);
        }
        requests.clear();
    }

    private static void writeMessage(final SocketChannel channel, final int type, final byte[] body)
        throws IOException
    {
        final ByteBuffer message = ByteBuffer.allocate(NeoHeader.LENGTH + body.length);
        NeoHeader.write(new UnsafeBuffer(message), 0, type, body.length);
        message.position(NeoHeader.LENGTH);
        message.put(body).flip();
        writeFully(channel, message);
    }

    private static byte[] readMessage(final SocketChannel channel, final int type) throws IOException
    {
        final ByteBuffer header = readFully(channel, NeoHeader.LENGTH);
        final UnsafeBuffer view = new UnsafeBuffer(header);
        final long length = NeoHeader.bodyLength(view, 0);
        if (!NeoHeader.isParityValid(view, 0) || type != NeoHeader.type(view, 0) || length < 0 ||
            length > NeoConst.MAX_AUTH_BODY_LENGTH)
        {
            throw new IOException("invalid authentication message from the node");
        }
        return readFully(channel, (int)length).array();
    }

    private static ByteBuffer readFully(final SocketChannel channel, final int length) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(length);
        readFully(channel, buffer);
        return buffer;
    }

    private static void readFully(final SocketChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer) < 0)
            {
                throw new EOFException("connection closed by the node");
            }
        }
    }

    private static void writeFully(final SocketChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    @Override
    public void close()
    {
        closed = true;
        try
        {
            channel.close();
            reader.join(5000);
        }
        catch (final IOException ex)
        {
            // Closing a socket that failed already: nothing left to release.
            return;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
