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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.swarmjvm.cli.CliAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code swarm queue} prints and exits with against real queue nodes.
 */
@Timeout(60)
class QueueCommandsTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldPopWhatWasPushedThenExitOneWhenTheQueueIsEmpty()
    {
        try (NodeSet<QueueNode> nodes = QueueTestNodes.launch(tempDir, 1))
        {
            final String node = nodes.node(0);
            assertEquals("", assertOk(CliRun.run("queue", "push", "--node", node, "jobs", "first job")).out());
            assertOk(CliRun.run("queue", "--node", node, "push", "jobs", "second"));

            assertEquals("first job\n", assertOk(CliRun.run("queue", "pop", "--node", node, "jobs")).out());
            assertEquals("second\n", assertOk(CliRun.run("queue", "--node", node, "pop", "jobs")).out());

            final CliRun empty = CliRun.run("queue", "pop", "--node", node, "jobs");
            assertEquals(ExitCode.NOT_FOUND, empty.exitCode(), empty::toString);
            assertEquals("", empty.out() + empty.err(), "an empty queue prints nothing");

            final CliRun never = CliRun.run("queue", "pop", "--node", node, "never-pushed");
            assertEquals(ExitCode.NOT_FOUND, never.exitCode(), never::toString);
            assertEquals("", never.out() + never.err());
        }
    }

    @Test
    void shouldReadValuesAsHexOrFromAFileAndPrintHexOrJson() throws Exception
    {
        try (NodeSet<QueueNode> nodes = QueueTestNodes.launch(tempDir, 1))
        {
            final String node = nodes.node(0);
            final Path file = Files.write(tempDir.resolve("value.bin"), new byte[]{0, 1, (byte)0xfe});
            assertOk(CliRun.run("queue", "push", "--node", node, "--hex", "bin", "00ff41"));
            assertOk(CliRun.run("queue", "push", "--node", node, "--file", "bin", file.toString()));
            assertOk(CliRun.run("queue", "push", "--node", node, "bin", "say \"hi\""));

            assertEquals("00ff41\n", assertOk(CliRun.run("queue", "pop", "--hex", "--node", node, "bin")).out());
            assertEquals("{\"channel\":\"bin\",\"value\":\"0001fe\"}\n",
                assertOk(CliRun.run("queue", "pop", "--json", "--hex", "--node", node, "bin")).out());
            assertEquals("{\"channel\":\"bin\",\"value\":\"say \\\"hi\\\"\"}\n",
                assertOk(CliRun.run("queue", "pop", "--json", "--node", node, "bin")).out());
        }
    }

    @Test
    void shouldPopEveryRecordOnceWhenTwoNodesShareTheQueue()
    {
        try (NodeSet<QueueNode> nodes = QueueTestNodes.launch(tempDir, 2))
        {
            final String file = nodes.nodesFile().toString();
            for (int i = 0; i < 6; i++)
            {
                assertOk(CliRun.run("queue", "push", "--nodes", file, "shared", "r" + i));
            }
            final Set<String> popped = new TreeSet<>();
            for (int i = 0; i < 6; i++)
            {
                popped.add(assertOk(CliRun.run("queue", "--nodes", file, "pop", "shared")).out());
            }
            assertEquals(Set.of("r0\n", "r1\n", "r2\n", "r3\n", "r4\n", "r5\n"), popped);
            assertEquals(ExitCode.NOT_FOUND, CliRun.run("queue", "pop", "--nodes", file, "shared").exitCode());
        }
    }

    @Test
    void shouldConsumeCountRecordsAsTheyArriveFromEveryNode() throws Exception
    {
        try (NodeSet<QueueNode> nodes = QueueTestNodes.launch(tempDir, 2))
        {
            final String file = nodes.nodesFile().toString();
            assertOk(CliRun.run("queue", "push", "--node", nodes.node(0), "events", "before"));
            final CompletableFuture<CliRun> consume = CompletableFuture.supplyAsync(
                () -> CliRun.run("queue", "consume", "--nodes", file, "--count", "3", "events"));
            assertOk(CliRun.run("queue", "push", "--node", nodes.node(1), "events", "on node 1"));
            assertOk(CliRun.run("queue", "push", "--node", nodes.node(0), "events", "on node 0"));

            final CliRun run = assertOk(consume.get(30, TimeUnit.SECONDS));
            assertEquals(Set.of("before", "on node 1", "on node 0"), Set.copyOf(run.out().lines().toList()),
                run::toString);
            assertEquals(3, run.out().lines().count(), run::toString);
        }
    }

    @Test
    void shouldConsumeAsTheDefaultSubscriberAndPrintJson() throws Exception
    {
        try (NodeSet<QueueNode> nodes = QueueTestNodes.launch(tempDir, 1))
        {
            final String node = nodes.node(0);
            assertOk(CliRun.run("queue", "push", "--node", node, "subs", "one"));
            assertOk(CliRun.run("queue", "push", "--node", node, "subs", "two"));
            final CliRun run = assertOk(CliRun.run("queue", "consume", "--node", node, "--json", "--count", "2",
                "@subs"));
            assertEquals("{\"value\":\"one\"}\n{\"value\":\"two\"}\n", run.out());

            final CliRun named = CliRun.run("queue", "consume", "--node", node, "billing@subs");
            assertEquals(ExitCode.USAGE, named.exitCode(), named::toString);
            assertEquals("swarm: \"billing@subs\" names the subscriber \"billing\": the legacy queue protocol " +
                "consumes only as the default subscriber (give @subs or subs); named subscribers need the neo " +
                "protocol\n", named.err());
        }
    }

    @Test
    void shouldEndConsumeWhenTheChannelIsRemoved() throws Exception
    {
        try (NodeSet<QueueNode> nodes = QueueTestNodes.launch(tempDir, 2))
        {
            final String file = nodes.nodesFile().toString();
            assertOk(CliRun.run("queue", "push", "--nodes", file, "doomed", "last words"));
            final CompletableFuture<CliRun> consume = CompletableFuture.supplyAsync(
                () -> CliRun.run("queue", "consume", "--nodes", file, "doomed"));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // Removing the channel before the consume subscribed ends nothing (consume creates it again): repeat.
            while (!consume.isDone())
            {
                assertTrue(System.nanoTime() < deadline, "consume did not end when its channel was removed");
                final CliRun removed = assertOk(CliRun.run("queue", "remove-channel", "--nodes", file, "doomed"));
                assertEquals("removed channel doomed on 2 nodes\n", removed.out());
                try
                {
                    consume.get(200, TimeUnit.MILLISECONDS);
                }
                catch (final TimeoutException ex)
                {
                    // still consuming: remove again
                }
            }
            final CliRun run = assertOk(consume.get());
            assertTrue(Set.of("", "last words\n").contains(run.out()), run::toString);
        }
    }

    @Test
    void shouldRemoveTheChannelsRecords()
    {
        try (NodeSet<QueueNode> nodes = QueueTestNodes.launch(tempDir, 1))
        {
            final String node = nodes.node(0);
            assertOk(CliRun.run("queue", "push", "--node", node, "gone", "x"));
            assertEquals("{\"channel\":\"gone\",\"nodes\":1}\n",
                assertOk(CliRun.run("queue", "remove-channel", "--json", "--node", node, "gone")).out());
            assertEquals(ExitCode.NOT_FOUND, CliRun.run("queue", "pop", "--node", node, "gone").exitCode());
        }
    }

    @Test
    void shouldPrintHelpWhenAskedOnEverySubcommand()
    {
        for (final String command : List.of("push", "pop", "consume", "remove-channel"))
        {
            final CliRun run = CliRun.run("queue", command, "--help");
            assertEquals(ExitCode.OK, run.exitCode(), run::toString);
            assertTrue(run.out().startsWith("Usage: swarm queue " + command + " "), run::toString);
            assertTrue(run.out().contains("--node=HOST:PORT"), run::toString);
            assertTrue(run.out().contains("CHANNEL"), run::toString);
        }
        assertTrue(CliRun.run("queue", "push", "--help").out().contains(" CHANNEL VALUE\n"));
        assertTrue(CliRun.run("queue", "consume", "--help").out().contains("--count=N"));
        final CliRun group = CliRun.run("queue", "--help");
        assertEquals(ExitCode.OK, group.exitCode());
        assertTrue(group.out().contains("consume"), group::toString);
        final CliRun top = CliRun.run("--help");
        assertTrue(top.out().lines().anyMatch(line -> line.trim().startsWith("queue ")), top::toString);
        assertTrue(top.out().contains("empty queue (queue pop)"), top::toString);
    }
}
