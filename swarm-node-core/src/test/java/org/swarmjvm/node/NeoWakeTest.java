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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Neo requests woken by other threads, many at once: every wake-up reaches its request. Each request here is
 * answered only from {@code onWoken}, after a pool of threads has called {@code wake()}, so a lost or misdirected
 * wake-up leaves a request unanswered.
 */
@Timeout(120)
class NeoWakeTest
{
    private static final int REQUESTS = 100_000;
    private static final int IN_FLIGHT = 2_000;

    @TempDir
    Path dir;

    /**
     * Code 1, v0: the request hands itself to another thread, which wakes it; woken, it answers {@code 01}.
     */
    private static final class WokenEngine implements NeoEngine
    {
        private final ExecutorService wakers = Executors.newFixedThreadPool(8);

        @Override
        public String[] requestNames()
        {
            return new String[] {null, "Woken"};
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
                private boolean waiting;

                @Override
                protected void onStart(final DirectBuffer buffer, final int offset, final int length)
                {
                    waiting = true;
                    wakers.execute(this::wake);
                }

                @Override
                protected void onWoken()
                {
                    if (waiting)
                    {
                        waiting = false;
                        sendByte(1);
                        finish();
                    }
                }
            };
        }
    }

    @Test
    void shouldDeliverEveryWakeUpWhenManyThreadsWakeAtOnce() throws Exception
    {
        final Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "test:" + "0".repeat(256) + "\n");
        final WokenEngine engine = new WokenEngine();
        try (NodeServer server = NodeServer.launch(new NodeContext().address("127.0.0.1").port(0).statsFile(null),
            new PingEngine(), new NeoContext().port(0).credentialsFile(credentials), engine);
            NeoClient client = NeoClient.connect("127.0.0.1", server.neoPort(), "test", new byte[128]))
        {
            int answered = 0;
            final List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++)
            {
                inFlight.add(start(client));
                if (inFlight.size() == IN_FLIGHT)
                {
                    answered += await(inFlight);
                }
            }
            answered += await(inFlight);
            assertEquals(REQUESTS, answered);
        }
        finally
        {
            engine.wakers.shutdownNow();
        }
    }

    private static CompletableFuture<Integer> start(final NeoClient client) throws IOException
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
                client.finish(id);
                answer.complete((int)buffer.getByte(offset));
            }

            @Override
            public void onDisconnected(final IOException cause)
            {
                answer.completeExceptionally(cause);
            }
        }, new byte[] {1, 0});
        return answer;
    }

    private static int await(final List<CompletableFuture<Integer>> inFlight) throws Exception
    {
        int answered = 0;
        for (final CompletableFuture<Integer> answer : inFlight)
        {
            assertEquals(1, answer.get(30, TimeUnit.SECONDS), "every request answered after its wake-up");
            answered++;
        }
        inFlight.clear();
        return answered;
    }
}
