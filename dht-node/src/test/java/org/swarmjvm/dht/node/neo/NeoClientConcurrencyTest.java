package org.swarmjvm.dht.node.neo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.dht.DhtNeoClient;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java neo client multiplexing many requests of mixed kinds on one connection.
 */
class NeoClientConcurrencyTest
{
    private static final int REQUESTS = 1000;

    @TempDir
    Path dir;

    private DhtNode node;
    private DhtNeoClient client;

    @BeforeEach
    void start() throws IOException
    {
        node = NeoTestSupport.launch(dir);
        client = new DhtNeoClient(NeoClient.connect("127.0.0.1", node.neoPort(), "admin", NeoRawConnection.ZERO_KEY));
    }

    @AfterEach
    void stop()
    {
        client.close();
        node.close();
    }

    private static byte[] value(final long key)
    {
        return ("value-" + key).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldAnswerEachOfAThousandConcurrentMixedRequests() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (long key = 0; key < 200; key++)
        {
            assertEquals(DhtNeoRequest.PUT_OK, client.put("base", key, value(key)).get(60, TimeUnit.SECONDS));
        }
        final List<CompletableFuture<?>> futures = new ArrayList<>();
        final List<Runnable> checks = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++)
        {
            final long key = random.nextInt(400);
            final int kind = random.nextInt(7);
            switch (kind)
            {
                case 0:
                {
                    final CompletableFuture<Integer> put = client.put("mixed", 1000 + i, value(1000 + i));
                    futures.add(put);
                    checks.add(() -> assertEquals(DhtNeoRequest.PUT_OK, put.join()));
                    break;
                }
                case 1:
                {
                    final CompletableFuture<DhtNeoClient.GetResult> get = client.get("base", key);
                    futures.add(get);
                    checks.add(() ->
                    {
                        if (key < 200)
                        {
                            assertEquals(DhtNeoRequest.GET_GOT, get.join().status());
                            assertArrayEquals(value(key), get.join().value());
                        }
                        else
                        {
                            assertEquals(DhtNeoRequest.GET_NO_RECORD, get.join().status());
                            assertNull(get.join().value());
                        }
                    });
                    break;
                }
                case 2:
                {
                    final CompletableFuture<Integer> exists = client.exists("base", key);
                    futures.add(exists);
                    checks.add(() -> assertEquals(key < 200 ? DhtNeoRequest.EXISTS_RECORD_EXISTS :
                        DhtNeoRequest.EXISTS_NO_RECORD, exists.join()));
                    break;
                }
                case 3:
                {
                    final CompletableFuture<Map<Long, byte[]>> all = client.getAll("base", false, new byte[0]);
                    futures.add(all);
                    checks.add(() ->
                    {
                        assertEquals(200, all.join().size());
                        all.join().forEach((k, v) -> assertArrayEquals(value(k), v));
                    });
                    break;
                }
                case 4:
                {
                    final CompletableFuture<List<String>> channels = client.getChannels();
                    futures.add(channels);
                    checks.add(() -> assertTrue(channels.join().contains("base")));
                    break;
                }
                case 5:
                {
                    final CompletableFuture<Integer> remove = client.remove("gone", key);
                    futures.add(remove);
                    checks.add(() -> assertEquals(DhtNeoRequest.REMOVE_NO_RECORD, remove.join()));
                    break;
                }
                default:
                {
                    final CompletableFuture<HashRange> range = client.getHashRange();
                    futures.add(range);
                    checks.add(() -> assertEquals(HashRange.FULL, range.join()));
                    break;
                }
            }
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
        for (final Runnable check : checks)
        {
            check.run();
        }
        assertEquals(REQUESTS, checks.size(), "seed " + seed);
    }

    @Test
    void shouldUpdateThroughTheClient() throws Exception
    {
        assertEquals(DhtNeoRequest.PUT_OK, client.put("up", 7, "hello".getBytes(StandardCharsets.US_ASCII))
            .get(60, TimeUnit.SECONDS));
        assertEquals(DhtNeoRequest.UPDATE_OK, client.update("up", 7,
            old -> (new String(old, StandardCharsets.US_ASCII) + " world").getBytes(StandardCharsets.US_ASCII))
            .get(60, TimeUnit.SECONDS));
        assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII),
            client.get("up", 7).get(60, TimeUnit.SECONDS).value());
        assertEquals(DhtNeoRequest.UPDATE_NO_RECORD, client.update("up", 8, old -> old).get(60, TimeUnit.SECONDS));
        assertEquals(DhtNeoRequest.REMOVE_CHANNEL_REMOVED, client.removeChannel("up").get(60, TimeUnit.SECONDS));
        assertEquals(List.of(), client.getChannels().get(60, TimeUnit.SECONDS));
    }
}
