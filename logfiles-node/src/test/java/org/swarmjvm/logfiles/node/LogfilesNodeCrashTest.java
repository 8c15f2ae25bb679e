package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.storage.BucketReader;
import org.swarmjvm.logfiles.node.storage.Checkpoint;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a node process: every record that reached the files before the kill is served after the restart,
 * even when the last committed checkpoint lags behind it (the original truncated to the checkpoint), and a torn
 * tail the crash left is cut off so that new records are readable.
 */
@Timeout(60)
class LogfilesNodeCrashTest
{
    @TempDir
    Path dir;

    @Test
    void shouldServeEveryFlushedRecordAfterKillNine() throws Exception
    {
        final Path dataDir = dir.resolve("data");
        final NodeProcess process = start(dir, dataDir, 20);
        final int records = 300;
        try
        {
            try (LogfilesClient client = new LogfilesClient(process.address()))
            {
                for (int i = 0; i < records / 2; i++)
                {
                    assertEquals(SwarmStatus.OK, client.put("crash", key(i), value(i)));
                }
                await(() -> Files.exists(dataDir.resolve(Checkpoint.FILE_NAME)) && checkpointLists(dataDir, 3));
                for (int i = records / 2; i < records; i++)
                {
                    assertEquals(SwarmStatus.OK, client.put("crash", key(i), value(i)));
                }
                // Written out by the 20 ms flush timer, well before the next 1 s commit: the checkpoint on disk
                // then lists the lengths of the first half only (observed: 2293 of 4668 bytes), and the
                // original would have cut the second half off at restart.
                await(() -> onDisk(dataDir) == records);
            }
        }
        finally
        {
            process.kill9();
        }
        assertTrue(Files.exists(dataDir.resolve(Checkpoint.FILE_NAME)), "a killed node leaves its checkpoint");
        // what a crash mid-write leaves: half a record behind the last complete one
        final Path bucket = dataDir.resolve("crash/0000000060/000");
        final byte[] whole = Files.readAllBytes(bucket);
        Files.write(bucket, java.util.Arrays.copyOfRange(whole, 16, 16 + 17 + 3), StandardOpenOption.APPEND);

        try (LogfilesNode node = TestNodes.launch(dataDir);
            LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
        {
            assertEquals(SwarmStatus.OK, client.put("crash", key(0),
                "after the crash".getBytes(StandardCharsets.US_ASCII)));
            final List<String> values = new ArrayList<>();
            assertEquals(SwarmStatus.OK, client.getAll("crash", (key, buffer, offset, length) ->
                values.add(buffer.getStringWithoutLengthAscii(offset, length))));
            assertEquals(records + 1, values.size());
            for (int i = 0; i < records; i++)
            {
                assertTrue(values.contains(new String(value(i), StandardCharsets.US_ASCII)), "record " + i);
            }
            assertTrue(values.contains("after the crash"));
        }
    }

    private static long key(final int i)
    {
        return 0x60000000L + (i % 3) * 4096L + i;
    }

    private static byte[] value(final int i)
    {
        return ("record " + i + " " + "x".repeat(i % 40)).getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean checkpointLists(final Path dataDir, final int buckets)
    {
        try
        {
            return Checkpoint.read(dataDir.resolve(Checkpoint.FILE_NAME)).size() >= buckets;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static int onDisk(final Path dataDir)
    {
        int count = 0;
        try (BucketReader reader = new BucketReader(4096))
        {
            for (final String bucket : new String[] {"000", "001", "002"})
            {
                if (reader.open(dataDir.resolve("crash/0000000060/" + bucket)))
                {
                    while (reader.next())
                    {
                        count++;
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            return -1;
        }
        return count;
    }

    /**
     * Starts a node process on a free port, its checkpoint committed every second.
     *
     * @param work    folder for its config, log and stats.
     * @param dataDir its data directory.
     * @param flushMs its {@code write_flush_ms}.
     * @return the running node.
     */
    static NodeProcess start(final Path work, final Path dataDir, final int flushMs)
    {
        return NodeProcess.startWithConfig(LogfilesNodeMain.class.getName(), work, port -> String.join("\n",
            "[Server]", "address = 127.0.0.1", "port = " + port, "data_dir = " + dataDir,
            "[Performance]", "write_flush_ms = " + flushMs, "checkpoint_commit_seconds = 1",
            "[STATS]", "file_name = " + work.resolve("stats.log"), ""));
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("condition not met within 20 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
