package org.swarmjvm.node;

import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.node.neo.NeoEngine;
import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.protocol.neo.NeoClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A neo request handler that throws closes its own connection only: the client sees a disconnection instead of a
 * request that never ends, and the node serves the next connection.
 */
@Timeout(60)
class NeoHandlerFailureTest
{
    @TempDir
    Path dir;

    /**
     * Code 1, v0: answers {@code 01}, or throws when its argument byte is {@code 00} (at once) or {@code 01}
     * (when woken).
     */
    private static final class FaultyEngine implements NeoEngine
    {
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
                @Override
                protected void onStart(final DirectBuffer buffer, final int offset, final int length)
                {
                    final int argument = buffer.getByte(offset);
                    if (0 == argument)
                    {
                        throw new IllegalStateException("handler bug on start");
                    }
                    if (1 == argument)
                    {
                        new Thread(this::wake).start();
                        return;
                    }
                    sendByte(1);
                    finish();
                }

                @Override
                protected void onWoken()
                {
                    throw new IllegalStateException("handler bug when woken");
                }
            };
        }
    }

    @Test
    void shouldCloseOnlyTheConnectionWhoseHandlerThrew() throws Exception
    {
        final Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "test:" + "0".repeat(256) + "\n");
        try (NodeServer server = NodeServer.launch(new NodeContext().address("127.0.0.1").port(0).statsFile(null),
            new PingEngine(), new NeoContext().port(0).credentialsFile(credentials), new FaultyEngine()))
        {
            for (final byte failing : new byte[] {0, 1})
            {
                try (NeoClient client = NeoClient.connect("127.0.0.1", server.neoPort(), "test", new byte[128]))
                {
                    final ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> request(client, failing).get(30, TimeUnit.SECONDS));
                    assertInstanceOf(IOException.class, failure.getCause());
                }
                try (NeoClient client = NeoClient.connect("127.0.0.1", server.neoPort(), "test", new byte[128]))
                {
                    assertEquals(1, request(client, (byte)2).get(30, TimeUnit.SECONDS));
                }
            }
        }
    }

    private static CompletableFuture<Integer> request(final NeoClient client, final byte argument) throws IOException
    {
        final CompletableFuture<Integer> answer = new CompletableFuture<>();
        final long id = client.nextRequestId();
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
