package org.swarmjvm.cli.dht;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.cli.CliRun;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Fnv1a64;
import org.swarmjvm.cli.Keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each DHT subcommand against real nodes in this JVM: what it prints and its exit code.
 */
@Timeout(60)
class DhtCommandsTest
{
    @TempDir
    Path tempDir;

    private TestCluster cluster;
    private String node;

    @BeforeEach
    void startNode()
    {
        cluster = TestCluster.single(tempDir.resolve("single"));
        node = cluster.node(0);
    }

    @AfterEach
    void stopNode()
    {
        cluster.close();
    }

    @Test
    void shouldPrintTheValueWhenGettingWhatWasPut()
    {
        final CliRun put = CliRun.run("dht", "put", "--node", node, "mychannel", "00000000000000a0", "hello");
        assertEquals(ExitCode.OK, put.exitCode(), put::toString);
        assertEquals("put mychannel 00000000000000a0 on " + node + "\n", put.out());

        final CliRun get = CliRun.run("dht", "get", "--node", node, "mychannel", "00000000000000a0");
        assertEquals(ExitCode.OK, get.exitCode(), get::toString);
        assertEquals("hello\n", get.out());
        assertEquals("", get.err());
    }

    @Test
    void shouldExitOneWhenTheRecordIsMissing()
    {
        final CliRun get = CliRun.run("dht", "get", "--node", node, "mychannel", "a0");
        assertEquals(ExitCode.NOT_FOUND, get.exitCode(), get::toString);
        assertEquals("", get.out());
        assertEquals("swarm: no record 00000000000000a0 in channel mychannel\n", get.err());
    }

    @Test
    void shouldAnswerExistsWithOutputAndExitCode()
    {
        CliRun.run("dht", "put", "--node", node, "c", "1", "x");
        final CliRun yes = CliRun.run("dht", "exists", "--node", node, "c", "1");
        assertEquals(ExitCode.OK, yes.exitCode(), yes::toString);
        assertEquals("true\n", yes.out());
        final CliRun no = CliRun.run("dht", "exists", "--node", node, "c", "2");
        assertEquals(ExitCode.NOT_FOUND, no.exitCode(), no::toString);
        assertEquals("false\n", no.out());
        final CliRun json = CliRun.run("dht", "exists", "--json", "--node", node, "c", "1");
        assertEquals("{\"channel\":\"c\",\"key\":\"0000000000000001\",\"exists\":true}\n", json.out());
    }

    @Test
    void shouldDeleteTheRecordWhenRemoved()
    {
        CliRun.run("dht", "put", "--node", node, "c", "1", "x");
        final CliRun remove = CliRun.run("dht", "remove", "--node", node, "c", "1");
        assertEquals(ExitCode.OK, remove.exitCode(), remove::toString);
        assertEquals("removed c 0000000000000001 on " + node + "\n", remove.out());
        assertEquals(ExitCode.NOT_FOUND, CliRun.run("dht", "get", "--node", node, "c", "1").exitCode());
    }

    @Test
    void shouldUseTheFnvHashWhenTheKeyIsAString()
    {
        final CliRun put = CliRun.run("dht", "put", "--node", node, "--hash", "users", "user:42", "Alice");
        assertEquals(ExitCode.OK, put.exitCode(), put::toString);
        final String hex = Keys.format(Fnv1a64.hash("user:42"));
        assertEquals("put users " + hex + " on " + node + "\n", put.out());
        assertEquals("Alice\n", CliRun.run("dht", "get", "--node", node, "users", hex).out());
        assertEquals("Alice\n", CliRun.run("dht", "get", "--node", node, "--hash", "users", "user:42").out());
    }

    @Test
    void shouldStoreBytesWhenValueIsHexOrAFile() throws IOException
    {
        assertEquals(ExitCode.OK, CliRun.run("dht", "put", "--node", node, "--hex", "bin", "1", "00ff10").exitCode());
        final CliRun hex = CliRun.run("dht", "get", "--node", node, "--hex", "bin", "1");
        assertEquals("00ff10\n", hex.out(), hex::toString);

        final byte[] blob = new byte[700];
        Arrays.fill(blob, (byte)0x80);
        blob[0] = 0;
        final Path in = Files.write(tempDir.resolve("blob.in"), blob);
        assertEquals(ExitCode.OK,
            CliRun.run("dht", "put", "--node", node, "--file", "bin", "2", in.toString()).exitCode());
        final Path out = tempDir.resolve("blob.out");
        final CliRun get = CliRun.run("dht", "get", "--node", node, "-o", out.toString(), "bin", "2");
        assertEquals(ExitCode.OK, get.exitCode(), get::toString);
        assertEquals("", get.out());
        assertArrayEquals(blob, Files.readAllBytes(out));
    }

