package org.swarmjvm.protocol.neo;

import org.agrona.DirectBuffer;

import java.util.concurrent.CompletableFuture;

/**
 * Base of a node's neo request methods over one {@link NeoClient} connection: owns the connection and offers the
 * single-shot request whose answer is one status byte.
 */
public abstract class NeoRequestClient implements AutoCloseable
{
    /** The authenticated connection the requests run on. */
    protected final NeoClient client;

    /**
     * @param client an authenticated connection.
     */
    protected NeoRequestClient(final NeoClient client)
    {
        this.client = client;
    }

    /**
     * Runs a request answered by one status byte after {@code fd}.
     *
     * @param payload code, version and arguments.
     * @return the status byte.
     */
    protected final CompletableFuture<Integer> singleByte(final NeoPayloadWriter payload)
    {
        final CompletableFuture<Integer> result = new CompletableFuture<>();
        final long id = client.nextRequestId();
        new NeoAnswerListener<>(client, result)
        {
            @Override
            protected void onAnswer(final DirectBuffer buffer, final int offset, final int length)
            {
                done(id, (int)buffer.getByte(offset));
            }
        }.start(id, payload);
        return result;
    }

    /**
     * Closes the connection; requests in flight fail.
     */
    @Override
    public void close()
    {
        client.close();
    }
}
