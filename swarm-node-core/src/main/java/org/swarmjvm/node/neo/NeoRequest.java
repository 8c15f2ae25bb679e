package org.swarmjvm.node.neo;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One active neo request on a connection: a small resumable state machine driven by the poller thread. The core
 * calls {@link #onStart}, then {@link #onMessage} for each further client message, {@link #onWritable} after
 * {@link #requestWrite()}, {@link #onWoken} after {@link #wake()}, and {@link #onEnd} once, when the request
 * finishes or its connection closes. Handlers are pooled per connection and reused.
 */
public abstract class NeoRequest
{
    private NeoConnection connection;
    private long id;
    private int code;
    private long startNanos;
    private int payloadStart;
    boolean inReady;

    final void attach(final NeoConnection connection, final long id, final int code)
    {
        this.connection = connection;
        this.id = id;
        this.code = code;
        this.startNanos = System.nanoTime();
    }

    final void detach()
    {
        connection = null;
    }

    /**
     * @return the request code.
     */
    final int code()
    {
        return code;
    }

    /**
     * @return {@link System#nanoTime()} when the request started.
     */
    final long startNanos()
    {
        return startNanos;
    }

    /**
     * @return the request id.
     */
    protected final long id()
    {
        return id;
    }

    /**
     * @return true while the request runs on a connection.
     */
    protected final boolean isActive()
    {
        return null != connection;
    }

    /**
     * @return the authenticated client's name.
     */
    protected final String clientName()
    {
        return connection.clientName();
    }

    /**
     * The first message, after the {@code fd} status was sent.
     *
     * @param buffer holding the arguments; valid during the call only.
     * @param offset of the arguments (after code and version).
     * @param length of the arguments.
     */
    protected abstract void onStart(DirectBuffer buffer, int offset, int length);

    /**
     * A further client message; by default unexpected, which closes the connection (the original's rule).
     *
     * @param buffer holding the payload; valid during the call only.
     * @param offset of the payload (after the request id).
     * @param length of the payload.
     */
    protected void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        protocolError("unexpected message for request " + id);
    }

    /**
     * The connection has room for this request's next message (after {@link #requestWrite()}).
     */
    protected void onWritable()
    {
    }

    /**
     * Work of another thread finished (after {@link #wake()}).
     */
    protected void onWoken()
    {
    }

    /**
     * The request is over (finished or its connection closed): unregister listeners, reset for reuse.
     */
    protected void onEnd()
    {
    }

    /**
     * @return the connection's output buffer; write the payload at the offset {@link #beginMessage()} returned.
     */
    protected final MutableDirectBuffer out()
    {
        return connection.out();
    }

    /**
     * Starts a message of this request.
     *
     * @return the offset of the payload in {@link #out()}.
     */
    protected final int beginMessage()
    {
        payloadStart = connection.beginMessage(id);
        return payloadStart;
    }

    /**
     * Completes the message begun last.
     *
     * @param payloadLength bytes written at the payload offset.
     */
    protected final void endMessage(final int payloadLength)
    {
        connection.endMessage(payloadLength);
    }

    /**
     * Sends a one-byte message.
     *
     * @param value the byte.
     */
    protected final void sendByte(final int value)
    {
        final int offset = beginMessage();
        out().putByte(offset, (byte)value);
        endMessage(1);
    }

    /**
     * Sends a one-byte answer and ends the request (single-shot requests).
     *
     * @param status the answer.
     */
    protected void answer(final int status)
    {
        sendByte(status);
        finish();
    }

    /**
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return the one-byte control message type, or -1 when the message is not exactly one byte.
     */
    protected static int controlType(final DirectBuffer buffer, final int offset, final int length)
    {
        return 1 == length ? buffer.getByte(offset) & 0xff : -1;
    }

    /**
     * @return true when streaming requests should produce more now (the output is not backed up).
     */
    protected final boolean hasRoom()
    {
        return connection.hasRoomForStream();
    }

    /**
     * Asks for an {@link #onWritable()} call once the connection has room; requests take turns.
     */
    protected final void requestWrite()
    {
        if (null != connection)
        {
            connection.requestWrite(this);
        }
    }

    /**
     * Ends the request: the id is free again.
     */
    protected final void finish()
    {
        if (null != connection)
        {
            connection.finish(this);
        }
    }

    /**
     * Closes the whole connection for a protocol violation.
     *
     * @param reason logged.
     */
    protected final void protocolError(final String reason)
    {
        if (null != connection)
        {
            connection.protocolError(reason);
        }
    }

    /**
     * Closes the connection for arguments that do not parse after the {@code fd} status (the original silently
     * abandoned the request, leaving its client waiting).
     *
     * @param request name of the request.
     */
    protected void malformed(final String request)
    {
        protocolError("malformed " + request + " arguments");
    }

    /**
     * Schedules {@link #onWoken()} on the poller thread; any thread may call this.
     */
    public final void wake()
    {
        final NeoConnection current = connection;
        if (null != current)
        {
            current.wake(this);
        }
    }
}
