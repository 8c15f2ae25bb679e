package org.swarmjvm.cli.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.cli.CliRun;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.NodeSet;
import org.swarmjvm.logfiles.node.LogfilesNode;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.client.NodesFile;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code swarm logs rebalance} on logfiles nodes in this JVM: two nodes with records, a third added, then one
 * removed; every record readable once over the cluster, by GetAll and by GetRange, counts unchanged.
 */
@Timeout(120)
class LogsRebalanceTest
{
    private static final String CHANNEL = "log";
    private static final int RECORDS = 2_000;
    private static final long FIRST_KEY = 0x57000000L;

    @TempDir
    Path tempDir;

    @Test
    void shouldAddANodeThenRemoveOneWithNothingLost() throws IOException
    {
        try (NodeSet<LogfilesNode> nodes = LogsTestNodes.launch(tempDir, 3))
        {
            final Path two = Files.writeString(tempDir.resolve("two.nodes"), nodes.node(0) + "\n" + nodes.node(1) +
                "\n");
            final Map<Long, String> records = new HashMap<>();
            for (int i = 0; i < RECORDS; i++)
            {
                // 16 records per bucket (0x1000 keys), so each node holds some 60 buckets to pick from.
                final long key = FIRST_KEY + i * 0x100L;
                records.put(key, "record " + i);
                try (LogfilesClient client = client(nodes, i % 2))
                {
                    assertEquals(SwarmStatus.OK, client.put(CHANNEL, key, records.get(key).getBytes(
                        StandardCharsets.US_ASCII)));
                }
            }

            final CliRun dry = CliRun.run("logs", "rebalance", "--nodes", two.toString(), "--add", nodes.node(2));
            assertEquals(ExitCode.OK, dry.exitCode(), dry::toString);
            assertTrue(dry.out().contains("node " + nodes.node(2) + " records 0 bytes 0 -> ~666 records"),
                dry::toString);
            assertTrue(dry.out().contains("dry run: nothing changed"), dry::toString);
            assertEquals(List.of(1000, 1000, 0), counts(nodes));

            final Path three = tempDir.resolve("three.nodes");
            final CliRun add = CliRun.run("logs", "rebalance", "--nodes", two.toString(), "--add", nodes.node(2),
                "--apply", "--write-nodes-file", three.toString());
            assertEquals(ExitCode.OK, add.exitCode(), add::toString);
            assertTrue(add.out().contains("records before 2000, after 2000: unchanged"), add::toString);
            assertEquals(3, NodesFile.parse(three).size());
            final List<Integer> spread = counts(nodes);
            assertTrue(spread.get(2) > 0, () -> "the new node holds records: " + spread);
            assertEveryRecordOnce(nodes, records);

            final CliRun remove = CliRun.run("logs", "rebalance", "--nodes", three.toString(), "--remove",
                nodes.node(0), "--apply");
            assertEquals(ExitCode.OK, remove.exitCode(), remove::toString);
            assertEquals(0, counts(nodes).get(0), "the removed node holds nothing");
            assertEveryRecordOnce(nodes, records);
        }
    }

    private static LogfilesClient client(final NodeSet<LogfilesNode> nodes, final int i) throws IOException
    {
        return new LogfilesClient(new InetSocketAddress("127.0.0.1", nodes.get(i).port()));
    }

    private static List<Integer> counts(final NodeSet<LogfilesNode> nodes) throws IOException
    {
        final List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final int[] count = {0};
            try (LogfilesClient client = client(nodes, i))
            {
                client.getAll(CHANNEL, (key, buffer, offset, length) -> count[0]++);
            }
            counts.add(count[0]);
        }
        return counts;
    }

    /** GetAll and GetRange over every node, as a client of the cluster reads: each record once, as written. */
    private static void assertEveryRecordOnce(final NodeSet<LogfilesNode> nodes, final Map<Long, String> records)
        throws IOException
    {
        final Map<Long, String> all = new HashMap<>();
        final Map<Long, String> ranged = new HashMap<>();
        int allCount = 0;
        int rangedCount = 0;
        for (int i = 0; i < 3; i++)
        {
            final List<Long> keys = new ArrayList<>();
            try (LogfilesClient client = client(nodes, i))
            {
                client.getAll(CHANNEL, (key, buffer, offset, length) ->
                {
                    keys.add(key);
                    all.put(key, buffer.getStringWithoutLengthAscii(offset, length));
                });
                allCount += keys.size();
                keys.clear();
                client.getRange(CHANNEL, FIRST_KEY, FIRST_KEY + RECORDS * 0x100L, (key, buffer, offset, length) ->
                {
                    keys.add(key);
                    ranged.put(key, buffer.getStringWithoutLengthAscii(offset, length));
                });
                rangedCount += keys.size();
            }
        }
        assertEquals(RECORDS, allCount, "GetAll over the cluster");
        assertEquals(RECORDS, rangedCount, "GetRange over the cluster");
        assertEquals(records, all);
        assertEquals(records, ranged);
    }
}
