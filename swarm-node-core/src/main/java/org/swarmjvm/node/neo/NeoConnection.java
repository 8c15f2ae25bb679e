package org.swarmjvm.node.neo;

import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.net.PooledConnection;
import org.swarmjvm.protocol.neo.NeoConst;
import org.swarmjvm.protocol.neo.NeoHeader;
import org.swarmjvm.protocol.neo.NeoHmac;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * One neo connection: version byte, authentication, then request messages multiplexed by id. Reads are parsed as
 * they come; every request writes into the connection's {@link org.swarmjvm.node.net.OutputBuffer}; streaming
 * requests take turns producing while the output is below its stream limit, and input is not parsed while the
 * output is above a high-water mark, so a client that does not read cannot make the node buffer without bound.
 * <p>
 * A slot of the listener's pool: closing it gives back what its buffers grew by and forgets the authentication and
 * the requests, so that the next connection opened in it starts from the version byte with nothing of the last.
 * Its request handlers stay pooled with it.
 */
final class NeoConnection extends PooledConnection
{
    private static final Logger LOG = System.getLogger(NeoConnection.class.getName());
    private static final int INITIAL_READ_CAPACITY = 64 * 1024;
    private static final int INITIAL_WRITE_CAPACITY = 64 * 1024;
    /** Above this, a buffer is given back once the message that needed it was handled or sent. */
    private static final int RETAINED_CAPACITY = 1024 * 1024;
    private static final int OUTPUT_HIGH_WATER = 8 * 1024 * 1024;
    private static final int MAX_TURNS_PER_CYCLE = 256;
    private static final int MAX_POOLED_PER_CODE = 64;
    private static final int PREFIX_LENGTH = NeoHeader.LENGTH + NeoConst.REQUEST_ID_LENGTH;

    private enum Phase
    {
        VERSION, AUTH_TIMESTAMP, AUTH_CODE, REQUESTS, CLOSED
    }

    private final NeoProtocol protocol;
    private final NeoEngine engine;
    private final NodeServices services;
    private final NeoContext context;
    private final String[] requestNames;
    private final ArrayList<ArrayDeque<NeoRequest>> pools = new ArrayList<>();
    private final Long2ObjectHashMap<NeoRequest> active = new Long2ObjectHashMap<>();
    private final ArrayDeque<NeoRequest> ready = new ArrayDeque<>();
    private final UnsafeBuffer inView;
    private final byte[] nonce = new byte[NeoConst.NONCE_LENGTH];
    private Phase phase = Phase.CLOSED;
    private int messageStart;
    private long nodeTime;
    private long timestamp;
    private String clientName;
    /** The buckets of the client's name, shared with its other connections; {@code null} when not throttled. */
    private ClientThrottle throttle;
    private boolean processing;
    /** The protocol's list of unauthenticated connections, oldest first; see {@link NeoProtocol}. */
    boolean unauthenticated;
    NeoConnection olderUnauthenticated;
    NeoConnection newerUnauthenticated;
    long handshakeDeadlineNanos;

    NeoConnection(
        final NeoProtocol protocol,
        final NeoEngine engine,
        final NodeServices services,
        final NeoContext context)
    {
        super(services.requestMemory(), INITIAL_READ_CAPACITY, INITIAL_WRITE_CAPACITY, services.stats());
        this.protocol = protocol;
        this.engine = engine;
        this.services = services;
        this.context = context;
        this.requestNames = engine.requestNames();
        for (int i = 0; i < requestNames.length; i++)
        {
            pools.add(new ArrayDeque<>());
        }
        this.inView = readBuffer().view();
    }

    @Override
    protected void onOpen()
    {
        phase = Phase.VERSION;
    }

    String clientName()
    {
        return clientName;
    }

    boolean isOpen()
    {
        return Phase.CLOSED != phase;
    }

    @Override
    public void onSelected(final SelectionKey selected)
    {
        try
        {
            if (selected.isReadable())
            {
                onReadable();
            }
            if (selected.isValid() && Phase.CLOSED != phase && selected.isWritable())
            {
                service();
            }
        }
        catch (final RuntimeException ex)
        {
            onHandlerFailure(ex);
        }
    }

