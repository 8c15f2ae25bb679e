package org.swarmjvm.queue.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Tmpfs;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.queue.node.storage.QueueStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clean shutdown on a full disk, the node run as its own process: the data directory is a small tmpfs mounted by
 * the test (skipped where mounting is not permitted; it needs root) and filled up after the pushes. No dump fits:
 * the node logs an ERROR line per channel naming the file and the cause, leaves no temporary or empty dump, keeps
 * the ring files (which hold every acknowledged record) and exits non-zero, neither 0 nor the 143 the unit counts
 * as a success. Once the disk has room again, a restart serves every record from the ring files. On a read-only
 * data directory the node does not start, and says why in one line.
 */
class QueueDiskFullTest
{
    private static final String[] CHANNELS = {"full0", "full1", "full2"};
    private static final int RECORDS = 400;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private NodeProcess node;

    @AfterEach
    void stop()
    {
        if (null != node)
        {
            node.close();
        }
    }

    @Test
    @Timeout(180)
    void shouldExitNonZeroLogEveryChannelAndKeepTheRingFilesWhenTheDiskIsFullAtShutdown() throws IOException
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("disk"), "4m", "the full-disk shutdown"))
        {
            final Path data = disk.path().resolve("data");
            node = start(data);
            try (QueueClient client = client())
            {
                for (int i = 0; i < RECORDS; i++)
                {
                    for (final String channel : CHANNELS)
                    {
                        client.push(channel, record(channel, i));
                    }
                }
            }
            final Path filler = disk.fill("filler");

            final int exit = node.terminate(TIMEOUT);
            final String log = Files.readString(work.resolve("node.log"));
            assertNotEquals(0, exit, log);
            assertNotEquals(143, exit, log);
            for (final String channel : CHANNELS)
            {
                assertTrue(log.lines().anyMatch(line -> line.contains("SEVERE") && line.contains(channel + ".rq") &&
                    line.contains("No space left on device") && line.contains(QueueStore.RING_DIRECTORY)), log);
            }
            assertEquals(List.of(), names(data, ".tmp"), "no temporary file is left");
            assertEquals(List.of(), names(data, ".rq"), "no empty or partial dump is left");
            assertEquals(CHANNELS.length, names(data.resolve(QueueStore.RING_DIRECTORY), ".ring").size());

            Files.delete(filler);
            node = start(data);
            try (QueueClient client = client())
            {
                for (final String channel : CHANNELS)
                {
                    for (int i = 0; i < RECORDS; i++)
                    {
                        assertArrayEquals(record(channel, i), client.pop(channel), channel + " record " + i);
                    }
                    assertNull(client.pop(channel));
                }
            }
            assertEquals(0, node.terminate(TIMEOUT), "with room again the shutdown succeeds");
        }
    }

    @Test
    @Timeout(120)
    void shouldRefuseToStartWithOneLineWhenTheDataDirectoryIsNotWritable() throws IOException
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("disk"), "1m", "the read-only data directory"))
        {
            final Path data = Files.createDirectories(disk.path().resolve("data"));
            disk.readOnly();
            final int port = NodeProcess.freePort();
            final Path config = Files.writeString(work.resolve("config.ini"), config(port, data));
            final NodeProcess.ExitedBeforeListening exited = assertThrows(NodeProcess.ExitedBeforeListening.class,
                () -> NodeProcess.start(QueueNodeMain.class.getName(), List.of("-c", config.toString()), port,
                    work.resolve("node.log"), TIMEOUT));
            assertNotEquals(0, exited.exitCode());
            final List<String> log = Files.readAllLines(work.resolve("node.log"));
            assertEquals(1, log.stream().filter(line -> line.contains("SEVERE") &&
                line.contains("data folder " + data + " is not writable")).count(), log::toString);
            assertTrue(log.stream().noneMatch(line -> line.startsWith("\tat ")), "no stack trace: " + log);
        }
    }

    private NodeProcess start(final Path data)
    {
        return NodeProcess.startWithConfig(QueueNodeMain.class.getName(), work, port -> config(port, data));
    }

    private String config(final int port, final Path data)
    {
        return String.join("\n",
            "[Server]",
            "address = 127.0.0.1",
            "port = " + port,
            "channel_size_limit = 100000",
            "data_dir = " + data,
            "[STATS]",
            "file_name = " + work.resolve("stats.log"),
            "");
    }

    private static List<String> names(final Path directory, final String suffix) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(suffix)).sorted()
                .toList();
        }
    }

    private QueueClient client()
    {
        return new QueueClient(List.of(node.address()));
    }

    private static byte[] record(final String channel, final int i)
    {
        return String.format("%s-%05d-acknowledged", channel, i).getBytes(StandardCharsets.US_ASCII);
    }
}
