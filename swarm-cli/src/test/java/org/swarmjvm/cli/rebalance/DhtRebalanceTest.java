package org.swarmjvm.cli.rebalance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.cli.CliRun;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.TestPorts;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.client.NodesFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code swarm dht rebalance} against DHT nodes in this JVM: the plan, the dry run, adding and removing a node,
 * finishing an interrupted rebalance, and the refusals that change nothing.
 */
@Timeout(120)
class DhtRebalanceTest
{
    private static final String CHANNEL = "records";
    private static final int RECORDS = 3_000;

    @TempDir
    Path tempDir;

    @Test
    void shouldPrintThePlanAndChangeNothingWithoutApply() throws IOException
    {
        try (DhtTestNodes nodes = threeAndOneEmpty())
        {
            final Path file = nodes.nodesFile("dht.nodes", 0, 1, 2);
            final List<Long> keys = load(file);
            final Map<NodeAddress, NodeState> before = nodes.states();
            for (final String mode : new String[]{"--dry-run", "--max-rate=1000/s"})
            {
                final CliRun run = CliRun.run("dht", "rebalance", "--nodes", file.toString(), "--add", nodes.node(3),
                    mode);
                assertEquals(ExitCode.OK, run.exitCode(), run::toString);
                assertTrue(run.out().contains(
                    "node " + nodes.node(3) + " " + HashRange.EMPTY + " records 0 bytes 0 -> 0x"), run::toString);
                assertTrue(run.out().contains(" to " + nodes.node(3) + ": ~"), run::toString);
                assertTrue(run.out().contains("dry run: nothing changed"), run::toString);
                assertEquals(before, nodes.states(), "a plan changes nothing");
            }
            final CliRun timed = CliRun.run("dht", "rebalance", "--nodes", file.toString(), "--add", nodes.node(3),
                "--max-rate", "100/s");
            // 3 000 records in thirds, a fourth node slotted in between two: a third of them move, ~1 000 at 100/s.
            assertTrue(timed.out().contains("plan: ~999 of 3000 records"), timed::toString);
            assertTrue(timed.out().contains("about 10 s at 100 records/s"), timed::toString);
            assertReadable(file, keys);
        }
    }

    @Test
    void shouldAddANodeThenRemoveOneWithEveryRecordOnItsOwner() throws IOException, InterruptedException
    {
        try (DhtTestNodes nodes = threeAndOneEmpty();
            RangePoller poller = RangePoller.start(List.of(nodes.address(0), nodes.address(1), nodes.address(2),
                nodes.address(3))))
        {
            final Path file = nodes.nodesFile("dht.nodes", 0, 1, 2);
            final List<Long> keys = load(file);
            final Path grown = tempDir.resolve("grown.nodes");
            final CliRun add = CliRun.run("dht", "rebalance", "--nodes", file.toString(), "--add", nodes.node(3),
                "--apply", "--step-records", "200", "--write-nodes-file", grown.toString());
            assertEquals(ExitCode.OK, add.exitCode(), add::toString);
            assertTrue(add.out().contains("verify: records before 3000, after 3000: unchanged"), add::toString);
            assertEquals(4, NodesFile.parse(grown).size());
            final List<HashRange> quarters = DhtTestNodes.equalRanges(4);
            final Map<NodeAddress, NodeState> added = nodes.states();
            assertEquals(List.of(quarters.get(0), quarters.get(1), quarters.get(3), quarters.get(2)),
                ranges(added.values()), "the new node takes the third quarter, where the fewest records move");
            assertReadable(grown, keys);

            final Path shrunk = tempDir.resolve("shrunk.nodes");
            final CliRun remove = CliRun.run("dht", "rebalance", "--nodes", grown.toString(), "--remove",
                nodes.node(0), "--apply", "--step-records", "200", "--write-nodes-file", shrunk.toString());
            assertEquals(ExitCode.OK, remove.exitCode(), remove::toString);
            final Map<NodeAddress, NodeState> removed = nodes.states();
            assertEquals(new NodeState(nodes.address(0), HashRange.EMPTY, 0, 0), removed.get(nodes.address(0)));
            assertEquals(RECORDS, removed.values().stream().mapToLong(NodeState::records).sum());
            assertEquals(List.of(nodes.address(1), nodes.address(3), nodes.address(2)), NodesFile.parse(shrunk));
            assertReadable(shrunk, keys);
            poller.stop();
            assertEquals(List.of(), poller.gaps(), poller::figures);
            assertEquals(List.of(), poller.overlaps(), poller::figures);
        }
    }

