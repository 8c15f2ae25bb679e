package org.swarmjvm.dht.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.Tmpfs;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.tcm.ChangeLogReader;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.support.config.IniFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.dump.DumpTests.assertSameRecords;
import static org.swarmjvm.dht.dump.DumpTests.await;
import static org.swarmjvm.dht.dump.DumpTests.client;
import static org.swarmjvm.dht.dump.DumpTests.getAll;
import static org.swarmjvm.dht.dump.DumpTests.launchNeoNode;
import static org.swarmjvm.dht.dump.DumpTests.launchNode;
import static org.swarmjvm.dht.dump.DumpTests.writeContinuousConfig;
import static org.swarmjvm.dht.dump.DumpTests.writeCredentials;

/**
 * The continuous mode on a full disk: dht-dump's folder is a small tmpfs (skipped where mounting is not permitted;
 * it needs root), filled while the node takes puts. The failed write is logged once, not once per record or per
 * retry; dht-dump stops following the channel (no Mirror, nothing kept per record while the disk is full) and
 * leaves every change log whole, so a node started from the folder replays all of them; the node serves on. Once
 * the disk has room, dht-dump follows the channel afresh and a node started from a copy of the folder, taken while
 * dht-dump runs as a kill would leave it, holds every record acked before.
 */
class ContinuousDumpDiskFullTest
{
    private static final String CHANNEL = "full";
    private static final int BEFORE = 100;
    private static final int WHILE_FULL = 3_000;
    private static final long MARKER = 1L << 40;
    private static final long LOGGED = MARKER + 1;
    /** The start of each line the follower logs about a failure. */
    private static final String FAILURE = "channel " + CHANNEL + ": cannot";

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldLogOnceKeepTheLogsWholeAndCatchUpWhenTheDumpFolderFillsAndHasRoomAgain() throws IOException
    {
        final Path credentials = writeCredentials(dir);
        final Path copy = dir.resolve("copy");
        final Map<Long, String> expected;
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("dump"), "16m", "the continuous dump on a full disk");
            DhtNode node = launchNeoNode(dir.resolve("node"), 0, 0, credentials);
            DhtClient client = client(node.port());
            LogCapture log = new LogCapture())
        {
            final Path dumpDir = disk.path();
            final Path config = writeContinuousConfig(dir, node.port(), node.neoPort(), credentials, dumpDir);
            try (DhtDump dump = DhtDump.launch(DhtDumpContext.fromIni(IniFile.read(config))))
            {
                for (int i = 0; i < BEFORE; i++)
                {
                    client.put(CHANNEL, i, value(i));
                }
                await("the channel followed", () -> dump.followedChannels().contains(CHANNEL));
                await("the puts on disk", () -> ContinuousDumpTest.isDumped(dumpDir, CHANNEL, BEFORE - 1));
                // The puts above may all be in the snapshot; one after the follow began is in a change log, so
                // that the failure below has a log with entries to cut back (without it the first log is empty,
                // deleted at the failure, and there would be nothing to check).
                client.put(CHANNEL, LOGGED, value(0));
                await("a put in a change log on disk", () -> ContinuousDumpTest.isLogged(dumpDir, CHANNEL, LOGGED));
                final Path filler = disk.fill("filler");

                // 1 KiB values: the 64 KiB write buffer is written many times over while the disk is full.
                for (int i = BEFORE; i < BEFORE + WHILE_FULL; i++)
                {
                    client.put(CHANNEL, i, value(i));
                }
                await("the failed write logged", () -> log.count(Level.SEVERE, CHANNEL) > 0);
                await("the follow dropped", () -> !dump.followedChannels().contains(CHANNEL));
                for (int i = 0; i < BEFORE; i++)
                {
                    client.put(CHANNEL, BEFORE + WHILE_FULL + i, value(i));
                }
                assertEquals(1, log.count(Level.SEVERE, FAILURE), log::toString);
                assertLogsWhole(dumpDir);

                Files.delete(filler);
                await("the channel followed again", () -> dump.followedChannels().contains(CHANNEL));
                client.put(CHANNEL, MARKER, value(0));
                await("the last put on disk", () -> ContinuousDumpTest.isDumped(dumpDir, CHANNEL, MARKER));
                expected = getAll(client, CHANNEL);
                copyFolder(dumpDir, copy);
            }
            assertEquals(1, log.count(Level.SEVERE, FAILURE), log::toString);
            // A compaction started just before the disk filled may fail too: once, as it is started only by a
            // snapshot or a closed log.
            assertTrue(log.count(Level.SEVERE, "") - 1 <= log.count(Level.SEVERE, "compaction of channel"),
                log::toString);
            assertTrue(log.count(Level.INFO, "writes succeed again") > 0, log::toString);
        }
        assertEquals(BEFORE * 2 + WHILE_FULL + 2, expected.size());
        try (DhtNode fresh = launchNode(copy, HashRange.FULL); DhtClient client = client(fresh.port()))
        {
            assertSameRecords(expected, getAll(client, CHANNEL), "records acked before the copy");
        }
    }

    /**
     * Every change log reads to its end: a replay would not stop at a torn one and miss the logs after it.
     */
    private static void assertLogsWhole(final Path dumpDir) throws IOException
    {
        final List<Path> logs = new DumpDirectory(dumpDir).changeLogs(CHANNEL);
        assertTrue(!logs.isEmpty(), "the channel has change logs");
        for (final Path log : logs)
        {
            try (ChangeLogReader reader = ChangeLogReader.open(log))
            {
                while (reader.next())
                {
                    // read to the end or the damage
                }
                assertNull(reader.damage(), log + " of " + Files.size(log) + " bytes");
            }
        }
        try (Stream<Path> files = Files.list(dumpDir))
        {
            assertEquals(List.of(), files.map(Path::getFileName).map(Path::toString)
                .filter(name -> name.endsWith(".dumping")).toList(), "no temporary snapshot is left");
        }
    }

    private static void copyFolder(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static byte[] value(final int i)
    {
        final byte[] value = new byte[1024];
        Arrays.fill(value, (byte)('a' + i % 26));
        final byte[] label = ("value-" + i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, value, 0, label.length);
        return value;
    }
}
