package org.swarmjvm.cli.dht;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.cli.CliRun;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.TestPorts;
import org.swarmjvm.protocol.dht.HashRange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.swarmjvm.cli.CliAssertions.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code swarm dht} prints and exits with when things go wrong: one line on stderr, a code to test.
 */
@Timeout(60)
class DhtErrorPathsTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldExitThreeWithOneLineWhenTheConnectionIsRefused()
    {
        final int port = TestPorts.closedPort();
        final CliRun run = CliRun.run("dht", "get", "--node", "127.0.0.1:" + port, "c", "1");
        assertEquals(ExitCode.UNREACHABLE, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertEquals("swarm: cannot connect to 127.0.0.1:" + port + ": Connection refused\n", run.err());
    }

    @Test
    void shouldExitFiveWhenTheNodeIsNoDhtNode() throws IOException, InterruptedException
    {
        try (ServerSocket notDht = new ServerSocket(0))
        {
            final Thread answerer = new Thread(() -> answerGarbage(notDht));
            answerer.start();
            final CliRun run = CliRun.run("dht", "get", "--node", "127.0.0.1:" + notDht.getLocalPort(), "c", "1");
            assertEquals(ExitCode.WRONG_NODE, run.exitCode(), run::toString);
            assertTrue(run.err().startsWith("swarm: not a DHT node? the handshake (GetVersion, GetResponsibleRange) " +
                "failed: "), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
            answerer.join(10_000);
        }
    }

    @Test
    void shouldExitFiveWhenTheRangesLeaveAGap()
    {
        try (TestCluster gap = new TestCluster(tempDir, List.of(new HashRange(0, 0x0fffffffffffffffL),
            new HashRange(0x8000000000000000L, -1L)), -1))
        {
            final CliRun run = CliRun.run("dht", "channels", "--nodes", gap.nodesFile().toString());
            assertEquals(ExitCode.WRONG_NODE, run.exitCode(), run::toString);
            assertTrue(run.err().startsWith("swarm: gap: hashes 0x1000000000000000..0x7fffffffffffffff belong to no " +
                "node"), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);

            final CliRun oneOfTwo = CliRun.run("dht", "get", "--node", gap.node(1), "c", "1");
            assertEquals(ExitCode.WRONG_NODE, oneOfTwo.exitCode(), oneOfTwo::toString);
            assertTrue(oneOfTwo.err().endsWith("(name every node of the DHT, as with --nodes FILE)\n"),
                oneOfTwo::toString);
        }
    }

    @Test
    void shouldExitFourWithTheStatusWhenTheNodeRefusesTheRequest()
    {
        try (TestCluster cluster = TestCluster.single(tempDir))
        {
            final String tooBig = "x".repeat(TestCluster.MAX_VALUE + 1);
            final CliRun run = CliRun.run("dht", "put", "--node", cluster.node(0), "c", "1", tooBig);
            assertEquals(ExitCode.STATUS, run.exitCode(), run::toString);
            assertEquals("", run.out());
            assertTrue(run.err().startsWith("swarm: Put to " + cluster.node(0) + " answered "), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
        }
    }

    @Test
    void shouldExitTwoWhenTheCommandLineIsWrong() throws IOException
    {
        assertUsage("bad key", "key \"xyz\" is not 1 to 16 hex digits", "dht", "get", "--node", "127.0.0.1:1", "c",
            "xyz");
        assertUsage("bad channel", "\"no way\" is not a valid channel name", "dht", "get", "--node", "127.0.0.1:1",
            "no way", "1");
        assertUsage("no nodes", "no nodes: give --nodes FILE or --node HOST:PORT", "dht", "get", "c", "1");
        assertUsage("bad address", "is not address:port", "dht", "get", "--node", "localhost", "c", "1");
        assertUsage("missing file", "cannot read nodes file", "dht", "get", "--nodes",
            tempDir.resolve("none").toString(), "c", "1");
        assertUsage("missing argument", "Missing required parameter", "dht", "get", "--node", "127.0.0.1:1", "c");
        assertUsage("unknown command", "Unmatched argument", "dht", "frobnicate");
        assertUsage("no subcommand", "Missing required subcommand", "dht");
        assertUsage("empty value", "no empty values", "dht", "put", "--node", "127.0.0.1:1", "c", "1", "");
        assertUsage("odd hex", "odd number of digits", "dht", "put", "--hex", "--node", "127.0.0.1:1", "c", "1",
            "abc");
        final Path empty = Files.writeString(tempDir.resolve("empty.nodes"), "# nothing\n", StandardCharsets.UTF_8);
        assertUsage("empty nodes file", "no nodes in", "dht", "channels", "--nodes", empty.toString());
    }

    @Test
    void shouldPrintHelpWhenAskedOnEverySubcommand()
    {
        for (final String command : List.of("put", "get", "exists", "remove", "getall", "keys", "listen",
            "channels", "size", "ranges", "remove-channel"))
        {
            final CliRun run = CliRun.run("dht", command, "--help");
            assertEquals(ExitCode.OK, run.exitCode(), run::toString);
            assertTrue(run.out().startsWith("Usage: swarm dht " + command + " "), run::toString);
            assertTrue(run.out().contains("--node=HOST:PORT"), run::toString);
        }
        final CliRun top = CliRun.run("--help");
        assertTrue(top.out().contains("Exit codes:"), top::toString);
        assertTrue(top.out().contains("generate-completion"), top::toString);
    }

    @Test
    void shouldPrintAShellCompletionScript()
    {
        final CliRun run = CliRun.run("generate-completion");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("complete -F"), run::toString);
        assertTrue(run.out().contains("remove-channel"), run::toString);
    }

    private static void answerGarbage(final ServerSocket server)
    {
        try (Socket socket = server.accept())
        {
            final OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        catch (final IOException ex)
        {
            // The client closed first: nothing to answer.
        }
    }
}