    /**
     * A request handler threw: only this connection is closed; left open, it would stay half-way through a read.
     */
    private void onHandlerFailure(final RuntimeException ex)
    {
        processing = false;
        LOG.log(Level.ERROR, "neo connection " + connectionId() + " from " + remoteAddress() +
            ": request handler failed", ex);
        close(Level.DEBUG, "request handler failed");
    }

    private void onReadable()
    {
        final int read = readSocket();
        if (READ_FAILED == read)
        {
            return;
        }
        if (END_OF_STREAM == read)
        {
            close(Level.DEBUG, "closed by the client");
            return;
        }
        process();
        service();
    }

    private void process()
    {
        processing = true;
        int position = 0;
        final int end = readBuffer().buffer().position();
        int needed = 0;
        while (Phase.CLOSED != phase && pending() < OUTPUT_HIGH_WATER)
        {
            if (Phase.VERSION == phase)
            {
                if (end - position < 1)
                {
                    break;
                }
                onVersion(inView.getByte(position));
                position++;
                continue;
            }
            if (end - position < NeoHeader.LENGTH)
            {
                break;
            }
            final long bodyLength = checkHeader(position);
            if (bodyLength < 0)
            {
                break;
            }
            final int total = NeoHeader.LENGTH + (int)bodyLength;
            if (end - position < total)
            {
                needed = total;
                break;
            }
            onMessage(position + NeoHeader.LENGTH, (int)bodyLength);
            position += total;
        }
        processing = false;
        if (Phase.CLOSED == phase)
        {
            return;
        }
        compactInput(position, end, needed);
    }

    /**
     * Moves the unhandled bytes to the front. The buffer grows towards a message's declared length only once what
     * arrived fills it (doubling), within the node's request memory, so a peer gets no memory for a length it only
     * declares; it shrinks back once a large message was handled.
     */
    private void compactInput(final int position, final int end, final int needed)
    {
        final int remaining = end - position;
        final ByteBuffer in = readBuffer().buffer();
        if (position > 0)
        {
            in.limit(end).position(position);
            in.compact();
        }
        else
        {
            in.limit(in.capacity()).position(end);
        }
        if (needed > in.capacity() && !in.hasRemaining())
        {
            resizeInput((int)Math.min(needed, 2L * in.capacity()));
        }
        else if (in.capacity() > RETAINED_CAPACITY && Math.max(needed, remaining) <= INITIAL_READ_CAPACITY)
        {
            resizeInput(INITIAL_READ_CAPACITY);
        }
    }

    private void resizeInput(final int capacity)
    {
        final int growth = capacity - readBuffer().buffer().capacity();
        if (!readBuffer().resize(capacity, 0) && growth > 0)
        {
            refuse(growth, readBuffer().refusalCause());
        }
    }

    private void refuse(final int growth, final OutOfMemoryError cause)
    {
        services.requestMemory().onRefused("neo connection " + connectionId() + " from " + remoteAddress() +
            " in the middle of a message", growth, cause);
        close(Level.DEBUG, "request memory limit reached");
    }

    /**
     * @return the body length, or -1 when the connection was closed.
     */
    private long checkHeader(final int position)
    {
        if (!NeoHeader.isParityValid(inView, position))
        {
            protocolError("bad header parity");
            return -1;
        }
        final int type = NeoHeader.type(inView, position);
        final long bodyLength = NeoHeader.bodyLength(inView, position);
        if (NeoHeader.TYPE_REQUEST == type)
        {
            if (Phase.REQUESTS != phase)
            {
                protocolError("request message during authentication");
                return -1;
            }
            if (bodyLength < NeoConst.REQUEST_ID_LENGTH || bodyLength > context.maxMessageLength())
            {
                protocolError("request message body length " + Long.toUnsignedString(bodyLength) +
                    " outside 8.." + context.maxMessageLength());
                return -1;
            }
            return bodyLength;
        }
        if (NeoHeader.TYPE_AUTHENTICATION == type)
        {
            if (Phase.REQUESTS == phase)
            {
                protocolError("authentication message after authentication");
                return -1;
            }
            if (bodyLength < 0 || bodyLength > NeoConst.MAX_AUTH_BODY_LENGTH)
            {
                protocolError("authentication message body length " + Long.toUnsignedString(bodyLength) +
                    " over " + NeoConst.MAX_AUTH_BODY_LENGTH);
                return -1;
            }
            return bodyLength;
        }
        protocolError("invalid message type " + type);
        return -1;
    }