    @Test
    void shouldListEveryRecordOfBothNodesWhenNodesFileIsGivenBeforeTheSubcommand()
    {
        cluster.close();
        cluster = TestCluster.halves(tempDir.resolve("halves"));
        final String nodes = cluster.nodesFile().toString();
        final Set<String> expected = new TreeSet<>();
        for (int i = 1; i <= 20; i++)
        {
            final String key = Keys.format(i);
            assertEquals(ExitCode.OK, CliRun.run("dht", "-n", nodes, "put", "all", key, "value " + i).exitCode());
            expected.add(key + "\tvalue " + i);
        }
        final CliRun size = CliRun.run("dht", "size", "--nodes", nodes, "all");
        final List<String> sizeLines = size.out().lines().toList();
        assertEquals(2, sizeLines.size(), size::toString);
        final long total = sizeLines.stream().mapToLong(line -> Long.parseLong(line.split(" ")[2])).sum();
        assertEquals(20, total, size::toString);

        final CliRun getAll = CliRun.run("dht", "-n", nodes, "getall", "all");
        assertEquals(ExitCode.OK, getAll.exitCode(), getAll::toString);
        assertEquals(expected, new TreeSet<>(getAll.out().lines().toList()));
        assertEquals("", getAll.err(), "no progress when stderr is not a terminal");

        final CliRun keys = CliRun.run("dht", "keys", "-n", nodes, "all");
        assertEquals(expected.stream().map(line -> line.split("\t")[0]).collect(Collectors.toSet()),
            new TreeSet<>(keys.out().lines().toList()));

        final CliRun json = CliRun.run("dht", "getall", "--json", "--hex", "-n", nodes, "all");
        assertTrue(json.out().lines().anyMatch(
            "{\"key\":\"0000000000000001\",\"value\":\"76616c75652031\"}"::equals), json::toString);

        final CliRun progress = CliRun.run("dht", "getall", "--progress", "-n", nodes, "all");
        assertTrue(progress.err().matches("(?s).*20 records in [0-9.]+ s, \\d+ records/s\n"), progress::toString);

        final CliRun ranges = CliRun.run("dht", "ranges", "-n", nodes);
        assertEquals(cluster.node(0) + " 0x0000000000000000..0x7fffffffffffffff\n" +
            cluster.node(1) + " 0x8000000000000000..0xffffffffffffffff\n", ranges.out());
    }

    @Test
    void shouldListAndRemoveChannels()
    {
        CliRun.run("dht", "put", "--node", node, "beta", "1", "x");
        CliRun.run("dht", "put", "--node", node, "alpha", "1", "x");
        assertEquals("alpha\nbeta\n", CliRun.run("dht", "channels", "--node", node).out());
        assertEquals("{\"channel\":\"alpha\"}\n{\"channel\":\"beta\"}\n",
            CliRun.run("dht", "channels", "--json", "--node", node).out());

        final CliRun remove = CliRun.run("dht", "remove-channel", "--node", node, "beta");
        assertEquals(ExitCode.OK, remove.exitCode(), remove::toString);
        assertEquals("removed channel beta on 1 nodes\n", remove.out());
        assertEquals("alpha\n", CliRun.run("dht", "channels", "--node", node).out());

        final CliRun size = CliRun.run("dht", "size", "--json", "--node", node);
        assertEquals("{\"node\":\"" + node + "\",\"records\":1,\"bytes\":9}\n", size.out());
    }

    @Test
    void shouldPrintRecordsPutWhileListening() throws InterruptedException
    {
        final CliRun[] result = new CliRun[1];
        final java.io.StringWriter errSoFar = new java.io.StringWriter();
        final Thread listen = new Thread(() -> result[0] = ListenProbe.run(errSoFar,
            "dht", "listen", "--node", node, "--count", "2", "--progress", "news"));
        listen.start();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!errSoFar.toString().contains("listening to news on 1 nodes"))
        {
            assertTrue(System.nanoTime() < deadline && listen.isAlive(), "listen started: " + errSoFar);
            Thread.onSpinWait();
        }
        CliRun.run("dht", "put", "--node", node, "news", "1", "first");
        CliRun.run("dht", "put", "--node", node, "news", "2", "second");
        listen.join(10_000);
        assertEquals(ExitCode.OK, result[0].exitCode(), result[0]::toString);
        assertEquals("0000000000000001\tfirst\n0000000000000002\tsecond\n", result[0].out());
    }

    @Test
    void shouldEndListeningWhenTheChannelIsRemoved() throws InterruptedException
    {
        final CliRun[] result = new CliRun[1];
        final java.io.StringWriter errSoFar = new java.io.StringWriter();
        final Thread listen = new Thread(() -> result[0] = ListenProbe.run(errSoFar,
            "dht", "listen", "--node", node, "--progress", "--json", "news"));
        listen.start();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!errSoFar.toString().contains("listening"))
        {
            assertTrue(System.nanoTime() < deadline && listen.isAlive(), "listen started: " + errSoFar);
            Thread.onSpinWait();
        }
        CliRun.run("dht", "put", "--node", node, "news", "3", "third");
        CliRun.run("dht", "remove-channel", "--node", node, "news");
        listen.join(10_000);
        assertEquals(ExitCode.OK, result[0].exitCode(), result[0]::toString);
        assertEquals("{\"key\":\"0000000000000003\",\"value\":\"third\"}\n", result[0].out());
    }
}