    @Test
    void shouldStopBetweenStepsWithoutOverlapAndFinishWhenRunAgain() throws IOException
    {
        try (DhtTestNodes nodes = threeAndOneEmpty())
        {
            final Path file = nodes.nodesFile("dht.nodes", 0, 1, 2);
            load(file);
            final ClusterChange change = ClusterChange.adding(nodes.address(3));
            final RuntimeException stop = assertThrows(IllegalStateException.class, () -> Rebalance.apply(
                NodesFile.parse(file), change, Rebalance.Settings.DEFAULT.withStepRecords(200), stopAfter(3)));
            assertEquals("stopped", stop.getMessage());
            final List<HashRange> halfway = ranges(nodes.states().values());
            assertTrue(new RangePoller(List.of()).check(Map.of(nodes.address(0), halfway.get(0), nodes.address(1),
                halfway.get(1), nodes.address(2), halfway.get(2), nodes.address(3), halfway.get(3))),
                () -> "after the third giver's answer, every hash has one owner: " + halfway);

            final CliRun again = CliRun.run("dht", "rebalance", "--nodes", file.toString(), "--add", nodes.node(3),
                "--apply", "--step-records", "200");
            assertEquals(ExitCode.OK, again.exitCode(), again::toString);
            final List<HashRange> quarters = DhtTestNodes.equalRanges(4);
            assertEquals(List.of(quarters.get(0), quarters.get(1), quarters.get(3), quarters.get(2)),
                ranges(nodes.states().values()));
        }
    }

    @Test
    void shouldFinishAnInterruptedReceiverFirstRebalanceWhenRunAgain() throws IOException
    {
        try (DhtTestNodes nodes = threeAndOneEmpty())
        {
            final Path file = nodes.nodesFile("dht.nodes", 0, 1, 2);
            final List<Long> keys = load(file);
            final ClusterChange change = ClusterChange.adding(nodes.address(3));
            final Rebalance.Settings settings = Rebalance.Settings.DEFAULT.withStepRecords(200)
                .withReceiverFirst(true);
            // Stopped after the third step's receiver took its grown range, before its giver shrank: the worst
            // moment of the receiver-first order, two nodes announcing the same sub-range.
            final RuntimeException stop = assertThrows(IllegalStateException.class, () -> Rebalance.apply(
                NodesFile.parse(file), change, settings, stopAfter(5)));
            assertEquals("stopped", stop.getMessage());
            final List<HashRange> halfway = ranges(nodes.states().values());
            assertTrue(halfway.get(3).overlaps(halfway.get(0)) || halfway.get(3).overlaps(halfway.get(1)),
                () -> "the new node shares a sub-range with its giver: " + halfway);
            assertEquals(RECORDS, nodes.states().values().stream().mapToLong(NodeState::records).sum());

            final Path grown = tempDir.resolve("grown.nodes");
            final CliRun again = CliRun.run("dht", "rebalance", "--nodes", file.toString(), "--add", nodes.node(3),
                "--apply", "--step-records", "200", "--receiver-first", "--write-nodes-file", grown.toString());
            assertEquals(ExitCode.OK, again.exitCode(), again::toString);
            final List<HashRange> quarters = DhtTestNodes.equalRanges(4);
            assertEquals(List.of(quarters.get(0), quarters.get(1), quarters.get(3), quarters.get(2)),
                ranges(nodes.states().values()));
            assertReadable(grown, keys);
        }
    }

