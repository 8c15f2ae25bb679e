package org.swarmjvm.protocol.dht.client;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.fixtures.WireTranscript;
import org.swarmjvm.protocol.fixtures.WireTranscriptPeer;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.TIMEOUT;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.address;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.connect;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.handshake;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.peer;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.transcript;

class DhtClientHandshakeTest
{
    private static final HashRange UPPER_HALF = new HashRange(0x8000000000000000L, -1L);

    @Test
    void shouldRouteKeysByBitReversedRangeWhenTwoNodesShareTheHashes() throws Exception
    {
        try (WireTranscriptPeer lower = peer().script(transcript("handshake.txt")).start();
            WireTranscriptPeer upper = peer().script(handshake(UPPER_HALF, "20110401")).start();
            DhtClient client = connect(lower, upper))
        {
            lower.awaitFinished(TIMEOUT);
            upper.awaitFinished(TIMEOUT);

            assertEquals(address(lower), client.nodeFor(0xa));
            assertEquals(address(lower), client.nodeFor(0x2));
            assertEquals(address(upper), client.nodeFor(0x1));
            assertEquals(address(upper), client.nodeFor(0x3));
        }
    }

    @Test
    void shouldRefuseTheNodeWhenItsRangeLeavesAGap() throws Exception
    {
        try (WireTranscriptPeer half = peer().script(transcript("handshake.txt")).start())
        {
            final DhtHandshakeException ex = assertThrows(DhtHandshakeException.class, () -> connect(half));

            assertTrue(ex.getMessage().startsWith("gap: hashes 0x8000000000000000..0xffffffffffffffff"),
                ex.getMessage());
            assertTrue(ex.getMessage().contains(address(half).toString()), ex.getMessage());
        }
    }

    @Test
    void shouldAcceptASingleNodeWithAGapWhenGapsAreAllowed() throws Exception
    {
        try (WireTranscriptPeer half = peer().script(transcript("handshake.txt")).start();
            DhtClient client = DhtClient.connect(List.of(address(half)),
                new DhtClientContext().readTimeout(TIMEOUT).allowRangeGaps(true)))
        {
            half.awaitFinished(TIMEOUT);

            assertEquals(List.of(address(half)), client.nodes());
            assertEquals(address(half), client.nodeFor(0xa));
            final DhtClientException ex = assertThrows(DhtClientException.class, () -> client.nodeFor(0x1));
            assertTrue(ex.getMessage().startsWith("no node is responsible for key 0x1"), ex.getMessage());
        }
    }

    @Test
    void shouldStillRefuseOverlappingNodesWhenGapsAreAllowed() throws Exception
    {
        try (WireTranscriptPeer full = peer().script(handshake(HashRange.FULL, "20110401")).start();
            WireTranscriptPeer upper = peer().script(handshake(UPPER_HALF, "20110401")).start())
        {
            final DhtHandshakeException ex = assertThrows(DhtHandshakeException.class, () -> DhtClient.connect(
                List.of(address(full), address(upper)), new DhtClientContext().allowRangeGaps(true)));

            assertTrue(ex.getMessage().startsWith("overlap: "), ex.getMessage());
        }
    }

    @Test
    void shouldRefuseTheNodesWhenAGapLiesBetweenThem() throws Exception
    {
        try (WireTranscriptPeer lower = peer().script(handshake(new HashRange(0, 0x3fffffffffffffffL), "20110401"))
                .start();
            WireTranscriptPeer upper = peer().script(handshake(UPPER_HALF, "20110401")).start())
        {
            final DhtHandshakeException ex = assertThrows(DhtHandshakeException.class, () -> connect(lower, upper));

            assertTrue(ex.getMessage().startsWith("gap: hashes 0x4000000000000000..0x7fffffffffffffff"),
                ex.getMessage());
            assertTrue(ex.getMessage().contains(address(lower).toString()), ex.getMessage());
            assertTrue(ex.getMessage().contains(address(upper).toString()), ex.getMessage());
        }
    }

    @Test
    void shouldRefuseTheNodesWhenTheirRangesOverlap() throws Exception
    {
        try (WireTranscriptPeer full = peer().script(handshake(HashRange.FULL, "20110401")).start();
            WireTranscriptPeer upper = peer().script(handshake(UPPER_HALF, "20110401")).start())
        {
            final DhtHandshakeException ex = assertThrows(DhtHandshakeException.class, () -> connect(full, upper));

            assertTrue(ex.getMessage().startsWith("overlap: node " + address(full) +
                " 0x0000000000000000..0xffffffffffffffff and node " + address(upper) +
                " 0x8000000000000000..0xffffffffffffffff"), ex.getMessage());
        }
    }

    @Test
    void shouldRefuseTheNodeWhenItsVersionDiffers() throws Exception
    {
        try (WireTranscriptPeer node = peer().script(handshake(HashRange.FULL, "20110402")).start())
        {
            final DhtHandshakeException ex = assertThrows(DhtHandshakeException.class, () -> connect(node));

            assertTrue(ex.getMessage().contains("\"20110402\""), ex.getMessage());
        }
    }

    @Test
    void shouldIgnoreAnEmptyRangeNodeWhenTheOthersCoverEverything() throws Exception
    {
        try (WireTranscriptPeer empty = peer().script(handshake(HashRange.EMPTY, "20110401")).start();
            WireTranscriptPeer full = peer().script(handshake(HashRange.FULL, "20110401")).start();
            DhtClient client = connect(empty, full))
        {
            assertEquals(address(full), client.nodeFor(0));
            assertEquals(address(full), client.nodeFor(-1L));
        }
    }

    @Test
    void shouldFailTheHandshakeAndCloseWhenTheNodeAnswersTheRangeWithError() throws Exception
    {
        try (WireTranscriptPeer node = peer().script(rangeAnswer("f4010000")).start())
        {
            final DhtStatusException ex = assertThrows(DhtStatusException.class, () -> connect(node));

            assertEquals("GetResponsibleRange to " + address(node) + " answered ERROR (500); connection closed",
                ex.getMessage());
            assertTrue(ex.connectionClosed());
            node.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldFailTheHandshakeWhenTheNodeClosesInTheMiddleOfTheRange() throws Exception
    {
        try (WireTranscriptPeer node = peer().script(rangeAnswer("c8000000 00000000")).start())
        {
            final DhtClientException ex = assertThrows(DhtClientException.class, () -> connect(node));

            assertEquals("cannot read from " + address(node) + ": connection closed by the node; connection closed",
                ex.getMessage());
            node.awaitFinished(TIMEOUT);
        }
    }

    /** A node that answers GetVersion, then GetResponsibleRange with the given bytes and closes the connection. */
    private static WireTranscript rangeAnswer(final String answer)
    {
        return WireTranscript.parse(Path.of("range-answer.txt"), List.of(
            "= connection",
            "C 18000000",
            "S c8000000 0800000000000000 3230313130343031",
            "C 14000000",
            "S " + answer,
            "= close"));
    }
}