    private void onVersion(final byte version)
    {
        output().buffer().putByte(output().end(), NeoConst.PROTOCOL_VERSION);
        output().end(output().end() + 1);
        nodeTime = context.clockSeconds().getAsLong();
        if (NeoConst.PROTOCOL_VERSION != version)
        {
            flush();
            close(Level.WARNING, "protocol version " + (version & 0xff) + " instead of " +
                NeoConst.PROTOCOL_VERSION);
            return;
        }
        phase = Phase.AUTH_TIMESTAMP;
    }

    private void onMessage(final int offset, final int length)
    {
        switch (phase)
        {
            case AUTH_TIMESTAMP:
                onTimestamp(offset, length);
                break;
            case AUTH_CODE:
                onCode(offset, length);
                break;
            case REQUESTS:
                onRequestMessage(offset, length);
                break;
            default:
                break;
        }
    }

    private void onTimestamp(final int offset, final int length)
    {
        if (Long.BYTES != length)
        {
            protocolError("authentication timestamp message of " + length + " bytes instead of 8");
            return;
        }
        timestamp = inView.getLong(offset, LITTLE_ENDIAN);
        context.nonceSource().accept(nonce);
        final int messageAt = output().end();
        NeoHeader.write(output().buffer(), messageAt, NeoHeader.TYPE_AUTHENTICATION, NeoConst.NONCE_LENGTH);
        output().buffer().putBytes(messageAt + NeoHeader.LENGTH, nonce);
        output().end(messageAt + NeoHeader.LENGTH + NeoConst.NONCE_LENGTH);
        phase = Phase.AUTH_CODE;
    }

    private void onCode(final int offset, final int length)
    {
        final long nameLength = length < Long.BYTES ? -1 : inView.getLong(offset, LITTLE_ENDIAN);
        if (nameLength < 0 || nameLength != length - Long.BYTES - NeoConst.HMAC_LENGTH)
        {
            protocolError("malformed authentication name/code message of " + length + " bytes");
            return;
        }
        final byte[] nameBytes = new byte[(int)nameLength];
        inView.getBytes(offset + Long.BYTES, nameBytes);
        final byte[] code = new byte[NeoConst.HMAC_LENGTH];
        inView.getBytes(offset + Long.BYTES + (int)nameLength, code);
        final String name = new String(nameBytes, StandardCharsets.ISO_8859_1);
        final String failure = authenticate(name, code);
        if (null == failure && !protocol.onAuthenticated(this, openConnections()))
        {
            close(Level.DEBUG, "connection limit reached");
            return;
        }
        final boolean accepted = null == failure;
        final int messageAt = output().end();
        NeoHeader.write(output().buffer(), messageAt, NeoHeader.TYPE_AUTHENTICATION, 1);
        output().buffer().putByte(messageAt + NeoHeader.LENGTH, (byte)(accepted ? 1 : 0));
        output().end(messageAt + NeoHeader.LENGTH + 1);
        if (!accepted)
        {
            flush();
            close(Level.WARNING, "Authentication failure for client '" + printable(name) + "': " + failure);
            return;
        }
        clientName = name;
        throttle = protocol.throttleOf(name);
        phase = Phase.REQUESTS;
        LOG.log(Level.INFO, "neo connection {0,number,#} from {1} authenticated as {2}", connectionId(),
            remoteAddress(), name);
    }

