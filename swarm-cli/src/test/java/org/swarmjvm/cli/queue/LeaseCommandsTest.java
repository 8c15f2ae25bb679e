package org.swarmjvm.cli.queue;

import org.junit.jupiter.api.AfterEach;
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

    private Path credentials;
    private NodeSet<QueueNode> nodes;
    private String legacy;
    private String neo;

    @AfterEach
    void stop()
    {
        if (null != nodes)
        {
            nodes.close();
        }
    }

    @Test
    void shouldTakeAckAndNackRecordsByLease() throws Exception
    {
        launch(5);
        assertOk(CliRun.run("queue", "push", "--node", legacy, "jobs", "first job"));
        assertOk(CliRun.run("queue", "push", "--node", legacy, "jobs", "second"));

        final Matcher first = taken("jobs", "--lease", "1m");
        assertEquals("1 first job", first.group(2) + " " + first.group(3));
        assertEquals("", assertOk(lease("ack", "jobs", first.group(1))).out());
        final CliRun again = lease("ack", "jobs", first.group(1));
        assertEquals(ExitCode.NOT_FOUND, again.exitCode(), "an acked lease is over: " + again);

        final Matcher second = taken("jobs");
        assertEquals("1 second", second.group(2) + " " + second.group(3));
        assertOk(lease("nack", "jobs", second.group(1)));
        final CliRun json = assertOk(neo("take", "jobs", "--json"));
        assertTrue(json.out().matches("\\{\"channel\":\"jobs\",\"lease\":[0-9]+,\"deliveries\":2," +
            "\"value\":\"second\"}\n"), "given back, then taken a second time: " + json.out());

        final CliRun empty = neo("take", "jobs");
        assertEquals(ExitCode.NOT_FOUND, empty.exitCode(), empty::toString);
        assertEquals("", empty.out() + empty.err(), "no ready record prints nothing");
    }

    @Test
    void shouldListThenDrainTheDeadLetterChannel() throws Exception
    {
        launch(1);
        for (final String value : new String[] {"bad one", "bad two"})
        {
            assertOk(CliRun.run("queue", "push", "--node", legacy, "jobs", value));
            assertOk(lease("nack", "jobs", taken("jobs").group(1)));
        }
        assertEquals(ExitCode.NOT_FOUND, dead("other", "--drain").exitCode(),
            "no dead-letter channel of another channel");

        assertEquals("bad one\nbad two\n", assertOk(dead("jobs")).out());
        assertEquals("bad one\nbad two\n", assertOk(dead("jobs")).out(),
            "listed, the records stay in their order");
        assertEquals("bad one\nbad two\n", assertOk(dead("jobs", "--drain")).out());
        assertEquals(ExitCode.NOT_FOUND, dead("jobs").exitCode(), "drained");
        assertEquals(ExitCode.NOT_FOUND, neo("take", "jobs").exitCode(),
            "dead-lettered, not ready in the channel");
    }

    @Test
    void shouldPrintReadyLeasedAndDeadCountsFromTheMetricsPort() throws Exception
    {
        launch(1);
        final String metrics = "127.0.0.1:" + nodes.get(0).metricsPort();
        for (final String value : new String[] {"held", "failed", "waiting", "also waiting"})
        {
            assertOk(CliRun.run("queue", "push", "--node", legacy, "jobs", value));
        }
        taken("jobs", "--lease", "1m");
        assertOk(lease("nack", "jobs", taken("jobs").group(1)));

        assertEquals("ready 2\nleased 1\ndead 1\nredelivered 0\ndead_lettered 1\n",
            assertOk(CliRun.run("queue", "stats", "--node", metrics, "jobs")).out());
        assertEquals("{\"channel\":\"jobs\",\"ready\":2,\"leased\":1,\"dead\":1,\"redelivered\":0," +
            "\"dead_lettered\":1}\n", assertOk(CliRun.run("queue", "stats", "--json", "--node", metrics,
            "jobs")).out());
        assertEquals("ready 0\nleased 0\ndead 0\nredelivered 0\ndead_lettered 0\n",
            assertOk(CliRun.run("queue", "stats", "--node", metrics, "never-used")).out());
    }

    @Test
    void shouldRefuseBadArgumentsBeforeConnecting() throws Exception
    {
        writeCredentials();
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

    /**
     * Starts the node and sets the fields the helpers use.
     */
    private void launch(final int maxDeliveries) throws Exception
    {
        writeCredentials();
        nodes = QueueTestNodes.launchNeo(tempDir, credentials, maxDeliveries);
        legacy = "127.0.0.1:" + nodes.get(0).port();
        neo = nodes.node(0);
    }

    private void writeCredentials() throws Exception
    {
        credentials = Files.writeString(tempDir.resolve("credentials"), "ops:" + "0".repeat(256) + "\n");
    }

    private Matcher taken(final String channel, final String... options)
    {
        final CliRun run = assertOk(neo("take", channel, options));
        final Matcher matcher = TAKEN.matcher(run.out());
        assertTrue(matcher.matches(), "LEASE DELIVERIES VALUE: " + run.out());
        return matcher;
    }

    private CliRun lease(final String command, final String channel, final String leaseId)
    {
        return neo(command, channel, leaseId);
    }

    private CliRun dead(final String channel, final String... options)
    {
        return neo("dead", channel, options);
    }

    /**
     * Runs {@code swarm queue COMMAND --node NEO --credentials FILE CHANNEL ARGS...}.
     */
    private CliRun neo(final String command, final String channel, final String... args)
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
