package org.swarmjvm.cli.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.cli.CliRun;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.NodeSet;
import org.swarmjvm.queue.node.QueueNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.cli.CliAssertions.assertOk;

/**
 * What {@code swarm queue take|ack|nack|dead} print and exit with against a real queue node's neo port.
 */
@Timeout(60)
class LeaseCommandsTest
{
    private static final Pattern TAKEN = Pattern.compile("([0-9]+) ([0-9]+) (.*)\n");

    @TempDir
    Path tempDir;

    @Test
    void shouldTakeAckAndNackRecordsByLease() throws Exception
    {
        final Path credentials = credentials();
        try (NodeSet<QueueNode> nodes = QueueTestNodes.launchNeo(tempDir, credentials, 5))
        {
            final String legacy = "127.0.0.1:" + nodes.get(0).port();
            final String neo = nodes.node(0);
            assertOk(CliRun.run("queue", "push", "--node", legacy, "jobs", "first job"));
            assertOk(CliRun.run("queue", "push", "--node", legacy, "jobs", "second"));

            final Matcher first = taken(neo, credentials, "jobs", "--lease", "1m");
            assertEquals("1 first job", first.group(2) + " " + first.group(3));
            assertEquals("", assertOk(lease("ack", neo, credentials, "jobs", first.group(1))).out());
            final CliRun again = lease("ack", neo, credentials, "jobs", first.group(1));
            assertEquals(ExitCode.NOT_FOUND, again.exitCode(), "an acked lease is over: " + again);

            final Matcher second = taken(neo, credentials, "jobs");
            assertEquals("1 second", second.group(2) + " " + second.group(3));
            assertOk(lease("nack", neo, credentials, "jobs", second.group(1)));
            final CliRun json = assertOk(neo("take", neo, credentials, "jobs", "--json"));
            assertTrue(json.out().matches("\\{\"channel\":\"jobs\",\"lease\":[0-9]+,\"deliveries\":2," +
                "\"value\":\"second\"}\n"), "given back, then taken a second time: " + json.out());

            final CliRun empty = neo("take", neo, credentials, "jobs");
            assertEquals(ExitCode.NOT_FOUND, empty.exitCode(), empty::toString);
            assertEquals("", empty.out() + empty.err(), "no ready record prints nothing");
        }
    }

    @Test
    void shouldListThenDrainTheDeadLetterChannel() throws Exception
    {
        final Path credentials = credentials();
        try (NodeSet<QueueNode> nodes = QueueTestNodes.launchNeo(tempDir, credentials, 1))
        {
            final String legacy = "127.0.0.1:" + nodes.get(0).port();
            final String neo = nodes.node(0);
            for (final String value : new String[] {"bad one", "bad two"})
            {
                assertOk(CliRun.run("queue", "push", "--node", legacy, "jobs", value));
                assertOk(lease("nack", neo, credentials, "jobs", taken(neo, credentials, "jobs").group(1)));
            }
            assertEquals(ExitCode.NOT_FOUND, dead(neo, credentials, "other", "--drain").exitCode(),
                "no dead-letter channel of another channel");

            assertEquals("bad one\nbad two\n", assertOk(dead(neo, credentials, "jobs")).out());
            assertEquals("bad one\nbad two\n", assertOk(dead(neo, credentials, "jobs")).out(),
                "listed, the records stay in their order");
            assertEquals("bad one\nbad two\n", assertOk(dead(neo, credentials, "jobs", "--drain")).out());
            assertEquals(ExitCode.NOT_FOUND, dead(neo, credentials, "jobs").exitCode(), "drained");
            assertEquals(ExitCode.NOT_FOUND, neo("take", neo, credentials, "jobs").exitCode(),
                "dead-lettered, not ready in the channel");
        }
    }

