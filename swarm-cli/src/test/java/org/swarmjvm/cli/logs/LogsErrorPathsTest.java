package org.swarmjvm.cli.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.cli.CliRun;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.NodeSet;
import org.swarmjvm.cli.TestPorts;
import org.swarmjvm.logfiles.node.LogfilesNode;

import java.nio.file.Path;

import static org.swarmjvm.cli.CliAssertions.assertFails;
import static org.swarmjvm.cli.CliAssertions.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What {@code swarm logs} prints and exits with when things go wrong: one line on stderr, a code to test.
 */
@Timeout(60)
class LogsErrorPathsTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldExitThreeWithOneLineWhenTheConnectionIsRefused()
    {
        final String node = "127.0.0.1:" + TestPorts.closedPort();
        final String refused = "swarm: cannot connect to " + node + ": Connection refused";
        assertFails(ExitCode.UNREACHABLE, refused, "logs", "put", "--node", node, "c", "1", "v");
        assertFails(ExitCode.UNREACHABLE, refused, "logs", "range", "--node", node, "c", "1", "2");
        assertFails(ExitCode.UNREACHABLE, refused, "logs", "getall", "--node", node, "c");
        assertFails(ExitCode.UNREACHABLE, refused, "logs", "channels", "--node", node);
        assertFails(ExitCode.UNREACHABLE, refused, "logs", "remove-channel", "--node", node, "c");
    }

    @Test
    void shouldExitFourWithTheStatusWhenTheNodeRefusesTheRequest()
    {
        try (NodeSet<LogfilesNode> nodes = LogsTestNodes.launch(tempDir, 1))
        {
            final String node = nodes.node(0);
            assertFails(ExitCode.STATUS, "swarm: Put to " + node + " answered OUT_OF_MEMORY (407)",
                "logs", "put", "--node", node, "c", "1", "x".repeat(64 * 1024 + 1));
            assertEquals(ExitCode.OK, CliRun.run("logs", "put", "--node", node, "c", "1", "v").exitCode());
            assertFails(ExitCode.STATUS, "swarm: GetRangeRegex to " + node + " answered ERROR (500)",
                "logs", "range", "--node", node, "c", "0", "ff", "--regex", "(unclosed");
        }
    }

    @Test
    void shouldExitTwoWhenTheCommandLineIsWrong()
    {
        final String node = "127.0.0.1:1";
        assertUsage("bad channel", "\"no way\" is not a valid channel name", "logs", "getall", "--node", node,
            "no way");
        assertUsage("bad channel", "\"a.b\" is not a valid channel name", "logs", "put", "--node", node, "a.b", "1",
            "v");
        assertUsage("bad channel", "\"\" is not a valid channel name", "logs", "remove-channel", "--node", node, "");
        assertUsage("bad key", "key \"xyz\" is not 1 to 16 hex digits (--decimal takes decimal Unix seconds)",
            "logs", "put", "--node", node, "c", "xyz", "v");
        assertUsage("long key", "is not 1 to 16 hex digits", "logs", "range", "--node", node, "c", "1",
            "12345678901234567");
        assertUsage("bad decimal", "key \"5721c2f2\" is not a decimal number from 0 to 18446744073709551615",
            "logs", "range", "--decimal", "--node", node, "c", "5721c2f2", "1");
        assertUsage("decimal over 2^64", "is not a decimal number", "logs", "put", "--decimal", "--node", node, "c",
            "18446744073709551616", "v");
        assertUsage("reversed range", "FROM 0000000000000020 is after TO 0000000000000010", "logs", "range",
            "--node", node, "c", "20", "10");
        assertUsage("filter and regex", "either --filter or --regex", "logs", "range", "--node", node, "c", "1", "2",
            "--filter", "a", "--regex", "b");
        assertUsage("empty filter", "--filter needs some text", "logs", "getall", "--node", node, "c", "--filter",
            "");
        assertUsage("ignore case alone", "--ignore-case goes with --regex", "logs", "range", "--node", node, "c", "1",
            "2", "-i");
        assertUsage("empty value", "no empty values", "logs", "put", "--node", node, "c", "1", "");
        assertUsage("no nodes", "no nodes: give --nodes FILE or --node HOST:PORT", "logs", "channels");
        assertUsage("missing argument", "Missing required parameter", "logs", "range", "--node", node, "c", "1");
        assertUsage("no subcommand", "Missing required subcommand", "logs");
    }
}
