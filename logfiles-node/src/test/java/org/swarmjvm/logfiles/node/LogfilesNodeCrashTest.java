package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.storage.BucketReader;
import org.swarmjvm.logfiles.node.storage.Checkpoint;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern LISTENING = Pattern.compile("listening on [0-9.]+:([0-9]+)");

    @TempDir
    Path dir;

    @Test
    void shouldServeEveryFlushedRecordAfterKillNine() throws Exception
    {
        final Path dataDir = dir.resolve("data");
        final Path config = dir.resolve("config.ini");
        Files.writeString(config, String.join("\n",
            "[Server]", "address = 127.0.0.1", "port = 0", "data_dir = " + dataDir,
            "[Performance]", "write_flush_ms = 20", "checkpoint_commit_seconds = 1",
            "[STATS]", "file_name = " + dir.resolve("stats.log"), ""));
        final Process process = start(config);
        final int records = 300;
        try
        {
            final int port = awaitPort(process);
            try (LogfilesClient client = new LogfilesClient(new InetSocketAddress("127.0.0.1", port)))
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
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(dataDir.resolve(Checkpoint.FILE_NAME)), "a killed node leaves its checkpoint");
        // what a crash mid-write leaves: half a record behind the last complete one
        final Path bucket = dataDir.resolve("crash/0000000060/000");
        final byte[] whole = Files.readAllBytes(bucket);
        Files.write(bucket, java.util.Arrays.copyOfRange(whole, 16, 16 + 17 + 3), StandardOpenOption.APPEND);

        try (LogfilesNode node = TestNodes.launch(dataDir);
            LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
        {
            assertEquals(SwarmStatus.OK, client.put("crash", key(0), "after the crash".getBytes(StandardCharsets.US_ASCII)));
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

    static Process start(final Path config) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Djava.util.logging"))
            {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LogfilesNodeMain.class.getName());
        command.add("-c");
        command.add(config.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    static int awaitPort(final Process process) throws IOException
    {
        final BufferedReader output =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        final StringBuilder seen = new StringBuilder();
        while (null != (line = output.readLine()))
        {
            seen.append(line).append('\n');
            final Matcher matcher = LISTENING.matcher(line);
            if (matcher.find())
            {
                final Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "node-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("node exited before listening:\n" + seen);
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