    private String authenticate(final String name, final byte[] code)
    {
        if (name.isEmpty())
        {
            return "empty name";
        }
        if (name.length() > NeoConst.MAX_NAME_LENGTH)
        {
            return "name longer than " + NeoConst.MAX_NAME_LENGTH + " bytes";
        }
        final SecretKeySpec key = protocol.credentials().key(name);
        if (null == key)
        {
            return "unknown client name";
        }
        if (timestamp < 0)
        {
            return "timestamp over 2^63 - 1";
        }
        if (0 == timestamp)
        {
            return "timestamp 0";
        }
        if (Math.abs(timestamp - nodeTime) > NeoConst.TIMESTAMP_WINDOW_SECONDS)
        {
            return "timestamp " + timestamp + " more than " + NeoConst.TIMESTAMP_WINDOW_SECONDS +
                " s away from the node's clock " + nodeTime;
        }
        if (!NeoHmac.matches(protocol.hmac().code(key, timestamp, nonce), code))
        {
            return "wrong HMAC code";
        }
        return null;
    }

    private static String printable(final String name)
    {
        final StringBuilder text = new StringBuilder(Math.min(name.length(), 120));
        for (int i = 0; i < name.length() && i < 120; i++)
        {
            final char c = name.charAt(i);
            text.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.toString();
    }

    private void onRequestMessage(final int offset, final int length)
    {
        final long id = inView.getLong(offset, LITTLE_ENDIAN);
        if (0 == id)
        {
            protocolError("request id 0");
            return;
        }
        final NeoRequest existing = active.get(id);
        if (null != existing)
        {
            if (null != throttle)
            {
                throttle.onMessage(NeoHeader.LENGTH + length);
            }
            existing.onMessage(inView, offset + Long.BYTES, length - Long.BYTES);
            return;
        }
        if (length - Long.BYTES < 2)
        {
            protocolError("request " + Long.toUnsignedString(id) + " started without code and version");
            return;
        }
        if (active.size() >= NeoConst.MAX_ACTIVE_REQUESTS)
        {
            protocolError("more than " + NeoConst.MAX_ACTIVE_REQUESTS + " active requests");
            return;
        }
        if (null != throttle && !throttle.tryStart(NeoHeader.LENGTH + length))
        {
            // The one status a node has for a request it will not serve; the connection stays open (docs/neo.md).
            sendStatus(id, NeoConst.REQUEST_NOT_SUPPORTED);
            return;
        }
        final int code = inView.getByte(offset + Long.BYTES) & 0xff;
        final int version = inView.getByte(offset + Long.BYTES + 1) & 0xff;
        if (code >= requestNames.length || null == requestNames[code])
        {
            sendStatus(id, NeoConst.REQUEST_NOT_SUPPORTED);
            return;
        }
        if (version != engine.requestVersion(code))
        {
            sendStatus(id, NeoConst.REQUEST_VERSION_NOT_SUPPORTED);
            return;
        }
        sendStatus(id, NeoConst.REQUEST_SUPPORTED);
        final ArrayDeque<NeoRequest> pool = pools.get(code);
        NeoRequest request = pool.poll();
        if (null == request)
        {
            request = engine.newRequest(code, services);
        }
        request.attach(this, id, code);
        active.put(id, request);
        protocol.stats().onRequestStarted(code);
        request.onStart(inView, offset + Long.BYTES + 2, length - Long.BYTES - 2);
    }

    private void sendStatus(final long id, final byte status)
    {
        final int offset = beginMessage(id);
        output().buffer().putByte(offset, status);
        endMessage(1);
    }

    MutableDirectBuffer out()
    {
        return output().buffer();
    }

    int beginMessage(final long id)
    {
        messageStart = output().end();
        output().buffer().putLong(messageStart + NeoHeader.LENGTH, id, LITTLE_ENDIAN);
        return messageStart + PREFIX_LENGTH;
    }

    void endMessage(final int payloadLength)
    {
        NeoHeader.write(output().buffer(), messageStart, NeoHeader.TYPE_REQUEST,
            NeoConst.REQUEST_ID_LENGTH + payloadLength);
        output().end(messageStart + PREFIX_LENGTH + payloadLength);
    }

    boolean hasRoomForStream()
    {
        return output().hasRoomForStream();
    }

    void requestWrite(final NeoRequest request)
    {
        if (!request.inReady)
        {
            request.inReady = true;
            ready.addLast(request);
        }
        if (!processing && key().isValid())
        {
            key().interestOps(key().interestOps() | SelectionKey.OP_WRITE);
        }
    }

    void finish(final NeoRequest request)
    {
        if (active.remove(request.id()) == request)
        {
            end(request);
        }
    }

    private void end(final NeoRequest request)
    {
        protocol.stats().onRequestEnded(request);
        request.detach();
        request.onEnd();
        final ArrayDeque<NeoRequest> pool = pools.get(request.code());
        if (pool.size() < MAX_POOLED_PER_CODE && !request.inReady)
        {
            pool.push(request);
        }
    }

    void wake(final NeoRequest request)
    {
        protocol.wake(this, request);
    }

    void onWoken(final NeoRequest request)
    {
        if (Phase.CLOSED != phase && request.isActive())
        {
            try
            {
                request.onWoken();
                service();
            }
            catch (final RuntimeException ex)
            {
                onHandlerFailure(ex);
            }
        }
    }

    void protocolError(final String reason)
    {
        // What was answered before the violation (such as the request's fd status) still goes out, best effort.
        flush();
        close(Level.WARNING, "protocol error: " + reason);
    }

    private int pending()
    {
        return output().pending();
    }

    /**
     * Writes what is pending, lets waiting requests produce, parses input held back, and sets the interest set.
     */
    void service()
    {
        if (Phase.CLOSED == phase)
        {
            return;
        }
        if (flush())
        {
            serveReady();
            flush();
        }
        if (Phase.CLOSED == phase)
        {
            return;
        }
        if (readBuffer().buffer().position() > 0 && pending() < OUTPUT_HIGH_WATER && !processing)
        {
            process();
            flush();
        }
        if (Phase.CLOSED != phase && key().isValid())
        {
            output().shrink(RETAINED_CAPACITY);
            int ops = 0;
            if (pending() < OUTPUT_HIGH_WATER)
            {
                ops |= SelectionKey.OP_READ;
            }
            if (pending() > 0 || !ready.isEmpty())
            {
                ops |= SelectionKey.OP_WRITE;
            }
            key().interestOps(ops);
        }
    }

    private void serveReady()
    {
        int turns = 0;
        while (Phase.CLOSED != phase && !ready.isEmpty() && hasRoomForStream() && turns++ < MAX_TURNS_PER_CYCLE)
        {
            final NeoRequest request = ready.pollFirst();
            request.inReady = false;
            if (request.isActive())
            {
                request.onWritable();
            }
            else if (pools.get(request.code()).size() < MAX_POOLED_PER_CODE)
            {
                pools.get(request.code()).push(request);
            }
        }
    }

    /**
     * @return true when everything pending was written.
     */
    private boolean flush()
    {
        try
        {
            return flushOutput();
        }
        catch (final IOException ex)
        {
            close(Level.DEBUG, "write failed: " + ex.getMessage());
            return false;
        }
    }

    @Override
    public void close(final Level level, final String reason)
    {
        if (Phase.CLOSED == phase)
        {
            return;
        }
        final boolean authenticated = Phase.REQUESTS == phase;
        phase = Phase.CLOSED;
        LOG.log(level, "neo connection {0,number,#} from {1}{2} closed: {3}", connectionId(), remoteAddress(),
            authenticated ? " (" + clientName + ")" : "", reason);
        if (Level.WARNING == level)
        {
            services.stats().onProtocolError();
        }
        for (final NeoRequest request : active.values())
        {
            protocol.stats().onRequestEnded(request);
            request.detach();
            request.onEnd();
        }
        active.clear();
        ready.clear();
        closeSocket();
        reset();
        protocol.onClosed(this);
        release();
    }

    /**
     * Brings the slot back to what a new connection starts with: its buffers at their initial size (what the read
     * buffer grew by back to the node's request memory), nothing pending, no client.
     */
    private void reset()
    {
        readBuffer().reset();
        output().reset();
        messageStart = 0;
        nodeTime = 0;
        timestamp = 0;
        clientName = null;
        throttle = null;
        processing = false;
    }
}
