package org.swarmjvm.protocol.dht.client;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.fixtures.WireTranscript;
import org.swarmjvm.protocol.fixtures.WireTranscriptPeer;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.TIMEOUT;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.connect;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.fullRangeHandshake;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.handshake;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.peer;

/**
 * Requests over two nodes, each half of the hashes (lower: even keys, upper: odd keys), with the request bytes
 * written out from the spec's examples.
 */
class DhtClientMultiNodeTest
{
    private static final HashRange LOWER = new HashRange(0, 0x7fffffffffffffffL);
    private static final HashRange UPPER = new HashRange(0x8000000000000000L, -1L);
    private static final String PUT_TEST_KEY_A_FOO =
        "C 01000000 0400000000000000 74657374 1000000000000000 30303030303030303030303030303061 " +
        "0300000000000000 666f6f";
    private static final String PUT_TEST_KEY_1_BAR =
        "C 01000000 0400000000000000 74657374 1000000000000000 30303030303030303030303030303031 " +
        "0300000000000000 626172";

    /** The spec's LZO test vector (§3.18): records 1 = "record 1" and 2 = "record 2", from liblzo2. */
    private static final String TWO_RECORDS_BATCH = "S 3f00000000000000 5000000000000000 " +
        "061000000000000000302c0300310800a000057265636f72642031329c0000023030303208000000000000007265636f72642032" +
        "110000";

    @Test
    void shouldSendEachKeyToTheNodeOwningItsBitReversedHash() throws Exception
    {
        try (WireTranscriptPeer lower = peer().script(handshake(LOWER, "20110401"))
                .script(script("= connection 1", PUT_TEST_KEY_A_FOO, "S c8000000")).start();
            WireTranscriptPeer upper = peer().script(handshake(UPPER, "20110401"))
                .script(script("= connection 1", PUT_TEST_KEY_1_BAR, "S c8000000")).start();
            DhtClient client = connect(lower, upper))
        {
            client.put("test", 0xa, bytes("foo"));
            client.put("test", 0x1, bytes("bar"));

            lower.awaitFinished(TIMEOUT);
            upper.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldMergeChannelsAndRecordsOfEveryNode() throws Exception
    {
        final String getChannels = "C 11000000";
        try (WireTranscriptPeer lower = peer().script(handshake(LOWER, "20110401")).script(script(
                "= connection 1", getChannels, "S c8000000", "S 0400000000000000 74657374", "S 0000000000000000",
                "C 1d000000 0400000000000000 74657374", "S c8000000",
                TWO_RECORDS_BATCH,
                "S 0000000000000000")).start();
            WireTranscriptPeer upper = peer().script(handshake(UPPER, "20110401")).script(script(
                "= connection 1", getChannels, "S c8000000", "S 0400000000000000 74657374",
                "S 0500000000000000 6f74686572", "S 0000000000000000",
                "C 1d000000 0400000000000000 74657374", "S c8000000",
                "S 0b00000000000000 0000000000000000 110000", "S 0000000000000000")).start();
            DhtClient client = connect(lower, upper))
        {
            final Set<String> channels = client.getChannels();
            final List<String> records = new ArrayList<>();
            client.getAll("test",
                (key, value) -> records.add(key + "=" + new String(value, StandardCharsets.US_ASCII)));

            lower.awaitFinished(TIMEOUT);
            upper.awaitFinished(TIMEOUT);
            assertEquals(Set.of("test", "other"), channels);
            assertEquals(List.of("1=record 1", "2=record 2"), records);
        }
    }

    @Test
    void shouldReportEveryNodesSizeAndTheTotal() throws Exception
    {
        final String answer = "S c8000000 0900000000000000 3132372e302e302e31 1027 ";
        try (WireTranscriptPeer lower = peer().script(handshake(LOWER, "20110401")).script(script(
                "= connection 1", "C 13000000", answer + "0300000000000000 d204000000000000")).start();
            WireTranscriptPeer upper = peer().script(handshake(UPPER, "20110401")).script(script(
                "= connection 1", "C 13000000", answer + "0200000000000000 0a00000000000000")).start();
            DhtClient client = connect(lower, upper))
        {
            final SizeReport size = client.getSize();

            assertEquals(2, size.nodes().size());
            assertEquals(client.nodes().get(0), size.nodes().get(0).node());
            assertEquals(3, size.nodes().get(0).records());
            assertEquals(1234, size.nodes().get(0).bytes());
            assertEquals(5, size.totalRecords());
            assertEquals(1244, size.totalBytes());
        }
    }

    @Test
    void shouldCloseTheConnectionAndReconnectWhenAConsumerThrowsMidStream() throws Exception
    {
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake()).script(script(
                "= connection 1", "C 1d000000 0400000000000000 74657374", "S c8000000",
                TWO_RECORDS_BATCH,
                "S 0000000000000000",
                "= connection 2", "C 18000000", "S c8000000 0800000000000000 3230313130343031")).start();
            DhtClient client = connect(node))
        {
            assertThrows(IllegalStateException.class, () -> client.getAll("test", (key, value) ->
            {
                throw new IllegalStateException("consumer failed");
            }));
            final String version = client.getVersion().values().iterator().next();
            node.awaitFinished(TIMEOUT);

            assertEquals("20110401", version);
        }
    }

