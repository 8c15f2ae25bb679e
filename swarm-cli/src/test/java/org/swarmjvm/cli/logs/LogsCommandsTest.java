package org.swarmjvm.cli.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.cli.CliRun;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.NodeSet;
import org.swarmjvm.logfiles.node.LogfilesNode;

import java.nio.file.Path;
import java.util.List;

import static org.swarmjvm.cli.CliAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code swarm logs} prints and exits with against real logfiles nodes.
 */
@Timeout(60)
class LogsCommandsTest
{
    @TempDir
    Path tempDir;

    /** Puts keys 0x10..0x15 (values v10..v15) in the order 13 10 15 12 11 14: odd keys on node 1, even on 0. */
    private static void putSix(final String nodesFile)
    {
        for (final int key : new int[]{0x13, 0x10, 0x15, 0x12, 0x11, 0x14})
        {
            assertOk(CliRun.run("logs", "put", "--nodes", nodesFile, "web", Integer.toHexString(key),
                "v" + Integer.toHexString(key)));
        }
    }

    private static String line(final int key)
    {
        return String.format("%016x v%x%n", key, key);
    }

    @Test
    void shouldPutOnTheKeysNodeAndReadRangesNodeByNodeOrSortedByKey()
    {
        try (NodeSet<LogfilesNode> nodes = LogsTestNodes.launch(tempDir, 2))
        {
            final String file = nodes.nodesFile().toString();
            final CliRun put = assertOk(CliRun.run("logs", "put", "--nodes", file, "web", "5721c2f2", "hello"));
            assertEquals("put web 000000005721c2f2 on " + nodes.node(0) + "\n", put.out());
            putSix(file);

            final CliRun range = assertOk(CliRun.run("logs", "range", "--nodes", file, "web", "11", "14"));
            assertEquals(line(0x12) + line(0x14) + line(0x13) + line(0x11), range.out(),
                "node 0's records in its order, then node 1's");

            final CliRun ordered = assertOk(CliRun.run("logs", "--nodes", file, "range", "web", "0", "ffffffff",
                "--ordered"));
            assertEquals(line(0x10) + line(0x11) + line(0x12) + line(0x13) + line(0x14) + line(0x15) +
                "000000005721c2f2 hello\n", ordered.out());

            final CliRun json = assertOk(CliRun.run("logs", "range", "--json", "--ordered", "--nodes", file, "web",
                "10", "11"));
            assertEquals("{\"key\":\"0000000000000010\",\"value\":\"v10\"}\n" +
                "{\"key\":\"0000000000000011\",\"value\":\"v11\"}\n", json.out());

            final CliRun hex = assertOk(CliRun.run("logs", "range", "--hex", "--nodes", file, "web", "15", "15"));
            assertEquals("0000000000000015 763135\n", hex.out());
        }
    }

    @Test
    void shouldTakeDecimalKeysWithDecimal()
    {
        try (NodeSet<LogfilesNode> nodes = LogsTestNodes.launch(tempDir, 1))
        {
            final String node = nodes.node(0);
            assertOk(CliRun.run("logs", "put", "--decimal", "--node", node, "app", "1461830386", "at 1461830386"));
            assertOk(CliRun.run("logs", "put", "--node", node, "app", "0x5721c2f3", "a second later"));
            final CliRun range = assertOk(CliRun.run("logs", "range", "--decimal", "--node", node, "app",
                "1461830386", "1461830387"));
            assertEquals("000000005721c2f2 at 1461830386\n000000005721c2f3 a second later\n", range.out());
            assertEquals("", assertOk(CliRun.run("logs", "range", "--decimal", "--node", node, "app", "0",
                "1461830385")).out());
        }
    }

    @Test
    void shouldKeepTheValuesTheFilterOrRegexMatch()
    {
        try (NodeSet<LogfilesNode> nodes = LogsTestNodes.launch(tempDir, 2))
        {
            final String file = nodes.nodesFile().toString();
            putSix(file);
            assertOk(CliRun.run("logs", "put", "--nodes", file, "web", "16", "GET /index"));
            assertOk(CliRun.run("logs", "put", "--nodes", file, "web", "17", "get /about"));

            assertEquals(line(0x13), assertOk(CliRun.run("logs", "range", "--nodes", file, "web", "0", "ff",
                "--filter", "3", "--ordered")).out());
            assertEquals("0000000000000016 GET /index\n", assertOk(CliRun.run("logs", "range", "--nodes", file,
                "web", "0", "ff", "--regex", "^GET /")).out());
            assertEquals("0000000000000016 GET /index\n0000000000000017 get /about\n", assertOk(CliRun.run("logs",
                "range", "--nodes", file, "web", "0", "ff", "--regex", "^get /", "--ignore-case", "--ordered")).out());
            assertEquals("0000000000000017 get /about\n", assertOk(CliRun.run("logs", "getall", "--nodes", file,
                "web", "--filter", "about")).out());
        }
    }

    @Test
    void shouldGetAllListChannelsAndRemoveAChannelOnEveryNode()
    {
        try (NodeSet<LogfilesNode> nodes = LogsTestNodes.launch(tempDir, 2))
        {
            final String file = nodes.nodesFile().toString();
            putSix(file);
            assertOk(CliRun.run("logs", "put", "--node", nodes.node(1), "api", "1", "only on node 1"));

            assertEquals(line(0x10) + line(0x11) + line(0x12) + line(0x13) + line(0x14) + line(0x15),
                assertOk(CliRun.run("logs", "getall", "--ordered", "--nodes", file, "web")).out());
            assertEquals(6, assertOk(CliRun.run("logs", "getall", "--nodes", file, "web")).out().lines().count());

            assertEquals("api\nweb\n", assertOk(CliRun.run("logs", "channels", "--nodes", file)).out(),
                "each channel once, sorted");
            assertEquals("{\"channel\":\"api\"}\n{\"channel\":\"web\"}\n",
                assertOk(CliRun.run("logs", "--nodes", file, "channels", "--json")).out());

            assertEquals("removed channel web on 2 nodes\n",
                assertOk(CliRun.run("logs", "remove-channel", "--nodes", file, "web")).out());
            assertEquals("", assertOk(CliRun.run("logs", "getall", "--nodes", file, "web")).out());
            assertEquals("api\n", assertOk(CliRun.run("logs", "channels", "--nodes", file)).out());
        }
    }

    @Test
    void shouldPrintHelpWhenAskedOnEverySubcommand()
    {
        for (final String command : List.of("put", "range", "getall", "channels", "remove-channel"))
        {
            final CliRun run = CliRun.run("logs", command, "--help");
            assertEquals(ExitCode.OK, run.exitCode(), run::toString);
            assertTrue(run.out().startsWith("Usage: swarm logs " + command + " "), run::toString);
            assertTrue(run.out().contains("--node=HOST:PORT"), run::toString);
        }
        assertTrue(CliRun.run("logs", "put", "--help").out().contains("--decimal"));
        assertTrue(CliRun.run("logs", "put", "--help").out().contains(" CHANNEL KEY VALUE\n"));
        assertTrue(CliRun.run("logs", "range", "--help").out().contains(" CHANNEL FROM TO\n"));
        assertTrue(CliRun.run("logs", "range", "--help").out().contains("--ordered"));
        final CliRun group = CliRun.run("logs", "--help");
        assertEquals(ExitCode.OK, group.exitCode(), group::toString);
        assertTrue(group.out().contains("16 hex digits"), group::toString);
    }
}
