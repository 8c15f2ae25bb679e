package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.swarmjvm.dht.node.storage.CompressionRule;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.ValueCompression;
import org.swarmjvm.node.testing.MetricsEndpoint;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.Listener;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.dht.tcm.TcmManifest;
import org.swarmjvm.protocol.fixtures.Fixtures;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.dht.DhtNeoClient;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;
import org.swarmjvm.support.stats.StatsLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.node.testing.MetricsEndpoint.value;

/**
 * A channel that compresses its values: clients of both protocols put and get the bytes they sent, Listen, Mirror
 * and GetAll carry them, the dump written at shutdown holds them as sent and loads into a node that does not
 * compress; the original's dumps load into channels that compress.
 */
class DhtCompressionTest
{
    private static final String COMPRESSED = "json_events";
    private static final String AS_SENT = "raw_events";
    private static final CompressionRule JSON_PREFIX =
        new CompressionRule(ValueCompression.NONE, Map.of("json_", ValueCompression.LZ4));

    @TempDir
    Path dataDir;

    @Test
    void shouldServeCompressedValuesAsSentOverBothProtocolsAndDumpThemForANodeThatDoesNotCompress() throws Exception
    {
        final Map<Long, byte[]> expected = values();
        final ConcurrentHashMap<Long, byte[]> listened = new ConcurrentHashMap<>();
        final ConcurrentHashMap<Long, byte[]> mirrored = new ConcurrentHashMap<>();
        final AtomicInteger updatesLost = new AtomicInteger();
        final long storedBytes;
        final long bytes;
        try (DhtNode node = launch(context -> context.compression(JSON_PREFIX));
            DhtClient legacy = connect(node);
            DhtNeoClient neo = new DhtNeoClient(
                NeoClient.connect("127.0.0.1", node.neoPort(), "admin", NeoRawConnection.ZERO_KEY));
            Listener listener = legacy.listen(COMPRESSED, listened::put))
        {
            final DhtNeoClient.Mirror mirror = neo.mirror(COMPRESSED, false, 0, new DhtNeoClient.MirrorListener()
            {
                @Override
                public void onRecord(final long key, final byte[] value)
                {
                    mirrored.put(key, value);
                }

                @Override
                public void onDeleted(final long key)
                {
                    mirrored.remove(key);
                }

                @Override
                public void onUpdatesLost()
                {
                    updatesLost.incrementAndGet();
                }

                @Override
                public void onChannelRemoved()
                {
                }
            });
            mirror.started().get(10, TimeUnit.SECONDS);
            for (final Map.Entry<Long, byte[]> record : expected.entrySet())
            {
                if (0 == record.getKey() % 2)
                {
                    legacy.put(COMPRESSED, record.getKey(), record.getValue());
                }
                else
                {
                    assertEquals(DhtNeoRequest.PUT_OK,
                        (int)neo.put(COMPRESSED, record.getKey(), record.getValue()).get(10, TimeUnit.SECONDS));
                }
                legacy.put(AS_SENT, record.getKey(), record.getValue());
            }
            TestNodes.await(() -> listened.size() == expected.size() &&
                (mirrored.size() == expected.size() || 0 != updatesLost.get()), "Listen and Mirror see every Put");
            assertEquals(0, updatesLost.get(), "Mirror updates lost");
            assertSame(expected, listened, "Listen");
            assertSame(expected, mirrored, "Mirror");
            for (final Map.Entry<Long, byte[]> record : expected.entrySet())
            {
                assertArrayEquals(record.getValue(), legacy.get(COMPRESSED, record.getKey()), "legacy Get");
                assertArrayEquals(record.getValue(),
                    neo.get(COMPRESSED, record.getKey()).get(10, TimeUnit.SECONDS).value(), "neo Get");
            }
            assertSame(expected, DhtDumpFilesTest.getAll(legacy, COMPRESSED), "legacy GetAll");
            assertSame(expected, neo.getAll(COMPRESSED, false, new byte[0]).get(10, TimeUnit.SECONDS), "neo GetAll");

            final DhtChannel compressed = node.storage().getOrCreateChannel(COMPRESSED);
            final DhtChannel asSent = node.storage().getOrCreateChannel(AS_SENT);
            assertEquals(ValueCompression.LZ4, compressed.compression());
            assertEquals(ValueCompression.NONE, asSent.compression());
            assertEquals(asSent.bytes(), compressed.bytes(), "bytes count the values as sent");
            assertEquals(asSent.bytes(), asSent.storedBytes());
            assertTrue(compressed.storedBytes() < compressed.bytes() / 2,
                compressed.storedBytes() + " stored bytes for " + compressed.bytes());
            assertEquals(compressed.bytes(), legacy.getChannelSize(COMPRESSED).totalBytes());
            storedBytes = compressed.storedBytes();
            bytes = compressed.bytes();
            mirror.stop().get(10, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(dataDir.resolve(COMPRESSED + ".tcm")));
        try (DhtNode node = launch(UnaryOperator.identity()); DhtClient legacy = connect(node))
        {
            final DhtChannel loaded = node.storage().getOrCreateChannel(COMPRESSED);
            assertEquals(ValueCompression.NONE, loaded.compression());
            assertEquals(bytes, loaded.storedBytes(), "the dump holds the values as sent");
            assertSame(expected, DhtDumpFilesTest.getAll(legacy, COMPRESSED), "GetAll of the loaded dump");
        }
        try (DhtNode node = launch(context -> context.compression(JSON_PREFIX)))
        {
            assertEquals(storedBytes, node.storage().getOrCreateChannel(COMPRESSED).storedBytes(),
                "loading a dump compresses it again");
        }
    }

    @Test
    void shouldKeepTheCountsOfReplacedAndRemovedValuesAndShowThemInStatsAndMetrics() throws Exception
    {
        final int metricsPort = NodeProcess.freePort();
        try (DhtNode node = launch(context ->
            {
                context.node().metricsPort(metricsPort);
                return context.compression(JSON_PREFIX);
            });
            DhtClient legacy = connect(node))
        {
            final byte[] json = json(1, 2000);
            final byte[] random = random(new Random(1), 2000);
            legacy.put(COMPRESSED, 1, json);
            legacy.put(COMPRESSED, 1, random);
            legacy.put(COMPRESSED, 2, random);
            legacy.put(COMPRESSED, 2, json);
            legacy.put(COMPRESSED, 3, json);
            legacy.remove(COMPRESSED, 3);
            assertArrayEquals(random, legacy.get(COMPRESSED, 1));
            assertArrayEquals(json, legacy.get(COMPRESSED, 2));
            final DhtChannel channel = node.storage().getOrCreateChannel(COMPRESSED);
            assertEquals(2 * (DhtChannel.RECORD_OVERHEAD + 2000), channel.bytes());
            assertTrue(channel.storedBytes() > DhtChannel.RECORD_OVERHEAD + 2000, "the random value as sent");
            assertTrue(channel.storedBytes() < channel.bytes(), "the JSON value compressed");
            legacy.put(AS_SENT, 1, json);
            final StatsLine stats = new StatsLine();
            new DhtEngine(new DhtNodeContext(), node.storage(), new DumpDirectory(dataDir)).appendStats(stats);
            final String prefix = "channel/" + COMPRESSED + "/";
            assertTrue(stats.toString().contains(prefix + "bytes:" + channel.bytes() + " " + prefix + "records:2 " +
                prefix + "stored_bytes:" + channel.storedBytes()), stats::toString);
            assertTrue(stats.toString().contains("channel/" + AS_SENT + "/records:1"), stats::toString);
            assertFalse(stats.toString().contains(AS_SENT + "/stored_bytes"), "only channels that compress");
            final String page = MetricsEndpoint.page(metricsPort, "/metrics");
            assertEquals(channel.storedBytes(),
                value(page, "swarm_channel_stored_bytes{channel=\"" + COMPRESSED + "\"}"), page);
            assertEquals(channel.bytes(), value(page, "swarm_channel_bytes{channel=\"" + COMPRESSED + "\"}"), page);
            assertEquals(DhtChannel.RECORD_OVERHEAD + json.length,
                value(page, "swarm_channel_stored_bytes{channel=\"" + AS_SENT + "\"}"), page);
            legacy.remove(COMPRESSED, 1);
            legacy.remove(COMPRESSED, 2);
            assertEquals(0, channel.bytes());
            assertEquals(0, channel.storedBytes());
        }
    }

    @Test
    void shouldLoadTheOriginalsDumpsIntoChannelsThatCompress() throws IOException
    {
        for (final String file : List.of("empty.tcm", "three.tcm", "bulk.tcm"))
        {
            Files.copy(Fixtures.path("files/dht/" + file), dataDir.resolve(file));
        }
        try (DhtNode node = launch(context -> context.compression(
                new CompressionRule(ValueCompression.LZ4, Map.of())));
            DhtClient legacy = connect(node))
        {
            for (final String channel : List.of("empty", "three", "bulk"))
            {
                assertEquals(ValueCompression.LZ4, node.storage().getOrCreateChannel(channel).compression());
                final Map<Long, byte[]> expected = new HashMap<>();
                TcmManifest.records(channel + ".tcm").forEach(entry -> expected.put(entry.key(), entry.value()));
                assertSame(expected, DhtDumpFilesTest.getAll(legacy, channel), channel);
            }
        }
    }

    /**
     * JSON-like values of about 1 KiB, random ones, and the shortest and the longest a Put takes.
     */
    private static Map<Long, byte[]> values()
    {
        final Random random = new Random(19);
        final Map<Long, byte[]> values = new HashMap<>();
        for (long key = 0; key < 200; key++)
        {
            values.put(key, 0 == key % 4 ? random(random, 1 + random.nextInt(1500)) : json(key, 1024));
        }
        values.put(200L, new byte[] {42});
        values.put(201L, json(201, TestNodes.FIXTURE_BATCH_SIZE - 32));
        values.put(202L, random(random, TestNodes.FIXTURE_BATCH_SIZE - 32));
        return values;
    }

    private static byte[] json(final long id, final int length)
    {
        final StringBuilder text = new StringBuilder("{\"id\":").append(id).append(",\"events\":[");
        for (int i = 0; text.length() < length; i++)
        {
            text.append("{\"type\":\"view\",\"campaign\":").append(id * 31 + i).append(",\"country\":\"DE\"},");
        }
        return text.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] random(final Random random, final int length)
    {
        final byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }

    private static void assertSame(final Map<Long, byte[]> expected, final Map<Long, byte[]> actual, final String what)
    {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (final Map.Entry<Long, byte[]> record : expected.entrySet())
        {
            assertNotNull(actual.get(record.getKey()), what);
            assertArrayEquals(record.getValue(), actual.get(record.getKey()), what + " " + record.getKey());
        }
    }

    private DhtNode launch(final UnaryOperator<DhtNodeContext> customise)
    {
        return TestNodes.launch(dataDir, HashRange.FULL, customise);
    }

    private static DhtClient connect(final DhtNode node)
    {
        return DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port())));
    }
}
