package org.swarmjvm.queue.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmjvm.protocol.fixtures.Fixtures;
import org.swarmjvm.protocol.fixtures.WireTranscript;
import org.swarmjvm.protocol.fixtures.WireTranscriptPlayer;
import org.swarmjvm.queue.node.config.QueueNodeContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays every transcript the original dmqnode produced against this node, through real sockets, byte for byte.
 */
class QueueNodeTranscriptTest
{
    /** The reference node crashed on this one; the intended answer is tested separately. */
    private static final String CRASHED_THE_ORIGINAL = "consume-bad-channel-name.txt";
    /** Names the original accepted and could not write at shutdown: {@link QueueChannelNameLimitTest}. */
    private static final String LONGER_THAN_OUR_LIMIT = "push-channel-name-long.txt";

    @TempDir
    Path data;

    private QueueNode node;

    @BeforeEach
    void launch()
    {
        node = QueueNode.launch(testContext(data));
    }

    @AfterEach
    void close()
    {
        node.close();
    }

    static QueueNodeContext testContext(final Path data)
    {
        return new QueueNodeContext()
            .address("127.0.0.1")
            .port(0)
            .dataDirectory(data)
            .channelSizeLimit(10_000_000)
            .statsFile(null);
    }

    static Stream<String> transcripts() throws IOException
    {
        final List<String> names = WireTranscriptPlayer.transcriptNames("wire/queue",
            Set.of(CRASHED_THE_ORIGINAL, LONGER_THAN_OUR_LIMIT));
        assertEquals(17, names.size(), "every queue transcript but the crashing one and the long names");
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    @Timeout(60)
    void shouldAnswerLikeTheOriginalWhenReplayingTranscript(final String name)
    {
        final WireTranscript transcript = WireTranscript.parse(Fixtures.path("wire/queue/" + name));
        new WireTranscriptPlayer(new InetSocketAddress("127.0.0.1", node.port())).play(transcript);
    }

    @Test
    @Timeout(30)
    void shouldAnswerBadChannelNameAndKeepServingWhereTheOriginalCrashed()
    {
        final WireTranscript crashed = WireTranscript.parse(Fixtures.path("wire/queue/" + CRASHED_THE_ORIGINAL));
        assertTrue(crashed.steps().stream().anyMatch(step -> step instanceof WireTranscript.Eof));
        final List<String> intended = List.of(
            "= connection",
            "C 06000000 0800000000000000 626164206e616d65",
            "S 99010000",
            "C 01000000 0400000000000000 66785f71 0100000000000000 78",
            "S c8000000",
            "C 06000000 0000000000000000",
            "S 99010000",
            "C 02000000 0400000000000000 66785f71",
            "S c8000000 0100000000000000 78");
        new WireTranscriptPlayer(new InetSocketAddress("127.0.0.1", node.port()))
            .play(WireTranscript.parse(Path.of("consume-bad-channel-name-intended.txt"), intended));
    }
}
