package org.swarmjvm.queue.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.protocol.queue.client.QueueClientException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node as a separate process: killed with SIGKILL in the middle of a stream of pushes it must still hold every
 * record whose Push was answered OK, in order, exactly once; stopped with SIGTERM it must exit 0 after writing
 * the original's files.
 */
class QueueNodeProcessTest
{
    private static final Pattern PORT = Pattern.compile("serving on port (\\d+)");
    private static final int RECORDS = 100_000;

    @TempDir
    Path work;

    private Process process;

    @AfterEach
    void stop()
    {
        if (null != process)
        {
            process.destroyForcibly();
        }
    }

    @Test
    @Timeout(180)
    void shouldKeepEveryAcknowledgedRecordInOrderWhenKilledMidStream() throws Exception
    {
        final Path config = writeConfig();
        int port = start(config);
        final AtomicInteger acknowledged = new AtomicInteger();
        final Process victim = process;
        final CompletableFuture<Void> killer = CompletableFuture.runAsync(() ->
        {
            while (acknowledged.get() < RECORDS * 6 / 10)
            {
                Thread.onSpinWait();
            }
            victim.destroyForcibly();
        });
        try (QueueClient client = client(port))
        {
            for (int i = 0; i < RECORDS; i++)
            {
                try
                {
                    client.push("crash", record(i));
                }
                catch (final QueueClientException ex)
                {
                    break;
                }
                acknowledged.incrementAndGet();
            }
        }
        killer.get(60, TimeUnit.SECONDS);
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, victim.exitValue(), "killed by SIGKILL");
        final int acked = acknowledged.get();
        assertTrue(acked >= RECORDS * 6 / 10 && acked < RECORDS, "killed mid-stream, after " + acked);

        port = start(config);
        try (QueueClient client = client(port))
        {
            for (int i = 0; i < acked; i++)
            {
                assertArrayEquals(record(i), client.pop("crash"), "record " + i + " of " + acked);
            }
            final byte[] extra = client.pop("crash");
            if (null != extra)
            {
                assertArrayEquals(record(acked), extra, "only the push in flight at the kill may have been stored");
                assertNull(client.pop("crash"));
            }
        }
    }

    @Test
    @Timeout(120)
    void shouldExitZeroAndLeaveTheOriginalsFilesWhenTerminated() throws Exception
    {
        final Path config = writeConfig();
        int port = start(config);
        try (QueueClient client = client(port))
        {
            for (int i = 0; i < 50_000; i++)
            {
                client.push("clean", record(i));
            }
        }
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        final Path data = work.resolve("data");
        assertTrue(Files.exists(data.resolve("clean.rq")), "ring dumped");
        assertTrue(Files.size(data.resolve("overflow.dat")) > 0, "records spilled to disk");
        assertTrue(Files.readString(data.resolve("ofchannels.csv")).startsWith("clean "));
        try (var rings = Files.list(data.resolve("rings")))
        {
            assertEquals(0, rings.count());
        }

        port = start(config);
        try (QueueClient client = client(port))
        {
            for (int i = 0; i < 50_000; i++)
            {
                assertArrayEquals(record(i), client.pop("clean"), "record " + i);
            }
            assertNull(client.pop("clean"));
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hung node blocks the output read
    void shouldExitNonZeroWhenItsPortIsTaken() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final Path config = writeConfig(taken.getLocalPort());
            assertThrows(IllegalStateException.class, () -> start(config));
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ends instead of waiting for a signal");
            assertNotEquals(0, process.exitValue());
        }
    }

    private Path writeConfig() throws IOException
    {
        return writeConfig(0);
    }

    private Path writeConfig(final int port) throws IOException
    {
        final Path config = work.resolve("config.ini");
        Files.writeString(config, String.join("\n",
            "[Server]",
            "address = 127.0.0.1",
            "port = " + port,
            "neoport = 0",
            "channel_size_limit = 1000000",
            "data_dir = " + work.resolve("data"),
            "[Performance]",
            "write_flush_ms = 1",
            "[STATS]",
            "file_name = " + work.resolve("stats.log"),
            ""));
        return config;
    }

    private int start(final Path config) throws IOException
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
        command.add(QueueNodeMain.class.getName());
        command.add("-c");
        command.add(config.toString());
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final BufferedReader output =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while (null != (line = output.readLine()))
        {
            final Matcher matcher = PORT.matcher(line);
            if (matcher.find())
            {
                final Thread drain = new Thread(() -> drain(output));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IllegalStateException("the node closed its output before serving");
    }

    private static void drain(final BufferedReader output)
    {
        try
        {
            while (null != output.readLine())
            {
                // the node's log is not checked; reading it keeps the node from blocking on a full pipe
            }
        }
        catch (final IOException ex)
        {
            // the process is gone
        }
    }

    private static QueueClient client(final int port)
    {
        return new QueueClient(List.of(new InetSocketAddress("127.0.0.1", port)));
    }

    private static byte[] record(final int i)
    {
        return String.format("%09d-crash-test", i).getBytes(StandardCharsets.US_ASCII);
    }
}
