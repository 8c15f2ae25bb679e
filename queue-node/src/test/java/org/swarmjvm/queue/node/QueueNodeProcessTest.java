package org.swarmjvm.queue.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.protocol.queue.client.QueueClientException;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
    private static final int RECORDS = 100_000;
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
    void shouldKeepEveryAcknowledgedRecordInOrderWhenKilledMidStream() throws Exception
    {
        node = start();
        final AtomicInteger acknowledged = new AtomicInteger();
        node.kill9During(RECORDS * 6 / 10, TIMEOUT, done ->
        {
            try (QueueClient client = client())
            {
                for (int i = 0; i < RECORDS; i++)
                {
                    try
                    {
                        client.push("crash", record(i));
                    }
                    catch (final QueueClientException ex)
                    {
                        if (!node.isKillRequested())
                        {
                            throw ex;
                        }
                        break;
                    }
                    acknowledged.set(done.incrementAndGet());
                }
            }
        });
        final int acked = acknowledged.get();
        assertTrue(acked >= RECORDS * 6 / 10 && acked < RECORDS, "killed mid-stream, after " + acked);

        node = start();
        try (QueueClient client = client())
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
        node = start();
        try (QueueClient client = client())
        {
            for (int i = 0; i < 50_000; i++)
            {
                client.push("clean", record(i));
            }
        }
        assertEquals(0, node.terminate(TIMEOUT));
        final Path data = work.resolve("data");
        assertTrue(Files.exists(data.resolve("clean.rq")), "ring dumped");
        assertTrue(Files.size(data.resolve("overflow.dat")) > 0, "records spilled to disk");
        assertTrue(Files.readString(data.resolve("ofchannels.csv")).startsWith("clean "));
        try (var rings = Files.list(data.resolve("rings")))
        {
            assertEquals(0, rings.count());
        }

        node = start();
        try (QueueClient client = client())
        {
            for (int i = 0; i < 50_000; i++)
            {
                assertArrayEquals(record(i), client.pop("clean"), "record " + i);
            }
            assertNull(client.pop("clean"));
        }
    }

    @Test
    @Timeout(180)
    void shouldRefuseASecondNodeOnTheSameDataFolderAndExitZeroOnSigint() throws Exception
    {
        node = start();
        try (QueueClient client = client())
        {
            for (int i = 0; i < 100; i++)
            {
                client.push("shared", record(i));
            }
        }
        final Path second = Files.createDirectories(work.resolve("second"));
        final Path config = Files.writeString(second.resolve("config.ini"),
            QueueNodeProcess.config(work, NodeProcess.freePort(), settings()));
        try (NodeProcess refused = NodeProcess.spawn(QueueNodeMain.class.getName(), List.of("-c", config.toString()),
            second.resolve("node.log")))
        {
            assertEquals(2, refused.awaitExit(TIMEOUT), refused.logTail(20));
            assertTrue(refused.logTail(20).contains("queue-node refuses to start: data folder " + work.resolve("data") +
                " is in use by queue-node pid " + node.pid()), refused.logTail(20));
        }
        try (QueueClient client = client())
        {
            for (int i = 0; i < 100; i++)
            {
                assertArrayEquals(record(i), client.pop("shared"), "record " + i + ", once");
            }
            assertNull(client.pop("shared"));
        }
        assertEquals(0, node.stop("INT", TIMEOUT), node.logTail(20));
    }

    @Test
    @Timeout(120)
    void shouldExitNonZeroWhenItsPortIsTaken() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final int port = taken.getLocalPort();
            final Path config = Files.writeString(work.resolve("config.ini"),
                QueueNodeProcess.config(work, port, settings()));
            final NodeProcess.ExitedBeforeListening exited = assertThrows(NodeProcess.ExitedBeforeListening.class,
                () -> NodeProcess.start(QueueNodeMain.class.getName(), List.of("-c", config.toString()), port,
                    work.resolve("node.log"), TIMEOUT), "the process ends instead of waiting for a signal");
            assertNotEquals(0, exited.exitCode());
        }
    }

    private NodeProcess start()
    {
        return QueueNodeProcess.start(work, settings());
    }

    /** The lines after the {@code [Server]} section's: stats to a file, writes flushed every millisecond. */
    private String[] settings()
    {
        return new String[] {"[Performance]", "write_flush_ms = 1", "[STATS]",
            "file_name = " + work.resolve("stats.log")};
    }

    private QueueClient client()
    {
        return new QueueClient(List.of(node.address()));
    }

    private static byte[] record(final int i)
    {
        return String.format("%09d-crash-test", i).getBytes(StandardCharsets.US_ASCII);
    }
}
