package org.swarmjvm.protocol.dht.client;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder;
import org.swarmjvm.protocol.fixtures.DhtMatchers;
import org.swarmjvm.protocol.fixtures.WireTranscript;
import org.swarmjvm.protocol.fixtures.WireTranscriptPeer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.TIMEOUT;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.connect;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.fullRangeHandshake;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.peer;
import static org.swarmjvm.protocol.dht.client.ScriptedNodes.transcript;

class DhtClientCommandsTest
{
    @Test
    void shouldDeliverOnlyMatchingValuesWhenGettingAllFiltered() throws Exception
    {
        final WireTranscript filter = transcript("getallfilter.txt");
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake())
                .script(filter, WireTranscriptPeer.withoutLines(filter, 28, 31)).start();
            DhtClient client = connect(node))
        {
            final Map<Long, String> matches = new HashMap<>();
            client.getAllFilter("fx_bulk", bytes("record-0004"), (key, value) -> matches.put(key, text(value)));
            final List<Long> upperCase = new ArrayList<>();
            client.getAllFilter("fx_bulk", bytes("RECORD"), (key, value) -> upperCase.add(key));
            client.getAllFilter("fx_bulk", bytes("0000000000000002"), (key, value) -> upperCase.add(key));
            node.awaitFinished(TIMEOUT);

            assertEquals(10, matches.size());
            for (int i = 40; i < 50; i++)
            {
                assertEquals(String.format("record-%05d", i) + ".".repeat(i % 50), matches.get(2L * i));
            }
            assertTrue(upperCase.isEmpty());
        }
    }

    @Test
    void shouldStoreRecordsInOneBatchWhenPuttingABatch() throws Exception
    {
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake()).script(transcript("putbatch.txt"))
                .requestMatcher(DhtMatchers.putBatchRequests()).start();
            DhtClient client = connect(node))
        {
            final NodeAddress only = client.nodes().get(0);
            client.putBatch(only, "fx_putbatch", List.of(
                new DhtRecord(0x2, bytes("two")),
                new DhtRecord(0xa, bytes("ten (upper-case key)")),
                new DhtRecord(0x4, bytes("four"))));
            final Map<Long, String> records = new HashMap<>();
            client.getAll("fx_putbatch", (key, value) -> records.put(key, text(value)));
            client.putBatch(only, "fx_putbatch", List.of());
            client.removeChannel("fx_putbatch");
            node.awaitFinished(TIMEOUT);

            assertEquals(Map.of(2L, "two", 0xaL, "ten (upper-case key)", 4L, "four"), records);
        }
    }

    @Test
    void shouldSendTheNewRangeAndTargetsWhenRedistributing() throws Exception
    {
        final WireTranscript redistribute = transcript("redistribute.txt");
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake())
                .script(redistribute, lines(redistribute, 2, 2, 34, 41)).start();
            DhtClient client = connect(node))
        {
            final NodeAddress only = client.nodes().get(0);
            client.redistribute(only, new HashRange(0, 0x3fffffffffffffffL), List.of(
                new RedistributeRequestDecoder.Target("127.0.0.1", 10030,
                    new HashRange(0x4000000000000000L, 0x7fffffffffffffffL))));
            final Map<NodeAddress, HashRange> ranges = client.getResponsibleRange();
            node.awaitFinished(TIMEOUT);

            assertEquals(Map.of(only, new HashRange(0, 0x3fffffffffffffffL)), ranges);
        }
    }

    @Test
    void shouldReportTheVersionOfEveryNode() throws Exception
    {
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake()).script(transcript("getversion.txt"))
                .start();
            DhtClient client = connect(node))
        {
            final Map<NodeAddress, String> versions = client.getVersion();
            node.awaitFinished(TIMEOUT);

            assertEquals(Map.of(client.nodes().get(0), "20110401"), versions);
        }
    }

    @Test
    void shouldReportConnectionCountsOfEveryNode() throws Exception
    {
        final WireTranscript counts = transcript("getnumconnections.txt");
        try (WireTranscriptPeer node = peer().script(fullRangeHandshake())
                .script(counts, lines(counts, 2, 2, 5, 8, 13, 17)).start();
            DhtClient client = connect(node))
        {
            final List<NumConnections> first = client.getNumConnections();
            final List<NumConnections> second = client.getNumConnections();
            node.awaitFinished(TIMEOUT);

            assertEquals(List.of(new NumConnections(client.nodes().get(0), "127.0.0.1", 10000, 3)), first);
            assertEquals(1, second.get(0).connections());
        }
    }

    private static List<WireTranscript.Step> lines(final WireTranscript transcript, final int... ranges)
    {
        final List<WireTranscript.Step> steps = new ArrayList<>();
        for (final WireTranscript.Step step : transcript.clientSteps())
        {
            for (int i = 0; i < ranges.length; i += 2)
            {
                if (step.line() >= ranges[i] && step.line() <= ranges[i + 1])
                {
                    steps.add(step);
                }
            }
        }
        return steps;
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
