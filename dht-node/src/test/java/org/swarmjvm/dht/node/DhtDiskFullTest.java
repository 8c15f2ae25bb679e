package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.dump.ChannelDumper;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.Tmpfs;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shutdown dump on a full disk: the data directory is a 1 MiB tmpfs mounted by the test (skipped where
 * mounting is not permitted; it needs root). A dump that does not fit is tried again, each failure logged, then one
 * ERROR line names the channel and the cause and closing the node fails; no temporary file is left, the previous
 * dump of every channel is intact; once the file system has room again, the next dump succeeds and loads back
 * whole.
 */
class DhtDiskFullTest
{
    private static final int SMALL_RECORDS = 100;
    private static final int BIG_RECORDS = 3000;
    private static final int BIG_VALUE = 1024;

    @TempDir
    Path work;

    @Test
    void shouldLogTheFullDiskKeepThePreviousDumpAndDumpAgainOnceThereIsRoom() throws IOException
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("disk"), "1m", "the full-disk dump"))
        {
            checkFullDisk(disk);
        }
    }

    private static void checkFullDisk(final Tmpfs disk) throws IOException
    {
        final Path dataDir = disk.path().resolve("data");

        try (DhtNode node = launch(dataDir); DhtClient client = connect(node))
        {
            putAll(client, "small", SMALL_RECORDS, 10);
        }
        final byte[] smallDump = Files.readAllBytes(dataDir.resolve("small" + TcmWriter.SUFFIX));

        try (LogCapture log = new LogCapture())
        {
            final DhtNode full = launch(dataDir);
            try (DhtClient client = connect(full))
            {
                assertEquals(SMALL_RECORDS, count(client, "small"));
                putAll(client, "big", BIG_RECORDS, BIG_VALUE);
            }
            final IllegalStateException failed = assertThrows(IllegalStateException.class, full::close);
            assertTrue(failed.getMessage().contains("1 channel(s) could not be dumped") &&
                failed.getMessage().contains("[big]"), failed.getMessage());
            assertEquals(ChannelDumper.ATTEMPTS - 1, log.count(Level.WARNING, "dump of channel big failed (attempt"),
                log::toString);
            assertEquals(1, log.count(Level.SEVERE, "dump of channel big failed 3 times; the previous dump is kept"),
                log::toString);
            assertEquals(1, log.count(Level.SEVERE, "No space left on device"), log::toString);
        }
        assertEquals(List.of("small.tcm"), dumpDirectoryFiles(dataDir), "no temporary or partial file is left");
        assertTrue(Arrays.equals(smallDump, Files.readAllBytes(dataDir.resolve("small.tcm"))),
            "the previous dump of small is unchanged");

        try (DhtNode node = launch(dataDir); DhtClient client = connect(node))
        {
            assertEquals(SMALL_RECORDS, count(client, "small"));
            assertEquals(0, count(client, "big"));
            putAll(client, "big", BIG_RECORDS, BIG_VALUE);
            disk.resize("64m");
        }
        try (DhtNode node = launch(dataDir); DhtClient client = connect(node))
        {
            assertEquals(SMALL_RECORDS, count(client, "small"));
            assertEquals(BIG_RECORDS, count(client, "big"));
        }
        assertEquals(List.of("big.tcm", "small.tcm"), dumpDirectoryFiles(dataDir));
    }

    private static DhtNode launch(final Path dataDir)
    {
        return TestNodes.launch(dataDir, new HashRange(0, -1), UnaryOperator.identity());
    }

    private static DhtClient connect(final DhtNode node)
    {
        return DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port())));
    }

    private static void putAll(final DhtClient client, final String channel, final int records, final int length)
    {
        for (int key = 0; key < records; key++)
        {
            final byte[] value = new byte[length];
            Arrays.fill(value, (byte)('a' + key % 26));
            client.put(channel, key, value);
        }
    }

    private static int count(final DhtClient client, final String channel)
    {
        final Map<Long, byte[]> records = new HashMap<>();
        client.getAll(channel, records::put);
        return records.size();
    }

    private static List<String> dumpDirectoryFiles(final Path dataDir) throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir))
        {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
