package org.swarmjvm.protocol.neo;

import org.agrona.DirectBuffer;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A request's listener that completes a future: handles the supported/unsupported status the node sends first,
 * then hands each further message to {@link #onAnswer}. Fails the future when the request is not supported or
 * the connection drops.
 *
 * @param <T> the request's result.
 */
public abstract class NeoAnswerListener<T> implements NeoClient.RequestListener
{
    /** The connection the request runs on. */
    protected final NeoClient client;
    /** Completed with the request's result. */
    protected final CompletableFuture<T> result;
    private boolean supported;
    private long id;

    /**
     * @param client the connection.
     * @param result completed by the listener.
     */
    protected NeoAnswerListener(final NeoClient client, final CompletableFuture<T> result)
    {
        this.client = client;
        this.result = result;
    }

    /**
     * Starts the request with this listener; a failure to send fails the future.
     *
     * @param id      request id.
     * @param payload code, version and arguments.
     */
    public final void start(final long id, final NeoPayloadWriter payload)
    {
        this.id = id;
        try
        {
            client.start(id, this, payload.bytes());
        }
        catch (final IOException ex)
        {
            client.finish(id);
            result.completeExceptionally(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public final void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!supported)
        {
            final byte status = buffer.getByte(offset);
            if (NeoConst.REQUEST_SUPPORTED != status)
            {
                // A refusal is the request's last message: forget it, or a client retrying while throttled fills
                // the connection's request map.
                client.finish(id);
                result.completeExceptionally(new NeoRequestRefusedException(status));
                return;
            }
            supported = true;
            return;
        }
        onAnswer(buffer, offset, length);
    }

    /**
     * A message after the {@code fd} status.
     *
     * @param buffer holding the payload; valid during the call only.
     * @param offset of the payload.
     * @param length of the payload.
     */
    protected abstract void onAnswer(DirectBuffer buffer, int offset, int length);

    /**
     * {@inheritDoc}
     */
    @Override
    public void onDisconnected(final IOException cause)
    {
        result.completeExceptionally(cause);
    }

    /**
     * Ends the request with a result.
     *
     * @param id    request id.
     * @param value the result.
     */
    protected final void done(final long id, final T value)
    {
        client.finish(id);
        result.complete(value);
    }

    /**
     * Ends the request with a failure.
     *
     * @param id    request id.
     * @param cause why.
     */
    protected final void fail(final long id, final IOException cause)
    {
        client.finish(id);
        result.completeExceptionally(cause);
    }

    /**
     * Sends a further message of a request; a failure ends the request (the reader reports the disconnection).
     *
     * @param client  the connection.
     * @param id      request id.
     * @param payload the message.
     */
    public static void sendOrDrop(final NeoClient client, final long id, final byte[] payload)
    {
        try
        {
            client.send(id, payload);
        }
        catch (final IOException ex)
        {
            client.finish(id);
        }
    }
}