    @Test
    void shouldPrintReadyLeasedAndDeadCountsFromTheMetricsPort() throws Exception
    {
        final Path credentials = credentials();
        try (NodeSet<QueueNode> nodes = QueueTestNodes.launchNeo(tempDir, credentials, 1))
        {
            final String legacy = "127.0.0.1:" + nodes.get(0).port();
            final String metrics = "127.0.0.1:" + nodes.get(0).metricsPort();
            final String neo = nodes.node(0);
            for (final String value : new String[] {"held", "failed", "waiting", "also waiting"})
            {
                assertOk(CliRun.run("queue", "push", "--node", legacy, "jobs", value));
            }
            taken(neo, credentials, "jobs", "--lease", "1m");
            assertOk(lease("nack", neo, credentials, "jobs", taken(neo, credentials, "jobs").group(1)));

            assertEquals("ready 2\nleased 1\ndead 1\nredelivered 0\ndead_lettered 1\n",
                assertOk(CliRun.run("queue", "stats", "--node", metrics, "jobs")).out());
            assertEquals("{\"channel\":\"jobs\",\"ready\":2,\"leased\":1,\"dead\":1,\"redelivered\":0," +
                "\"dead_lettered\":1}\n", assertOk(CliRun.run("queue", "stats", "--json", "--node", metrics,
                "jobs")).out());
            assertEquals("ready 0\nleased 0\ndead 0\nredelivered 0\ndead_lettered 0\n",
                assertOk(CliRun.run("queue", "stats", "--node", metrics, "never-used")).out());
        }
    }

    @Test
    void shouldRefuseBadArgumentsBeforeConnecting() throws Exception
    {
        final Path credentials = credentials();
        assertRefused(ExitCode.USAGE, "--lease 30:", "queue", "take", "--node", "127.0.0.1:1", "--credentials",
            credentials.toString(), "--lease", "30", "jobs");
        assertRefused(ExitCode.USAGE, "not within 1ms to 24h", "queue", "take", "--node", "127.0.0.1:1",
            "--credentials", credentials.toString(), "--lease", "25h", "jobs");
        assertRefused(ExitCode.USAGE, "one node's neo port", "queue", "ack", "--node", "127.0.0.1:1,127.0.0.1:2",
            "--credentials", credentials.toString(), "jobs", "7");
        assertRefused(ExitCode.USAGE, "no client 'nobody'", "queue", "nack", "--node", "127.0.0.1:1",
            "--credentials", credentials.toString(), "--client", "nobody", "jobs", "7");
        assertRefused(ExitCode.UNREACHABLE, "cannot connect", "queue", "take", "--node", "127.0.0.1:1",
            "--credentials", credentials.toString(), "jobs");
    }

    private Path credentials() throws Exception
    {
        return Files.writeString(tempDir.resolve("credentials"), "ops:" + "0".repeat(256) + "\n");
    }

    private static Matcher taken(final String neo, final Path credentials, final String channel,
        final String... options)
    {
        final CliRun run = assertOk(neo("take", neo, credentials, channel, options));
        final Matcher matcher = TAKEN.matcher(run.out());
        assertTrue(matcher.matches(), "LEASE DELIVERIES VALUE: " + run.out());
        return matcher;
    }

    private static CliRun lease(final String command, final String neo, final Path credentials,
        final String channel, final String leaseId)
    {
        return neo(command, neo, credentials, channel, leaseId);
    }

    private static CliRun dead(final String neo, final Path credentials, final String channel,
        final String... options)
    {
        return neo("dead", neo, credentials, channel, options);
    }

    /**
     * Runs {@code swarm queue COMMAND --node NEO --credentials FILE CHANNEL ARGS...}.
     */
    private static CliRun neo(final String command, final String neo, final Path credentials, final String channel,
        final String... args)
    {
        final List<String> line = new ArrayList<>(List.of("queue", command, "--node", neo, "--credentials",
            credentials.toString(), channel));
        line.addAll(List.of(args));
        return CliRun.run(line.toArray(new String[0]));
    }

    private static void assertRefused(final int exitCode, final String message, final String... args)
    {
        final CliRun run = CliRun.run(args);
        assertEquals(exitCode, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertTrue(run.err().contains(message), run::toString);
    }
}
