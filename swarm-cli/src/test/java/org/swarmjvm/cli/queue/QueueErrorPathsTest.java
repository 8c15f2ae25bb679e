package org.swarmjvm.cli.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.TestPorts;

import static org.swarmjvm.cli.CliAssertions.assertFails;
import static org.swarmjvm.cli.CliAssertions.assertUsage;

/**
 * What {@code swarm queue} prints and exits with when things go wrong: one line on stderr, a code to test.
 */
@Timeout(60)
class QueueErrorPathsTest
{
    @Test
    void shouldExitThreeWithOneLineWhenTheConnectionIsRefused()
    {
        final String node = "127.0.0.1:" + TestPorts.closedPort();
        assertFails(ExitCode.UNREACHABLE, "swarm: Push to 'c' failed on all nodes: Connection refused",
            "queue", "push", "--node", node, "c", "v");
        assertFails(ExitCode.UNREACHABLE, "swarm: Pop from 'c' failed on all nodes: Connection refused",
            "queue", "pop", "--node", node, "c");
        assertFails(ExitCode.UNREACHABLE, "swarm: Consume 'c' failed: Connection refused",
            "queue", "consume", "--node", node, "c");
        assertFails(ExitCode.UNREACHABLE, "swarm: RemoveChannel 'c' failed on /" + node + ": Connection refused",
            "queue", "remove-channel", "--node", node, "c");
    }

    @Test
    void shouldExitTwoWhenTheCommandLineIsWrong()
    {
        final String node = "127.0.0.1:1";
        for (final String command : new String[]{"pop", "consume", "remove-channel"})
        {
            assertUsage("bad channel", "\"no way\" is not a valid channel name", "queue", command, "--node", node,
                "no way");
        }
        assertUsage("bad channel", "\"a.b\" is not a valid channel name", "queue", "push", "--node", node, "a.b", "v");
        assertUsage("empty value", "no empty values", "queue", "push", "--node", node, "c", "");
        assertUsage("odd hex", "odd number of digits", "queue", "push", "--hex", "--node", node, "c", "abc");
        assertUsage("hex and file", "either --hex or --file", "queue", "push", "--hex", "--file", "--node", node, "c",
            "00");
        assertUsage("bad count", "--count must be at least 1", "queue", "consume", "--count", "0", "--node", node,
            "c");
        assertUsage("no nodes", "no nodes: give --nodes FILE or --node HOST:PORT", "queue", "pop", "c");
        assertUsage("missing value", "Missing required parameter", "queue", "push", "--node", node, "c");
        assertUsage("no subcommand", "Missing required subcommand", "queue");
    }
}
