package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.MetricsEndpoint;
import org.swarmjvm.node.testing.NamedPipe;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.fixtures.Fixtures;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.swarmjvm.node.testing.MetricsEndpoint.has;
import static org.swarmjvm.node.testing.MetricsEndpoint.value;

/**
 * A DHT node's metrics endpoint while it loads its dumps: the load is held on a named pipe among the dump files
 * (opening it for reading waits for a writer), after a real dump of three records. Meanwhile the endpoint serves
 * the JVM's metrics and the loaded channel, and the health check answers 503; once the pipe is opened the load
 * ends (an empty file, set aside) and the health check answers 200.
 */
@Timeout(120)
class DhtLoadMetricsTest
{
    private static final int ATTEMPTS = 32;

    @TempDir
    Path tempDir;

    @Test
    void shouldServeJvmAndChannelMetricsAndAnswerUnavailableWhileLoading() throws Exception
    {
        final Path dataDir = Files.createDirectories(tempDir.resolve("data"));
        final Path[] dumpThenPipe = dumpListedBeforePipe(dataDir);
        final String channel = channelOf(dumpThenPipe[0]);
        final int port = NodeProcess.freePort();
        final FutureTask<DhtNode> launch = new FutureTask<>(() -> TestNodes.launch(dataDir, HashRange.FULL,
            context ->
            {
                context.node().metricsPort(port);
                return context;
            }));
        new Thread(launch, "launch").start();
        final DhtNode node;
        try
        {
            assertEquals("loading\n", MetricsEndpoint.awaitStatus(port, "/health", 503).body());
            final String records = "swarm_channel_records{channel=\"" + channel + "\"}";
            Await.until(channel + " loaded", () ->
            {
                final String page = MetricsEndpoint.page(port, "/metrics");
                return has(page, records) && 3 == value(page, records);
            });
            final String page = MetricsEndpoint.page(port, "/metrics");
            assertTrue(value(page, "swarm_channel_bytes{channel=\"" + channel + "\"}") > 0, page);
            assertTrue(value(page, "jvm_memory_used_bytes{area=\"heap\"}") > 0, page);
            assertTrue(value(page, "jvm_threads_current") > 0, page);
            assertTrue(page.contains("\njvm_gc_collection_seconds_count{gc=\""), page);
            assertFalse(has(page, "swarm_requests_total{command=\"Put\"}"), "no request series before it serves");
            assertEquals(503, MetricsEndpoint.get(port, "/health").status(), "the load waits on the pipe");
            assertFalse(launch.isDone());
        }
        finally
        {
            // Read-write never waits for the other end; held open until the loader has opened the pipe too.
            try (RandomAccessFile writer = new RandomAccessFile(dumpThenPipe[1].toFile(), "rw"))
            {
                node = launch.get(60, TimeUnit.SECONDS);
            }
        }
        try (node)
        {
            assertEquals("serving\n", MetricsEndpoint.get(port, "/health").body());
            final String page = MetricsEndpoint.page(port, "/metrics");
            assertEquals(0, value(page, "swarm_requests_total{command=\"Put\"}"), page);
            assertEquals(3, value(page, "swarm_channel_records{channel=\"" + channel + "\"}"), page);
        }
    }

    /**
     * A dump of three records and a named pipe, named so that listing the folder gives the dump first (the order
     * the node loads them in): the order of two names in a folder does not change as other files come and go.
     */
    private static Path[] dumpListedBeforePipe(final Path dataDir) throws IOException, InterruptedException
    {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++)
        {
            final Path pipe = NamedPipe.create(dataDir.resolve("held" + attempt + ".tcm"));
            final Path dump = Files.copy(Fixtures.path("files/dht/three.tcm"), dataDir.resolve("loaded" + attempt +
                ".tcm"));
            final List<Path> listed = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir))
            {
                entries.forEach(listed::add);
            }
            if (listed.indexOf(dump) < listed.indexOf(pipe))
            {
                return new Path[]{dump, pipe};
            }
            Files.delete(dump);
            Files.delete(pipe);
        }
        return fail("no names listed the dump before the pipe in " + ATTEMPTS + " attempts");
    }

    private static String channelOf(final Path dump)
    {
        final String file = dump.getFileName().toString();
        return file.substring(0, file.length() - ".tcm".length());
    }
}
