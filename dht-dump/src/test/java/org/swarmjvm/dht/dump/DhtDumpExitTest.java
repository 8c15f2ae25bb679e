package org.swarmjvm.dht.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.dht.HashRange;

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
 * A periodic dht-dump process: a second one on the same data folder refuses to start, naming the first, which
 * dumps on; SIGTERM and SIGINT end a run with 0.
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

    private NodeProcess spawn(final Path config, final String log)
    {
        return NodeProcess.spawn(DhtDumpMain.class.getName(), List.of("-c", config.toString()), dir.resolve(log));
    }
}
