package org.swarmjvm.node;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.neo.NeoEngine;
import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.protocol.neo.NeoClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The smallest neo engine: code 1, v0, answers {@code 01}, or throws when its argument byte is {@code 00} (at once)
 * or {@code 01} (when woken), or runs until its connection closes when it is {@link #HELD}, or answers {@code 02}
 * to the request's second message when it is {@link #ANSWERS_NEXT}.
 */
final class NeoTestEngine implements NeoEngine
{
    /** The argument byte of a request that is answered. */
    static final byte ANSWERED = 2;
    /** The argument byte of a request that is never answered. */
    static final byte HELD = 3;
    /** The argument byte of a request that waits for a second message and answers it. */
    static final byte ANSWERS_NEXT = 4;
    /** The client name of {@link #writeCredentials(Path)}. */
    static final String CLIENT = "test";
    /** The key of {@link #CLIENT}. */
    static final byte[] KEY = new byte[128];

    /**
     * Writes a credentials file naming {@link #CLIENT} with {@link #KEY}.
     *
     * @param file to write.
     * @return the file.
     * @throws IOException when it cannot be written.
     */
    static Path writeCredentials(final Path file) throws IOException
    {
        return Files.writeString(file, CLIENT + ":" + "0".repeat(256) + "\n");
    }

    @Override
    public String[] requestNames()
    {
        return new String[] {null, "Faulty"};
    }

    @Override
    public int requestVersion(final int code)
    {
        return 0;
    }

    @Override
    public NeoRequest newRequest(final int code, final NodeServices services)
    {
        return new NeoRequest()
        {
            private int argument;

            @Override
            protected void onStart(final DirectBuffer buffer, final int offset, final int length)
            {
                argument = buffer.getByte(offset);
                if (0 == argument)
                {
                    throw new IllegalStateException("handler bug on start");
                }
                if (1 == argument)
                {
                    new Thread(this::wake).start();
                    return;
                }
                if (HELD == argument || ANSWERS_NEXT == argument)
                {
                    return;
                }
                sendByte(1);
                finish();
            }

            @Override
            protected void onMessage(final DirectBuffer buffer, final int offset, final int length)
            {
                if (ANSWERS_NEXT != argument)
                {
                    super.onMessage(buffer, offset, length);
                    return;
                }
                sendByte(2);
                finish();
            }

            @Override
            protected void onWoken()
            {
                throw new IllegalStateException("handler bug when woken");
            }
        };
    }

    /**
     * Starts a request.
     *
     * @param client   connected.
     * @param argument 0 or 1 to make the handler throw, {@link #ANSWERED} to be answered.
     * @return the answer byte, or the disconnection.
     * @throws IOException when the request cannot be sent.
     */
    static CompletableFuture<Integer> request(final NeoClient client, final byte argument) throws IOException
    {
        return request(client, client.nextRequestId(), argument);
    }

    /**
     * Starts a request with a given id.
     *
     * @param client   connected.
     * @param id       of the request.
     * @param argument 0 or 1 to make the handler throw, {@link #ANSWERED} to be answered.
     * @return the answer byte, or the disconnection.
     * @throws IOException when the request cannot be sent.
     */
    static CompletableFuture<Integer> request(final NeoClient client, final long id, final byte argument)
        throws IOException
    {
        final CompletableFuture<Integer> answer = new CompletableFuture<>();
        client.start(id, new NeoClient.RequestListener()
        {
            private boolean supported;

            @Override
            public void onMessage(final DirectBuffer buffer, final int offset, final int length)
            {
                if (!supported)
                {
                    supported = true;
                    return;
                }
                answer.complete((int)buffer.getByte(offset));
            }

            @Override
            public void onDisconnected(final IOException cause)
            {
                answer.completeExceptionally(cause);
            }
        }, new byte[] {1, 0, argument});
        return answer;
    }
}
