package org.swarmjvm.protocol.dht.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.fixtures.DhtMatchers;
import org.swarmjvm.protocol.fixtures.WireTranscript;
import org.swarmjvm.protocol.fixtures.WireTranscriptPeer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.TIMEOUT;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.connect;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.fullRangeHandshake;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.peer;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.transcript;

class DhtClientTest
{
    @Test
    void shouldPutAndGetWhenTheNodeAnswersAsTheOriginal() throws Exception
    {
        final WireTranscript putGet = transcript("put-get.txt");
        final byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++)
        {
            binary[i] = (byte)i;
        }
        // Lines 19-26 put an upper-case hex key, which this client never sends: it renders keys in lower case.
        try (WireTranscriptPeer node = scripted(putGet, WireTranscriptPeer.withoutLines(putGet, 19, 26));
            DhtClient client = connect(node))
        {
            client.put("fx_put", 0xa, bytes("foo"));
            assertArrayEquals(bytes("foo"), client.get("fx_put", 0xa));
            client.put("fx_put", 0xa, bytes("bar!"));
            assertArrayEquals(bytes("bar!"), client.get("fx_put", 0xa));
            client.put("fx_put", 0xc, binary);
            assertArrayEquals(binary, client.get("fx_put", 0xc));
            client.removeChannel("fx_put");
            node.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldGetEmptyValuesForMissingRecordsAndChannels() throws Exception
    {
        final WireTranscript get = transcript("get.txt");
        try (WireTranscriptPeer node = scripted(get, WireTranscriptPeer.withoutLines(get, 19, 22));
            DhtClient client = connect(node))
        {
            client.put("fx_get", 0xa, bytes("value-a"));
            assertArrayEquals(bytes("value-a"), client.get("fx_get", 0xa));
            assertArrayEquals(new byte[0], client.get("fx_get", 0xe));
            assertArrayEquals(new byte[0], client.get("fx_get_missing", 0xa));
            assertThrows(IllegalArgumentException.class, () -> client.get("bad name", 0xa));
            client.removeChannel("fx_get");
            node.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldTellWhetherRecordsExist() throws Exception
    {
        final WireTranscript exists = transcript("exists.txt");
        try (WireTranscriptPeer node = scripted(exists, WireTranscriptPeer.withoutLines(exists, 19, 22));
            DhtClient client = connect(node))
        {
            client.put("fx_exists", 0xa, bytes("v"));
            assertTrue(client.exists("fx_exists", 0xa));
            assertFalse(client.exists("fx_exists", 0xe));
            assertFalse(client.exists("fx_exists_missing", 0xa));
            assertThrows(IllegalArgumentException.class, () -> client.exists("bad!", 0xa));
            client.removeChannel("fx_exists");
            node.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldDeliverEveryRecordWhenGettingAll() throws Exception
    {
        final WireTranscript getAll = transcript("getall.txt");
        try (WireTranscriptPeer node = scripted(getAll, WireTranscriptPeer.withoutLines(getAll, 23, 26));
            DhtClient client = connect(node))
        {
            for (int i = 0; i < 3; i++)
            {
                client.put("fx_getall", 2L * i, bytes("record " + i));
            }
            final Map<Long, String> records = new HashMap<>();
            client.getAll("fx_getall", (key, value) -> records.put(key, text(value)));
            client.removeChannel("fx_getall");
            node.awaitFinished(TIMEOUT);

            assertEquals(Map.of(0L, "record 0", 2L, "record 1", 4L, "record 2"), records);
        }
    }

    @Test
    void shouldDeliverRecordsOfEveryBatchWhenGettingAllOfABigChannel() throws Exception
    {
        final WireTranscript getAll = transcript("getall-several-batches.txt");
        try (WireTranscriptPeer node = scripted(getAll, WireTranscriptPeer.withoutLines(getAll, 19, 22));
            DhtClient client = connect(node))
        {
            final Map<Long, String> records = new HashMap<>();
            client.getAll("fx_bulk", (key, value) -> assertEquals(null, records.put(key, text(value))));
            node.awaitFinished(TIMEOUT);

            assertEquals(3000, records.size());
            for (int i = 0; i < 3000; i++)
            {
                assertEquals(String.format("record-%05d", i) + ".".repeat(i % 50), records.get(2L * i));
            }
        }
    }

    @Test
    void shouldDeliverEveryKeyWhenGettingAllKeys() throws Exception
    {
        final WireTranscript getAllKeys = transcript("getallkeys.txt");
        try (WireTranscriptPeer node = scripted(getAllKeys, WireTranscriptPeer.withoutLines(getAllKeys, 14, 17));
            DhtClient client = connect(node))
        {
            final Set<Long> keys = new HashSet<>();
            client.getAllKeys("fx_bulk", key -> assertTrue(keys.add(key)));
            node.awaitFinished(TIMEOUT);

            assertEquals(3000, keys.size());
            for (int i = 0; i < 3000; i++)
            {
                assertTrue(keys.contains(2L * i));
            }
        }
    }

    @Test
    void shouldStreamPutsUntilTheChannelIsRemovedWhenListening() throws Exception
    {
        final WireTranscript listen = transcript("listen.txt");
        // The transcript's last request reuses the listener's connection after the stream ended; this client
        // closes a Listen connection at the end of its stream instead.
        final List<WireTranscript.Step> steps = listen.clientSteps().subList(0, listen.clientSteps().size() - 2);
        final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        final CountDownLatch ended = new CountDownLatch(1);
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake()).script(listen, steps)
                .alias("writer", "1").requestMatcher(DhtMatchers.putBatchRequests()).start();
            DhtClient client = connect(node);
            Listener listener = client.listen("fx_listen", new ListenHandler()
            {
                @Override
                public void accept(final long key, final byte[] value)
                {
                    received.add(Long.toHexString(key) + "=" + text(value));
                }

                @Override
                public void onEnd(final NodeAddress node)
                {
                    ended.countDown();
                }
            }))
        {
            client.put("fx_listen", 0x10, bytes("hello"));
            client.put("fx_listen", 0x12, bytes("world"));
            client.putBatch(client.nodes().get(0), "fx_listen", List.of(new DhtRecord(0x14, bytes("batched"))));
            client.remove("fx_listen", 0x10);
            client.removeChannel("fx_listen");

            assertTrue(ended.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the stream did not end");
            node.awaitFinished(TIMEOUT);
            assertEquals(List.of("10=hello", "12=world"), new ArrayList<>(received));
            assertEquals(0, listener.activeStreams());
        }
    }

    @Test
    void shouldListEveryChannelOnceWhenGettingChannels() throws Exception
    {
        try (WireTranscriptPeer node = scripted(transcript("getchannels.txt"));
            DhtClient client = connect(node))
        {
            for (final String channel : List.of("fx_ch_a", "fx_ch_b", "fx_ch_c"))
            {
                client.put(channel, 0xa, bytes("1"));
            }
            client.remove("fx_ch_c", 0xa);

            assertEquals(Set.of("fx_ch_a", "fx_ch_b", "fx_ch_c"), client.getChannels());
            for (final String channel : List.of("fx_ch_a", "fx_ch_b", "fx_ch_c"))
            {
                client.removeChannel(channel);
            }
            node.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldReportNodeAndChannelSizes() throws Exception
    {
        final WireTranscript sizes = transcript("getsize-getchannelsize.txt");
        try (WireTranscriptPeer node = scripted(sizes, WireTranscriptPeer.withoutLines(sizes, 23, 26));
            DhtClient client = connect(node))
        {
            client.put("fx_size", 0xa, bytes("12345"));
            client.put("fx_size", 0xc, bytes("67890"));
            client.put("fx_size", 0xe, bytes("abcde"));

            final SizeReport channel = client.getChannelSize("fx_size");
            final SizeReport missing = client.getChannelSize("fx_size_missing");
            final SizeReport total = client.getSize();
            client.removeChannel("fx_size");
            final SizeReport empty = client.getSize();
            node.awaitFinished(TIMEOUT);

            assertEquals(List.of(new NodeSize(client.nodes().get(0), "127.0.0.1", 10000, 3, 525559)),
                channel.nodes());
            assertEquals(0, missing.totalRecords());
            assertEquals(0, missing.totalBytes());
            assertEquals(3, total.totalRecords());
            assertEquals(525559, total.totalBytes());
            assertEquals(0, empty.totalRecords());
        }
    }

    @Test
    void shouldKeepTheConnectionWhenTheNodeAnswersValueTooBig() throws Exception
    {
        try (WireTranscriptPeer node = scripted(transcript("put-value-too-big.txt"));
            DhtClient client = connect(node))
        {
            final byte[] value = new byte[65504];
            Arrays.fill(value, (byte)'x');

            final DhtStatusException ex =
                assertThrows(DhtStatusException.class, () -> client.put("fx_big", 0xa, value));
            // The peer has one connection: Get succeeding proves the client kept it.
            final byte[] afterwards = client.get("fx_big", 0xa);
            node.awaitFinished(TIMEOUT);

            assertEquals(SwarmStatus.VALUE_TOO_BIG, ex.status());
            assertFalse(ex.connectionClosed());
            assertArrayEquals(new byte[0], afterwards);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f4010000", "e7030000"})
    void shouldReconnectAfterAnErrorOrUnknownStatusClosedTheConnection(final String status) throws Exception
    {
        final WireTranscript script = WireTranscript.parse(Path.of("error-status.txt"), List.of(
            "= connection 1",
            "# Put fx_err key 0xa 'v'",
            "C 01000000 0600000000000000 66785f657272 1000000000000000 30303030303030303030303030303061 " +
                "0100000000000000 76",
            "# -> status 500 Error or an unknown code",
            "S " + status,
            "= connection 2",
            "# Get on a new connection",
            "C 07000000 0600000000000000 66785f657272 1000000000000000 30303030303030303030303030303061",
            "S c8000000 0000000000000000"));
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake()).script(script).start();
            DhtClient client = connect(node))
        {
            final DhtStatusException ex = assertThrows(DhtStatusException.class,
                () -> client.put("fx_err", 0xa, bytes("v")));
            final byte[] afterwards = client.get("fx_err", 0xa);
            node.awaitFinished(TIMEOUT);

            assertEquals(Integer.parseInt(status.substring(2, 4) + status.substring(0, 2), 16), ex.code());
            assertTrue(ex.connectionClosed());
            assertArrayEquals(new byte[0], afterwards);
        }
    }

    @Test
    void shouldReconnectWhenTheNodeClosedTheConnection() throws Exception
    {
        final WireTranscript script = WireTranscript.parse(Path.of("node-closes.txt"), List.of(
            "= connection 1",
            "C 07000000 0600000000000000 66785f657272 1000000000000000 30303030303030303030303030303061",
            "= eof",
            "= connection 2",
            "C 07000000 0600000000000000 66785f657272 1000000000000000 30303030303030303030303030303061",
            "S c8000000 0100000000000000 76"));
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake()).script(script).start();
            DhtClient client = connect(node))
        {
            final DhtClientException ex = assertThrows(DhtClientException.class, () -> client.get("fx_err", 0xa));
            final byte[] afterwards = client.get("fx_err", 0xa);
            node.awaitFinished(TIMEOUT);

            assertTrue(ex.getMessage().contains("connection closed"), ex.getMessage());
            assertArrayEquals(bytes("v"), afterwards);
        }
    }

    @Test
    void shouldRefuseInvalidRequestsBeforeSendingThem() throws Exception
    {
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake()).start();
            DhtClient client = connect(node))
        {
            assertThrows(IllegalArgumentException.class, () -> client.put("fx", 1, new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> client.put("", 1, bytes("v")));
            assertThrows(IllegalArgumentException.class, () -> client.put("a.b", 1, bytes("v")));
            assertThrows(IllegalArgumentException.class, () -> client.getAllFilter("fx", new byte[0], (k, v) ->
            {
            }));
            assertThrows(IllegalArgumentException.class, () -> client.removeChannel("x".repeat(300)));
            node.awaitFinished(TIMEOUT);
        }
    }

    private static WireTranscriptPeer scripted(final WireTranscript transcript) throws Exception
    {
        return scripted(transcript, transcript.clientSteps());
    }

    private static WireTranscriptPeer scripted(final WireTranscript transcript, final List<WireTranscript.Step> steps)
        throws Exception
    {
        return peer().script(fullRangeHandshake()).script(transcript, steps).start();
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