    @Test
    void shouldListenToEveryNodeUntilEachEndsItsStream() throws Exception
    {
        final String listen = "C 19000000 0400000000000000 74657374";
        final String end = "S 0000000000000000 0000000000000000";
        final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<NodeAddress> ended = new ConcurrentLinkedQueue<>();
        try (WireTranscriptPeer lower = peer().script(handshake(LOWER, "20110401")).script(script(
                "= connection listener", listen, "S c8000000",
                "S 1000000000000000 30303030303030303030303030303061 0300000000000000 666f6f", end)).start();
            WireTranscriptPeer upper = peer().script(handshake(UPPER, "20110401")).script(script(
                "= connection listener", listen, "S c8000000",
                "S 1000000000000000 30303030303030303030303030303031 0300000000000000 626172", end)).start();
            DhtClient client = connect(lower, upper);
            Listener listener = client.listen("test", new ListenHandler()
            {
                @Override
                public void accept(final long key, final byte[] value)
                {
                    received.add(key + "=" + new String(value, StandardCharsets.US_ASCII));
                }

                @Override
                public void onEnd(final NodeAddress node)
                {
                    ended.add(node);
                }
            }))
        {
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (ended.size() < 2 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }

            assertEquals(Set.copyOf(client.nodes()), Set.copyOf(ended));
            assertEquals(Set.of("10=foo", "1=bar"), Set.copyOf(received));
            assertEquals(0, listener.activeStreams());
            lower.awaitFinished(TIMEOUT);
            upper.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldRefuseListenWhenTheNodeAnswersBadChannelName() throws Exception
    {
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake()).script(script(
                "= connection listener", "C 19000000 0400000000000000 74657374", "S 99010000")).start();
            DhtClient client = connect(node))
        {
            final DhtStatusException ex = assertThrows(DhtStatusException.class,
                () -> client.listen("test", (key, value) ->
                {
                }));
            node.awaitFinished(TIMEOUT);

            assertEquals(SwarmStatus.BAD_CHANNEL_NAME, ex.status());
        }
    }

    @Test
    void shouldFailWithTheNodeNamedWhenNoNodeListens() throws Exception
    {
        final int port;
        try (ServerSocket closed = new ServerSocket(0))
        {
            port = closed.getLocalPort();
        }
        final NodeAddress node = new NodeAddress("127.0.0.1", port);

        final DhtClientException ex = assertThrows(DhtClientException.class, () -> DhtClient.connect(List.of(node)));

        assertTrue(ex.getMessage().contains(node.toString()), ex.getMessage());
    }

    private static WireTranscript script(final String... lines)
    {
        return WireTranscript.parse(Path.of("multi-node.txt"), List.of(lines));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