    @Test
    void shouldRefuseBadInputAndChangeNothing() throws IOException
    {
        try (DhtTestNodes nodes = threeAndOneEmpty())
        {
            final Path file = nodes.nodesFile("dht.nodes", 0, 1, 2);
            load(file);
            final Map<NodeAddress, NodeState> before = nodes.states();
            final String down = "127.0.0.1:" + TestPorts.closedPort();

            final CliRun unknown = CliRun.run("dht", "rebalance", "--nodes", file.toString(), "--remove", down,
                "--apply");
            assertEquals(ExitCode.USAGE, unknown.exitCode(), unknown::toString);
            assertEquals("swarm: --remove " + down + ": not in the nodes file\n", unknown.err());

            final CliRun twice = CliRun.run("dht", "rebalance", "--nodes", file.toString(), "--add", nodes.node(1),
                "--apply");
            assertEquals(ExitCode.USAGE, twice.exitCode(), twice::toString);

            final CliRun rate = CliRun.run("dht", "rebalance", "--nodes", file.toString(), "--add", nodes.node(3),
                "--max-rate", "fast", "--apply");
            assertEquals(ExitCode.USAGE, rate.exitCode(), rate::toString);

            final CliRun unreachable = CliRun.run("dht", "rebalance", "--nodes", file.toString(), "--add", down,
                "--apply", "--timeout", "5");
            assertEquals(ExitCode.UNREACHABLE, unreachable.exitCode(), unreachable::toString);
            assertTrue(unreachable.err().startsWith("swarm: node " + down + " cannot be asked: "),
                unreachable::toString);
            assertEquals("", unreachable.out(), "nothing planned, nothing moved");
            assertEquals(before, nodes.states());
        }
        try (DhtTestNodes nodes = new DhtTestNodes(tempDir.resolve("full"),
            List.of(HashRange.FULL, HashRange.FULL)))
        {
            final CliRun foreign = CliRun.run("dht", "rebalance", "--nodes",
                nodes.nodesFile("one.nodes", 0).toString(), "--add", nodes.node(1), "--apply");
            assertEquals(ExitCode.WRONG_NODE, foreign.exitCode(), foreign::toString);
            assertTrue(foreign.err().contains("a new node must start with the empty range"), foreign::toString);
            assertEquals(HashRange.FULL, nodes.states().get(nodes.address(0)).range());
        }
    }

    /** @return a listener that stops the rebalance once nodes answered that many Redistribute requests. */
    private static Rebalance.Listener stopAfter(final int answers)
    {
        final int[] answered = {0};
        return new Rebalance.Listener()
        {
            @Override
            public void onRangeChanged(final NodeAddress node, final HashRange newRange)
            {
                if (++answered[0] == answers)
                {
                    throw new IllegalStateException("stopped");
                }
            }
        };
    }

    private DhtTestNodes threeAndOneEmpty()
    {
        final List<HashRange> ranges = new ArrayList<>(DhtTestNodes.equalRanges(3));
        ranges.add(HashRange.EMPTY);
        return new DhtTestNodes(tempDir, ranges);
    }

    private static List<Long> load(final Path nodesFile)
    {
        final SplittableRandom random = new SplittableRandom(18);
        final List<Long> keys = new ArrayList<>();
        try (DhtClient client = DhtTestNodes.client(nodesFile))
        {
            for (int i = 0; i < RECORDS; i++)
            {
                final long key = random.nextLong();
                client.put(CHANNEL, key, value(key));
                keys.add(key);
            }
        }
        return keys;
    }

    private static void assertReadable(final Path nodesFile, final List<Long> keys)
    {
        try (DhtClient client = DhtTestNodes.client(nodesFile))
        {
            for (final long key : keys)
            {
                assertArrayEquals(value(key), client.get(CHANNEL, key), () -> "record " + Long.toHexString(key));
            }
        }
    }

    private static byte[] value(final long key)
    {
        return ("value of " + Long.toHexString(key)).getBytes(StandardCharsets.US_ASCII);
    }

    private static List<HashRange> ranges(final Collection<NodeState> states)
    {
        return states.stream().map(NodeState::range).toList();
    }
}
