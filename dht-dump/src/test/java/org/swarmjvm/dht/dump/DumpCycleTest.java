package org.swarmjvm.dht.dump;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtRecord;
import org.swarmjvm.protocol.dht.tcm.ChangeLogWriter;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.dump.DumpTests.asMap;
import static org.swarmjvm.dht.dump.DumpTests.client;
import static org.swarmjvm.dht.dump.DumpTests.fill;
import static org.swarmjvm.dht.dump.DumpTests.launchNode;
import static org.swarmjvm.dht.dump.DumpTests.readDump;
import static org.swarmjvm.dht.dump.DumpTests.records;

@Timeout(120)
class DumpCycleTest
{
    @TempDir
    Path dir;

    @Test
    void shouldMoveTheDumpToDeletedWhenTheChannelIsRemovedFromTheNodeBetweenCycles() throws IOException
    {
        final Path dumpDir = dir.resolve("dump");
        final DumpCycle cycle = new DumpCycle(context(dumpDir), new DumpDirectory(dumpDir));
        final List<DhtRecord> doomed = records(new Random(1), 100, 0, 1, 20);
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL); DhtClient client = client(node.port()))
        {
            fill(client, "doomed", doomed);
            fill(client, "kept", records(new Random(2), 100, 0, 1, 20));
            assertTrue(cycle.run(client).isSuccess());
            assertTrue(cycle.run(client).isSuccess());
            assertEquals(List.of("deleted", "doomed.tcm", "doomed.tcm.1", "kept.tcm", "kept.tcm.1"), names(dumpDir));

            client.removeChannel("doomed");
            final DumpStats stats = cycle.run(client);

            assertTrue(stats.isSuccess());
            assertEquals(List.of("kept"), List.copyOf(stats.dumpedChannels().keySet()));
        }
        assertEquals(List.of("deleted", "kept.tcm", "kept.tcm.1"), names(dumpDir));
        assertEquals(List.of("doomed.tcm", "doomed.tcm.1"), names(dumpDir.resolve("deleted")));
        assertEquals(asMap(doomed), readDump(dumpDir.resolve("deleted").resolve("doomed.tcm")));
    }

    @Test
    void shouldDeleteTheChangeLogsLeftByAContinuousRunOnceAChannelsDumpIsInPlace() throws IOException
    {
        final Path dumpDir = dir.resolve("dump");
        final DumpDirectory directory = new DumpDirectory(dumpDir);
        try (ChangeLogWriter log = ChangeLogWriter.create(directory.changeLog("a", 3)))
        {
            log.put(1, new UnsafeBuffer(new byte[] {1}), 0, 1);
        }
        final List<DhtRecord> records = records(new Random(1), 10, 100, 1, 20);
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL); DhtClient client = client(node.port()))
        {
            fill(client, "a", records);
            assertTrue(new DumpCycle(context(dumpDir), directory).run(client).isSuccess());
        }
        assertEquals(List.of(), directory.changeLogs("a"), "replayed after the dump, the log would put key 1 back");
        assertEquals(asMap(records), readDump(directory.dumpFile("a")));
    }

    @Test
    void shouldDumpTheOtherChannelsAndRetryTheFailedOneNextCycleWhenOneChannelFails() throws IOException
    {
        final Path dumpDir = dir.resolve("dump");
        final DumpCycle cycle = new DumpCycle(context(dumpDir), new DumpDirectory(dumpDir));
        // A folder where the dump should go makes the final rename of channel "b" fail.
        final Path obstacle = Files.createDirectories(dumpDir.resolve("b.tcm"));
        Files.writeString(obstacle.resolve("keep-me"), "x");
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL); DhtClient client = client(node.port()))
        {
            final Map<String, List<DhtRecord>> channels = Map.of(
                "a", records(new Random(1), 10, 0, 1, 20),
                "b", records(new Random(2), 10, 0, 1, 20),
                "c", records(new Random(3), 10, 0, 1, 20));
            channels.forEach((name, records) -> fill(client, name, records));

            final DumpStats failed = cycle.run(client);

            assertFalse(failed.isSuccess());
            assertEquals(List.of("b"), List.copyOf(failed.failedChannels().keySet()));
            assertTrue(failed.failureReason().startsWith("channel b: failed, previous dump kept: "),
                failed.failureReason());
            assertEquals(asMap(channels.get("a")), readDump(dumpDir.resolve("a.tcm")));
            assertEquals(asMap(channels.get("c")), readDump(dumpDir.resolve("c.tcm")));
            assertEquals(List.of("a.tcm", "b.tcm", "c.tcm", "deleted"), names(dumpDir), "no temporary file left");

            Files.delete(obstacle.resolve("keep-me"));
            Files.delete(obstacle);
            final DumpStats retried = cycle.run(client);

            assertTrue(retried.isSuccess(), retried.failureReason());
            assertEquals(asMap(channels.get("b")), readDump(dumpDir.resolve("b.tcm")));
        }
    }

    @Test
    void shouldFailTheCycleWithoutTouchingAnyDumpWhenTheNodeIsGone() throws IOException
    {
        final Path dumpDir = dir.resolve("dump");
        final DumpCycle cycle = new DumpCycle(context(dumpDir), new DumpDirectory(dumpDir));
        final byte[] before;
        final DhtClient client;
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL))
        {
            client = client(node.port());
            fill(client, "a", records(new Random(1), 10, 0, 1, 20));
            assertTrue(cycle.run(client).isSuccess());
            before = Files.readAllBytes(dumpDir.resolve("a.tcm"));
        }
        try (client)
        {
            final DumpStats stats = cycle.run(client);

            assertFalse(stats.isSuccess());
            assertTrue(stats.failureReason().startsWith("GetChannels failed: "), stats.failureReason());
            assertArrayEquals(before, Files.readAllBytes(dumpDir.resolve("a.tcm")));
            assertEquals(List.of("a.tcm", "deleted"), names(dumpDir), "nothing moved to deleted/");
        }
    }

    @Test
    void shouldLogProgressEveryHundredThousandRecordsOfALargeChannel() throws IOException
    {
        final Path dumpDir = dir.resolve("dump");
        final DumpCycle cycle = new DumpCycle(context(dumpDir), new DumpDirectory(dumpDir));
        final Logger logger = Logger.getLogger(DumpCycle.class.getName());
        final List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Handler handler = new Handler()
        {
            @Override
            public void publish(final LogRecord record)
            {
                final String message = new java.util.logging.SimpleFormatter().formatMessage(record);
                if (message.contains("dumped so far"))
                {
                    progress.add(message);
                }
            }

            @Override
            public void flush()
            {
            }

            @Override
            public void close()
            {
            }
        };
        logger.addHandler(handler);
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL); DhtClient client = client(node.port()))
        {
            fill(client, "large", records(new Random(1), 250_000, 0, 1, 8));
            fill(client, "small", records(new Random(2), 99_999, 0, 1, 8));

            assertTrue(cycle.run(client).isSuccess());
        }
        finally
        {
            logger.removeHandler(handler);
        }
        assertEquals(2, progress.size(), progress.toString());
        assertTrue(progress.get(0).startsWith("channel large: 100000 records dumped so far"), progress.get(0));
        assertTrue(progress.get(1).startsWith("channel large: 200000 records dumped so far"), progress.get(1));
    }

    private static DhtDumpContext context(final Path dumpDir)
    {
        return new DhtDumpContext().address("127.0.0.1").port(1).dataDir(dumpDir).statsFile(null).conclude();
    }

    private static List<String> names(final Path folder) throws IOException
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
