package org.swarmjvm.protocol.logfiles.client;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.fixtures.Fixtures;
import org.swarmjvm.protocol.fixtures.WireTranscript;
import org.swarmjvm.protocol.fixtures.WireTranscriptPeer;
import org.swarmjvm.protocol.logfiles.FilterMode;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against the original node's recorded answers: each test makes the calls the capture's client made,
 * and the scripted peer checks every request byte for byte and answers with the original's bytes (LZO batches of
 * liblzo2 included).
 */
class LogfilesClientTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long BULK_BASE = 0x60000000L;

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The value of a record of the captures' channel fx_bulk. */
    private static String bulkValue(final long key)
    {
        final int i = (int)((key - BULK_BASE) / 16);
        return String.format("record-%05d", i) + ".".repeat(i % 50);
    }

    private static WireTranscript transcript(final String name)
    {
        return WireTranscript.parse(Fixtures.path("wire/logfiles/" + name));
    }

    private static WireTranscriptPeer peer(final WireTranscript transcript) throws IOException
    {
        return new WireTranscriptPeer(TIMEOUT).script(transcript).start();
    }

    @Test
    void shouldTimeOutWhenTheNodeDoesNotAnswer() throws Exception
    {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            try (LogfilesClient client = new LogfilesClient(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()), Duration.ofMillis(200)))
            {
                final long start = System.nanoTime();
                assertThrows(SocketTimeoutException.class, client::getVersion);
                assertTrue(System.nanoTime() - start < TIMEOUT.toNanos(), "gave up long before the test's timeout");
            }
        }
    }

    @Test
    void shouldReadVersionWhenReplayingGetVersion() throws Exception
    {
        try (WireTranscriptPeer peer = peer(transcript("getversion.txt")))
        {
            try (LogfilesClient client = new LogfilesClient(peer.address()))
            {
                assertEquals("20110401", client.getVersion());
            }
            peer.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldReadAddressPortAndCountWhenReplayingGetNumConnections() throws Exception
    {
        final WireTranscript transcript = transcript("getnumconnections.txt");
        // The capture opened an idle first connection; this client opens only the one it asks on.
        try (WireTranscriptPeer peer =
            new WireTranscriptPeer(TIMEOUT).script(transcript, WireTranscriptPeer.withoutLines(transcript, 2, 2))
                .start())
        {
            try (LogfilesClient client = new LogfilesClient(peer.address()))
            {
                assertEquals(new LogfilesClient.NodeConnections("0.0.0.0", 10000, 2), client.getNumConnections());
            }
            peer.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldDecodeOriginalBatchesWhenReplayingGetRange() throws Exception
    {
        try (WireTranscriptPeer peer = peer(transcript("getrange.txt")))
        {
            try (LogfilesClient client = new LogfilesClient(peer.address()))
            {
                final List<Long> keys = new ArrayList<>();
                final LogfilesClient.RecordHandler handler = (key, buffer, offset, length) ->
                {
                    assertEquals(bulkValue(key), buffer.getStringWithoutLengthAscii(offset, length));
                    keys.add(key);
                };
                assertEquals(SwarmStatus.OK, client.getRange("fx_bulk", 0x60000ff0L, 0x60001010L, handler));
                assertEquals(List.of(0x60000ff0L, 0x60001000L, 0x60001010L), keys);
                keys.clear();
                assertEquals(SwarmStatus.OK, client.getRange("fx_bulk", 0x60000005L, 0x60000005L, handler));
                assertEquals(SwarmStatus.OK, client.getRange("fx_bulk", 0x60001010L, 0x60000ff0L, handler));
                assertEquals(SwarmStatus.OK, client.getRange("fx_missing", 0x60000000L, 0x60000064L, handler));
                assertEquals(List.of(), keys);
                assertEquals(SwarmStatus.BAD_CHANNEL_NAME,
                    client.getRange("bad name", 0x60000000L, 0x60000064L, handler));
                assertEquals(SwarmStatus.OK, client.getRange("fx_missing", "hello", "world", handler));
                assertThrows(EOFException.class, () -> client.getRange("fx_bulk", "hello", "world", handler));
            }
            peer.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldFilterByModeWhenReplayingGetRangeRegex() throws Exception
    {
        try (WireTranscriptPeer peer = peer(transcript("getrangeregex.txt")))
        {
            try (LogfilesClient client = new LogfilesClient(peer.address()))
            {
                final List<Long> keys = new ArrayList<>();
                final LogfilesClient.RecordHandler handler = (key, buffer, offset, length) ->
                {
                    assertEquals(bulkValue(key), buffer.getStringWithoutLengthAscii(offset, length));
                    keys.add(key);
                };
                final long lower = 0x60000000L;
                final long upper = 0x600003ffL;
                assertEquals(SwarmStatus.OK, client.getRangeRegex(
                    "fx_bulk", lower, upper, FilterMode.STRING_MATCH, ascii("record-0001"), handler));
                assertEquals(10, keys.size());
                keys.clear();
                assertEquals(SwarmStatus.OK, client.getRangeRegex(
                    "fx_bulk", lower, upper, FilterMode.PCRE, ascii("^record-000[0-3]\\.{3}$"), handler));
                assertEquals(SwarmStatus.OK, client.getRangeRegex(
                    "fx_bulk", lower, upper, FilterMode.PCRE, ascii("RECORD-0001[0-5]"), handler));
                assertEquals(0, keys.size());
                assertEquals(SwarmStatus.OK, client.getRangeRegex(
                    "fx_bulk", lower, upper, FilterMode.PCRE_CASE_INSENSITIVE, ascii("RECORD-0001[0-5]"), handler));
                assertEquals(6, keys.size());
                assertEquals(SwarmStatus.ERROR,
                    client.getRangeRegex("fx_bulk", lower, upper, FilterMode.PCRE, ascii("("), handler));
                assertEquals(SwarmStatus.BAD_CHANNEL_NAME,
                    client.getRangeRegex("bad name", lower, upper, FilterMode.PCRE, ascii("x"), handler));
            }
            peer.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldListChannelsWhenReplayingGetChannels() throws Exception
    {
        try (WireTranscriptPeer peer = peer(transcript("getchannels.txt")))
        {
            try (LogfilesClient client = new LogfilesClient(peer.address()))
            {
                assertEquals(SwarmStatus.OK, client.put("fx_ch_a", 0x60000000L, ascii("1")));
                assertEquals(SwarmStatus.OK, client.put("fx_ch_b", 0x60000000L, ascii("1")));
                final List<String> names = new ArrayList<>();
                assertEquals(SwarmStatus.OK, client.getChannels(names::add));
                assertEquals(List.of("fx_bulk", "fx_ch_a", "fx_ch_b"), names);
                assertEquals(SwarmStatus.OK, client.removeChannel("fx_ch_a"));
                assertEquals(SwarmStatus.OK, client.removeChannel("fx_ch_b"));
            }
            peer.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldReportStatusesWhenReplayingRemoveChannel() throws Exception
    {
        try (WireTranscriptPeer peer = peer(transcript("removechannel.txt")))
        {
            try (LogfilesClient client = new LogfilesClient(peer.address()))
            {
                assertEquals(SwarmStatus.OK, client.put("fx_rm", 0x60000000L, ascii("x")));
                assertEquals(SwarmStatus.OK, client.removeChannel("fx_rm"));
                final List<Long> keys = new ArrayList<>();
                assertEquals(SwarmStatus.OK, client.getAll("fx_rm", (key, buffer, offset, length) -> keys.add(key)));
                assertEquals(List.of(), keys);
                assertEquals(SwarmStatus.OK, client.removeChannel("fx_rm"));
                assertEquals(SwarmStatus.BAD_CHANNEL_NAME, client.removeChannel("bad name"));
            }
            peer.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldFilterBySubstringWhenReplayingGetAllFilter() throws Exception
    {
        try (WireTranscriptPeer peer = peer(transcript("getallfilter.txt")))
        {
            try (LogfilesClient client = new LogfilesClient(peer.address()))
            {
                final List<Long> keys = new ArrayList<>();
                final LogfilesClient.RecordHandler handler = (key, buffer, offset, length) ->
                {
                    assertEquals(bulkValue(key), buffer.getStringWithoutLengthAscii(offset, length));
                    keys.add(key);
                };
                assertEquals(SwarmStatus.OK, client.getAllFilter("fx_bulk", ascii("record-0004"), handler));
                assertEquals(10, keys.size());
                assertEquals(SwarmStatus.OK, client.getAllFilter("fx_bulk", ascii("RECORD"), handler));
                assertEquals(10, keys.size());
                assertEquals(SwarmStatus.BAD_CHANNEL_NAME, client.getAllFilter("bad name", ascii("x"), handler));
            }
            peer.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void shouldReadEveryBatchWhenReplayingSeveralBatches() throws Exception
    {
        try (WireTranscriptPeer peer = peer(transcript("getall-several-batches.txt")))
        {
            try (LogfilesClient client = new LogfilesClient(peer.address()))
            {
                final List<Long> keys = new ArrayList<>();
                assertEquals(SwarmStatus.OK, client.getAll("fx_bulk", (key, buffer, offset, length) ->
                {
                    assertEquals(bulkValue(key), buffer.getStringWithoutLengthAscii(offset, length));
                    keys.add(key);
                }));
                assertEquals(3000, keys.size());
                for (int i = 0; i < keys.size(); i++)
                {
                    assertEquals(BULK_BASE + 16L * i, keys.get(i));
                }
            }
            peer.awaitFinished(TIMEOUT);
        }
    }
}
