package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The logfiles node process: a second node on the same data folder refuses to start, naming the first, which
 * serves on and loses nothing; SIGINT and SIGTERM end a clean stop with 0.
 */
@Timeout(300)
class LogfilesNodeExitTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int RECORDS = 100;

    @TempDir
    Path work;

    @Test
    void shouldRefuseASecondNodeOnTheSameDataFolderAndExitZeroOnSigintAndOnSigterm() throws IOException
    {
        final Path dataDir = work.resolve("data");
        try (NodeProcess first = LogfilesNodeCrashTest.start(Files.createDirectories(work.resolve("first")),
            dataDir, 1))
        {
            put(first, 0);
            final Path second = Files.createDirectories(work.resolve("second"));
            final Path config = Files.writeString(second.resolve("config.ini"), String.join("\n",
                "[Server]", "address = 127.0.0.1", "port = " + NodeProcess.freePort(), "data_dir = " + dataDir,
                "[STATS]", "file_name = " + second.resolve("stats.log"), ""));
            try (NodeProcess refused = NodeProcess.spawn(LogfilesNodeMain.class.getName(),
                List.of("-c", config.toString()), second.resolve("node.log")))
            {
                assertEquals(2, refused.awaitExit(TIMEOUT), refused.logTail(20));
                assertTrue(refused.logTail(20).contains("logfiles-node refuses to start: data folder " + dataDir +
                    " is in use by logfiles-node pid " + first.pid()), refused.logTail(20));
            }
            put(first, RECORDS);
            assertEquals(2 * RECORDS, count(first));
            assertEquals(0, first.stop("INT", TIMEOUT), first.logTail(20));
        }
        try (NodeProcess again = LogfilesNodeCrashTest.start(Files.createDirectories(work.resolve("again")),
            dataDir, 1))
        {
            assertEquals(2 * RECORDS, count(again), "every record of the first node");
            assertEquals(0, again.stop("TERM", TIMEOUT), again.logTail(20));
        }
    }

    private static void put(final NodeProcess node, final int from) throws IOException
    {
        try (LogfilesClient client = new LogfilesClient(node.address()))
        {
            for (int i = from; i < from + RECORDS; i++)
            {
                client.put("events", 0x60000000L + i, ("record " + i).getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static int count(final NodeProcess node) throws IOException
    {
        final AtomicInteger records = new AtomicInteger();
        try (LogfilesClient client = new LogfilesClient(node.address()))
        {
            client.getAll("events", (key, buffer, offset, length) -> records.incrementAndGet());
        }
        return records.get();
    }
}
