package org.swarmjvm.dht.node;

import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.fixtures.DhtMatchers;
import org.swarmjvm.protocol.fixtures.Fixtures;
import org.swarmjvm.protocol.fixtures.WireTranscript;
import org.swarmjvm.protocol.fixtures.WireTranscriptPlayer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Replays every capture of the original dhtnode (fixtures/wire/dht) against our node through a real socket:
 * the client's bytes are sent, the original's answers expected byte for byte, except where the fixtures README
 * lets a compatible node differ (LZO bytes and order inside batches, GetChannels order, byte figures, connection
 * counts), which are compared by meaning.
 * <p>
 * Not replayed here, each with a test of its own: the original's crashes and the limits we chose differently
 * (listen-bad-channel-name, getallfilter-empty-filter, put-channel-name-long) and
 * the two-node Redistribute capture.
 */
class DhtWireReplayTest
{
    private static final Set<String> NOT_REPLAYED = Set.of(
        "listen-bad-channel-name.txt",
        "getallfilter-empty-filter.txt",
        "put-channel-name-long.txt",
        "redistribute.txt");

    @TempDir
    Path dataDir;

    static Stream<String> transcripts() throws IOException
    {
        return WireTranscriptPlayer.transcriptNames("wire/dht", NOT_REPLAYED).stream();
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void shouldAnswerLikeTheOriginalNode(final String name) throws IOException
    {
        final Path file = Fixtures.path("wire/dht/" + name);
        final WireTranscript transcript = WireTranscript.parse(file);
        try (DhtNode node = TestNodes.launch(dataDir, rangeFor(name), settingsFor(name)))
        {
            if (Files.readString(file).contains("the same 3000 records") || name.equals("getall-several-batches.txt"))
            {
                fillBulkChannel(node);
            }
            new WireTranscriptPlayer(TestNodes.address(node)).matcher(DhtMatchers.all()).play(transcript);
        }
    }

    /**
     * The captures' node B (size limit) and node D (corrupt batch) served the full range; node A half of it.
     */
    private static HashRange rangeFor(final String name)
    {
        return name.equals("put-out-of-memory.txt") || name.equals("putbatch-bad-lzo.txt") ?
            HashRange.FULL : TestNodes.HALF_RANGE;
    }

    /**
     * Node B refused the second Put because TokyoCabinet counted half a megabyte for one record; we count
     * 8 + value bytes (docs/dht.md), so the same refusal needs a limit of 18: 10 bytes fit, one more does not.
     */
    private static UnaryOperator<DhtNodeContext> settingsFor(final String name)
    {
        return name.equals("put-out-of-memory.txt") ? context -> context.sizeLimit(18) : UnaryOperator.identity();
    }

    /**
     * The setup the bulk captures describe but do not show: fx_bulk with key 2i and value
     * {@code 'record-%05d' % i + '.' * (i % 50)} for i = 0..2999.
     */
    static void fillBulkChannel(final DhtNode node)
    {
        final DhtChannel channel = node.storage().getOrCreateChannel("fx_bulk");
        for (int i = 0; i < 3000; i++)
        {
            final byte[] value = (String.format("record-%05d", i) + ".".repeat(i % 50))
                .getBytes(StandardCharsets.US_ASCII);
            channel.put(2L * i, new UnsafeBuffer(value), 0, value.length);
        }
    }
}
