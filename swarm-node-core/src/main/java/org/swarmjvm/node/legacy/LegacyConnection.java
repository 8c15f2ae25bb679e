package org.swarmjvm.node.legacy;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.node.net.PooledConnection;
import org.swarmjvm.node.net.RequestMemory;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.node.stats.NodeStats;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.WireWriter;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * One connection slot of the pool (swarm's {@code ConnectionHandler}): its socket, its read and write buffers, its
 * request handlers, and the state machine that runs one request after another.
 * <p>
 * Requests are decoded in place from the read buffer; the buffer only grows for a request that does not fit, once
 * the bytes received fill it (so by what arrived, never by what a length prefix declares), within the node's
 * {@link RequestMemory}, and shrinks back once that request is done. Replies are written into the connection's
 * {@link org.swarmjvm.node.net.OutputBuffer} and sent once per turn of the poller, at its end, after every ready
 * connection has run the requests received so far or its share of steps (or earlier when they pass the output's
 * stream limit, where a stream stops until the socket takes more): a client driving many connections from
 * one thread is then woken once for the replies of the turn, not once per connection. A slot is reused by later
 * connections, handlers and buffers included.
 */
final class LegacyConnection extends PooledConnection implements Reply
{
    private static final Logger LOG = System.getLogger(LegacyConnection.class.getName());

    private static final int COMMAND_LENGTH = Integer.BYTES;
    private static final int INITIAL_READ_CAPACITY = 16 * 1024;
    private static final int INITIAL_WRITE_CAPACITY = 16 * 1024;
    /** Above this, buffers are given back once the request that needed them is done. */
    private static final int RETAINED_CAPACITY = 1024 * 1024;
    /** The largest request kept in memory: two arrays at the legacy limit and some small fields. */
    private static final long MAX_REQUEST_LENGTH = 2L * ArrayPrefix.MAX_ARRAY_LENGTH + 64 * 1024;
    /**
     * Over-limit arrays are read and thrown away as the original does, so the peer sees the connection close only
     * after its send; a declared length beyond this closes the connection at once.
     */
    private static final long MAX_DISCARD_LENGTH = 64L * 1024 * 1024;
    /** Stream steps run for one connection before the others get their turn. */
    private static final int MAX_STEPS_PER_TURN = 16;

    private enum State
    {
        IDLE, DECODE, DISCARD, EXECUTE, CLOSED
    }

    private final LegacyProtocol protocol;
    private final NodeStats stats;
    private final RequestMemory requestMemory;
    private final RequestHandler[] handlers;
    private final String[] commandNames;
    private final UnsafeBuffer readView;
    private final RequestScanner scanner = new RequestScanner();
    private final WireWriter writer = new WireWriter();
    private final AtomicBoolean woken = new AtomicBoolean();

    private State state = State.CLOSED;
    private int readPosition;
    private int command;
    private RequestHandler handler;
    private long requestStartNanos;
    /**
     * The clock when this turn's run began or its last request finished: a request's handled time starts there,
     * so that a batch of pipelined requests reads the clock once per request, not twice.
     */
    private long turnClockNanos;
    private long discardRemaining;
    private boolean closeAfterDiscard;
    /** Decoding an element of a client stream (after {@link Progress#INPUT}): no command code precedes it. */
    private boolean streamInput;
    /** The client closed its side: what it sent before is still handled, without yielding, then we close. */
    private boolean inputEnded;
    /** The last turn stopped with stream steps left: the connection asks to run again at the next turn. */
    private boolean yielded;
    /** In the poller's list of connections whose replies go out at the end of the turn. */
    private boolean endOfTurnQueued;

    LegacyConnection(
        final LegacyProtocol protocol,
        final NodeStats stats,
        final RequestMemory requestMemory,
        final RequestHandler[] handlers,
        final String[] names)
    {
        super(requestMemory, INITIAL_READ_CAPACITY, INITIAL_WRITE_CAPACITY, stats);
        this.protocol = protocol;
        this.stats = stats;
        this.requestMemory = requestMemory;
        this.handlers = handlers;
        this.commandNames = names;
        this.readView = readBuffer().view();
    }

    @Override
    protected void onOpen()
    {
        this.state = State.IDLE;
        this.readPosition = 0;
        this.readBuffer().buffer().clear();
        this.handler = null;
        this.woken.set(false);
        this.inputEnded = false;
        this.yielded = false;
        stats.onConnectionOpened();
    }

    boolean isOpen()
    {
        return State.CLOSED != state;
    }

    @Override
    public void onSelected(final SelectionKey selected)
    {
        if (selected.isReadable())
        {
            onReadable();
        }
        if (selected.isValid() && selected.isWritable() && isOpen())
        {
            onWritable();
        }
    }

    /**
     * The socket has bytes, or the peer hung up.
     */
    void onReadable()
    {
        final int read = readSocket();
        if (READ_FAILED == read)
        {
            return;
        }
        if (END_OF_STREAM == read)
        {
            // Requests the client sent before closing (pipelined, or a Produce stream) are still handled, also
            // when one waits for the blocking worker: the close then follows when the worker wakes it.
            inputEnded = true;
            advance();
            if (!isWaitingForWork())
            {
                endOfInput();
            }
            return;
        }
        advance();
    }

    /**
     * The client ended its input and every request it sent was handled: the replies go out before the close, not
     * at the end of the turn.
     */
    private void endOfInput()
    {
        endTurn();
        if (isRequestTruncated())
        {
            close(Level.WARNING, "closed by the client before " + (State.IDLE == state ?
                "a command code" : "request " + commandName()) + " was fully received: request truncated");
        }
        else
        {
            close(Level.DEBUG, "closed by the client");
        }
    }

    /**
     * The socket can take more bytes.
     */
    private void onWritable()
    {
        advance();
    }

    /**
     * Something woke the running request.
     */
    void onWoken()
    {
        woken.set(false);
        if (State.EXECUTE == state)
        {
            advance();
            if (inputEnded && isOpen() && !isWaitingForWork())
            {
                endOfInput();
            }
        }
    }

    /**
     * @return true when the running request waits for work that ends by itself: a client that ended its input
     * gets it (and what it sent after) handled before the close.
     */
    private boolean isWaitingForWork()
    {
        return State.EXECUTE == state && handler.isWaitingForWork();
    }

    /**
     * The poller's turn ends: sends the replies its requests wrote, and tells the poller what the connection waits
     * for next.
     */
    void endTurn()
    {
        endOfTurnQueued = false;
        if (!isOpen())
        {
            return;
        }
        try
        {
            flushOutput();
            if (isOpen())
            {
                // A large reply's buffer goes back, with its share of the request memory, once it was sent.
                output().shrink(RETAINED_CAPACITY);
                updateInterest(yielded);
            }
        }
        catch (final IOException ex)
        {
            close(Level.DEBUG, "write failed: " + ex.getMessage());
        }
    }

    /**
     * Runs the state machine as far as the received bytes and the socket allow; what was written is sent at the
     * end of the turn.
     */
    private void advance()
    {
        try
        {
            turnClockNanos = System.nanoTime();
            int steps = 0;
            boolean progressing = true;
            boolean waitingForRoom = false;
            while (progressing && isOpen())
            {
                switch (state)
                {
                    case IDLE:
                        progressing = readCommand();
                        break;
                    case DECODE:
                        progressing = decode();
                        break;
                    case DISCARD:
                        progressing = discard();
                        break;
                    case EXECUTE:
                        waitingForRoom = !hasRoomForReplies();
                        progressing = !waitingForRoom && (inputEnded || steps++ < MAX_STEPS_PER_TURN) &&
                            execute();
                        break;
                    default:
                        progressing = false;
                }
            }
            if (isOpen())
            {
                // A request stopped for room is called again once the socket takes more, even when the turn's
                // last flush sends everything (the client read in between): nothing else would call it again.
                yielded = steps > MAX_STEPS_PER_TURN || waitingForRoom;
                if (!endOfTurnQueued)
                {
                    endOfTurnQueued = true;
                    protocol.endTurnLater(this);
                }
            }
        }
        catch (final SwarmProtocolException ex)
        {
            protocolError(ex.getMessage());
        }
        catch (final IOException ex)
        {
            close(Level.DEBUG, "write failed: " + ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            LOG.log(Level.ERROR, "connection " + connectionId() + " from " + remoteAddress() + ": request " +
                currentCommandName() + " failed, closing the connection", ex);
            close(Level.DEBUG, "request failed");
        }
    }

    private boolean readCommand()
    {
        if (available() < COMMAND_LENGTH)
        {
            needMoreInput(COMMAND_LENGTH);
            return false;
        }
        command = readView.getInt(readPosition, LITTLE_ENDIAN);
        readPosition += COMMAND_LENGTH;
        handler = command >= 0 && command < handlers.length ? handlers[command] : null;
        if (null == handler)
        {
            protocolError("unknown command code " + command);
            return false;
        }
        state = State.DECODE;
        streamInput = false;
        return true;
    }

    private boolean decode()
    {
        final int result = handler.decode(scanner.wrap(readView, readPosition, readBuffer().buffer().position()));
        if (result >= 0)
        {
            readPosition += result;
            if (streamInput)
            {
                state = State.EXECUTE;
            }
            else
            {
                startExecution();
            }
            return true;
        }
        if (RequestScanner.INCOMPLETE == result)
        {
            needMoreInput(scanner.requiredLength());
            return false;
        }
        readPosition += scanner.consumed();
        discardRemaining = scanner.discardLength();
        closeAfterDiscard = RequestScanner.CLOSE_AFTER_DISCARD == result;
        if (closeAfterDiscard && discardRemaining > MAX_DISCARD_LENGTH)
        {
            protocolError(commandName() + " declares an array of " +
                Long.toUnsignedString(scanner.declaredLength()) +
                " bytes, over the limit of " + ArrayPrefix.MAX_ARRAY_LENGTH);
            return false;
        }
        if (!closeAfterDiscard && discardRemaining > MAX_DISCARD_LENGTH)
        {
            protocolError(
                commandName() + " declares a value of " + Long.toUnsignedString(scanner.declaredLength()) + " bytes");
            return false;
        }
        state = State.DISCARD;
        return true;
    }

    private boolean discard()
    {
        final long take = Math.min(available(), discardRemaining);
        discardRemaining -= take;
        if (discardRemaining > 0)
        {
            // Everything received was discarded: reuse its room, keeping the request's fields before it.
            readBuffer().buffer().position(readPosition);
            return false;
        }
        readPosition += (int)take;
        if (closeAfterDiscard)
        {
            protocolError(commandName() + " sent an array over the limit of " + ArrayPrefix.MAX_ARRAY_LENGTH +
                " bytes");
            return false;
        }
        startExecution();
        return true;
    }

    private void startExecution()
    {
        state = State.EXECUTE;
        requestStartNanos = turnClockNanos;
        stats.onRequestStarted(command);
    }

    private boolean execute()
    {
        final Progress progress = handler.execute(this);
        switch (progress)
        {
            case DONE:
                turnClockNanos = System.nanoTime();
                stats.onRequestFinished(command, turnClockNanos - requestStartNanos);
                handler = null;
                state = State.IDLE;
                releaseLargeBuffers(RETAINED_CAPACITY);
                return true;
            case MORE:
                return true;
            case INPUT:
                state = State.DECODE;
                streamInput = true;
                return true;
            default:
                return false;
        }
    }

    /**
     * Replies of the requests run in one turn are sent together at its end (one write for a batch of pipelined
     * requests), and before that only when they pass the output's stream limit.
     *
     * @return true when the next request or stream step may write its reply.
     */
    private boolean hasRoomForReplies() throws IOException
    {
        if (output().hasRoomForStream())
        {
            return true;
        }
        flushOutput();
        return isOpen() && output().hasRoomForStream();
    }

    private void updateInterest(final boolean yielded)
    {
        int ops = 0;
        if (readBuffer().buffer().hasRemaining() && !inputEnded)
        {
            ops |= SelectionKey.OP_READ;
        }
        if (output().pending() > 0 || yielded)
        {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key().interestOps() != ops)
        {
            key().interestOps(ops);
        }
    }

    /**
     * @return true when part of a request was received but not all of it (a client hanging up while waiting for a
     * reply or a stream is normal; one hanging up while sending is not).
     */
    private boolean isRequestTruncated()
    {
        return State.DECODE == state || State.DISCARD == state || (State.IDLE == state && available() > 0);
    }

    private int available()
    {
        return readBuffer().buffer().position() - readPosition;
    }

    /**
     * Makes room for a request of {@code required} bytes from the read position: moves the unread bytes to the
     * front, and grows the buffer when the request is larger than it and what arrived fills it. Closes the
     * connection when the growth does not fit in the node's request memory.
     */
    private void needMoreInput(final long required)
    {
        if (required > MAX_REQUEST_LENGTH)
        {
            throw new SwarmProtocolException(
                commandName() + " request of at least " + required + " bytes is over the limit of " +
                MAX_REQUEST_LENGTH);
        }
        final int commandLength = State.DECODE == state && !streamInput ? COMMAND_LENGTH : 0;
        final int needed = (int)required + commandLength;
        final int unread = available();
        final int from = readPosition - commandLength;
        if (from > 0 && readBuffer().buffer().capacity() - from < needed)
        {
            readBuffer().buffer().limit(readBuffer().buffer().position()).position(from);
            readBuffer().buffer().compact();
            readPosition = readPosition - from;
        }
        if (readBuffer().buffer().capacity() < needed && !readBuffer().buffer().hasRemaining())
        {
            resizeReadBuffer((int)Math.min(needed, 2L * readBuffer().buffer().capacity()), 0);
        }
        assert !isOpen() || available() == unread;
    }

    /**
     * @param retained the largest read buffer kept: a slot keeps a mid-sized one between requests, so that a client
     *                 sending such requests in a row does not allocate for each; none once the connection closed.
     */
    private void releaseLargeBuffers(final int retained)
    {
        if (readBuffer().buffer().capacity() > retained && available() <= INITIAL_READ_CAPACITY)
        {
            resizeReadBuffer(INITIAL_READ_CAPACITY, readPosition);
        }
        else if (0 == available() && readPosition > 0)
        {
            readBuffer().buffer().clear();
            readPosition = 0;
        }
        output().shrink(RETAINED_CAPACITY);
    }

    /**
     * Moves the received bytes from {@code from} on into a buffer of {@code capacity}, within the request memory
     * (see {@link org.swarmjvm.node.net.ReadBuffer#resize}); closes the connection when a growth does not fit.
     */
    private void resizeReadBuffer(final int capacity, final int from)
    {
        final int growth = capacity - readBuffer().buffer().capacity();
        if (readBuffer().resize(capacity, from))
        {
            readPosition -= from;
        }
        else if (growth > 0)
        {
            refuse(growth, readBuffer().refusalCause());
        }
    }

    private void refuse(final int growth, final OutOfMemoryError cause)
    {
        requestMemory.onRefused("connection " + connectionId() + " from " + remoteAddress() +
            " in the middle of request " + commandName(), growth, cause);
        close(Level.DEBUG, "request memory limit reached");
    }

    private void protocolError(final String reason)
    {
        stats.onProtocolError();
        try
        {
            // Replies to the requests before the bad one were complete; the original sent them too.
            flushOutput();
        }
        catch (final IOException ex)
        {
            LOG.log(Level.DEBUG, "connection " + connectionId() + ": last replies not sent: " + ex.getMessage());
        }
        close(Level.WARNING, reason);
    }

    /**
     * Closes the connection, aborting the running request, and gives the slot back to the pool.
     */
    @Override
    public void close(final Level level, final String reason)
    {
        if (!isOpen())
        {
            return;
        }
        LOG.log(level, "connection {0,number,#} from {1} closed: {2}", connectionId(), remoteAddress(), reason);
        if (State.EXECUTE == state || (streamInput && null != handler))
        {
            handler.abort();
            stats.onRequestFinished(command, System.nanoTime() - requestStartNanos);
        }
        state = State.CLOSED;
        handler = null;
        streamInput = false;
        closeSocket();
        stats.onConnectionClosed();
        // What was read or waits to be sent died with the connection: a slot must not keep a request's large
        // buffer because its client left in the middle of it (slots are pooled, so it would be kept for good).
        readBuffer().buffer().clear();
        readPosition = 0;
        output().reset();
        releaseLargeBuffers(INITIAL_READ_CAPACITY);
        release();
    }

    private String commandName()
    {
        return command >= 0 && command < commandNames.length && null != commandNames[command] ?
            commandNames[command] : "command " + command;
    }

    private String currentCommandName()
    {
        return null == handler ? "-" : commandName();
    }

    @Override
    public WireWriter begin()
    {
        return writer.wrap(output().buffer(), output().end());
    }

    @Override
    public void end()
    {
        output().end(writer.position());
    }

    @Override
    public int pendingBytes()
    {
        return output().pending();
    }

    @Override
    public void wake()
    {
        if (woken.compareAndSet(false, true))
        {
            protocol.wake(this);
        }
    }
}
