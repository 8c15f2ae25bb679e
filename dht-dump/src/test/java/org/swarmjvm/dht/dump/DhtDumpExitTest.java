package org.swarmjvm.dht.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.dht.node.DhtNodeMain;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.dump.DumpTests.launchNode;
import static org.swarmjvm.dht.dump.DumpTests.writeConfig;

/**
 * A dht-dump process, periodic or continuous: a second one on the same data folder refuses to start, naming the
 * first, which dumps on; SIGTERM and SIGINT end a run with 0.
 */
@Timeout(300)
class DhtDumpExitTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String STARTED = "first dump cycle in";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseASecondDhtDumpOnTheSameFolderAndExitZeroOnSigtermAndOnSigint() throws IOException
    {
        final Path dumpDir = dir.resolve("dump");
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL))
        {
            final Path config = writeConfig(Files.createDirectories(dir.resolve("config")), node.port(), dumpDir,
                "period_s = 3600");
            try (NodeProcess first = spawn(config, "first.log"))
            {
                first.awaitLog(STARTED, TIMEOUT);
                try (NodeProcess second = spawn(config, "second.log"))
                {
                    assertEquals(2, second.awaitExit(TIMEOUT), second.logTail(20));
                    assertTrue(second.logTail(20).contains("dht-dump refuses to start: data folder " + dumpDir +
                        " is in use by dht-dump pid " + first.pid()), second.logTail(20));
                }
                assertTrue(first.isAlive(), "the first dht-dump runs on");
                assertEquals(0, first.stop("TERM", TIMEOUT), first.logTail(20));
            }
            try (NodeProcess again = spawn(config, "again.log"))
            {
                again.awaitLog(STARTED, TIMEOUT);
                assertEquals(0, again.stop("INT", TIMEOUT), again.logTail(20));
            }
        }
    }

    /**
     * Continuous mode in the node's own data folder, as installed: the node holds {@code dht-node.lock}, dht-dump
     * {@code dht-dump.lock}, so the first dht-dump runs beside the node, a second one refuses in one line and
     * exits 2, and the first goes on following: a Put after the refusal reaches its change logs.
     */
    @Test
    void shouldRefuseASecondContinuousDhtDumpInTheNodesOwnFolder() throws IOException
    {
        final Path dataDir = Files.createDirectories(dir.resolve("data"));
        final Path credentials = DumpTests.writeCredentials(dir);
        final int port = NodeProcess.freePort();
        final Path nodeConfig = DumpTests.writeNodeConfig(dir, port, dataDir, credentials, 10_000);
        try (NodeProcess node = NodeProcess.start(DhtNodeMain.class.getName(), List.of("-c", nodeConfig.toString()),
            port, dir.resolve("node.log"), TIMEOUT);
            DhtClient client = DumpTests.client(port))
        {
            client.put("shared", 1, new byte[] {1});
            final Path config = DumpTests.writeContinuousConfig(Files.createDirectories(dir.resolve("config")), port,
                port + 100, credentials, dataDir);
            try (NodeProcess first = spawn(config, "first.log"))
            {
                first.awaitLog("channel shared followed", TIMEOUT);
                try (NodeProcess second = spawn(config, "second.log"))
                {
                    assertEquals(2, second.awaitExit(TIMEOUT), second.logTail(20));
                    assertTrue(second.logTail(20).contains("dht-dump refuses to start: data folder " + dataDir +
                        " is in use by dht-dump pid " + first.pid()), second.logTail(20));
                }
                client.put("shared", 2, new byte[] {2});
                DumpTests.await("the Put after the refusal in the first dht-dump's logs",
                    () -> ContinuousDumpTest.isDumped(dataDir, "shared", 2));
                assertTrue(first.isAlive(), "the first dht-dump runs on");
                assertEquals(0, first.stop("TERM", TIMEOUT), first.logTail(20));
            }
            assertTrue(node.isAlive(), "the node serves on: " + node.logTail(20));
        }
    }

    private NodeProcess spawn(final Path config, final String log)
    {
        return NodeProcess.spawn(DhtDumpMain.class.getName(), List.of("-c", config.toString()), dir.resolve(log));
    }
}
