package org.swarmjvm.protocol.dht.client;

import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.fixtures.Fixtures;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.fixtures.WireTranscript;
import org.swarmjvm.protocol.fixtures.WireTranscriptPeer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Scripted peers for client tests: transcripts of the original node, and handshakes with chosen ranges.
 */
final class ScriptedNodes
{
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ScriptedNodes()
    {
    }

    static WireTranscript transcript(final String name)
    {
        return WireTranscript.parse(Fixtures.path("wire/dht/" + name));
    }

    /**
     * @param range   the node reports.
     * @param version the node reports.
     * @return the handshake the client sends (GetVersion, GetResponsibleRange on one connection) with the answers.
     */
    static WireTranscript handshake(final HashRange range, final String version)
    {
        return WireTranscript.parse(Path.of("handshake-" + range + ".txt"), List.of(
            "= connection",
            "# GetVersion",
            "C 18000000",
            "S c8000000 " + hexLong(version.length()) + " " + Hex.toHex(
                version.getBytes(StandardCharsets.US_ASCII)),
            "# GetResponsibleRange",
            "C 14000000",
            "S c8000000 " + hexLong(range.min()) + " " + hexLong(range.max())));
    }

    static WireTranscript fullRangeHandshake()
    {
        return handshake(HashRange.FULL, "20110401");
    }

    static WireTranscriptPeer peer() throws IOException
    {
        return new WireTranscriptPeer(TIMEOUT);
    }

    static NodeAddress address(final WireTranscriptPeer peer)
    {
        return new NodeAddress("127.0.0.1", peer.port());
    }

    static DhtClient connect(final WireTranscriptPeer... peers)
    {
        final NodeAddress[] nodes = new NodeAddress[peers.length];
        for (int i = 0; i < peers.length; i++)
        {
            nodes[i] = address(peers[i]);
        }
        // The transcripts hold the legacy client's exact requests: a miss is not followed by a range question.
        return DhtClient.connect(List.of(nodes), new DhtClientContext().readTimeout(TIMEOUT).followMoves(false));
    }

    private static String hexLong(final long value)
    {
        return Hex.toHex(
            ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }
}
