package org.swarmjvm.dht.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor;
import org.swarmjvm.protocol.dht.tcm.ChangeLogReader;
import org.swarmjvm.protocol.dht.tcm.ChangeLogWriter;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.dht.tcm.TcmReader;
import org.swarmjvm.support.config.IniFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.dump.DumpTests.assertSameRecords;
import static org.swarmjvm.dht.dump.DumpTests.await;
import static org.swarmjvm.dht.dump.DumpTests.client;
import static org.swarmjvm.dht.dump.DumpTests.fill;
import static org.swarmjvm.dht.dump.DumpTests.getAll;
import static org.swarmjvm.dht.dump.DumpTests.launchNeoNode;
import static org.swarmjvm.dht.dump.DumpTests.launchNode;
import static org.swarmjvm.dht.dump.DumpTests.records;
import static org.swarmjvm.dht.dump.DumpTests.writeContinuousConfig;
import static org.swarmjvm.dht.dump.DumpTests.writeCredentials;

/**
 * The continuous mode against a real node: what a fresh node loads from the dump folder (dump + logs) is what the
 * node held, through puts, removals, new and removed channels, compactions and a restart of the node.
 */
@Timeout(180)
class ContinuousDumpTest
{
    private static final long MARKER = 0x7fff_ffff_ffff_fff1L;

    @TempDir
    Path dir;

    @Test
    void shouldLeaveWhatTheNodeHoldsInTheDumpFolderThroughChangesNewAndRemovedChannelsAndCompactions()
        throws IOException
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Path credentials = writeCredentials(dir);
        final Path dumpDir = dir.resolve("dump");
        final Map<Long, String> expectedA;
        final Map<Long, String> expectedB;
        try (DhtNode node = launchNeoNode(dir.resolve("node"), 0, 0, credentials);
            DhtClient client = client(node.port());
            LogCapture log = new LogCapture())
        {
            fill(client, "a", records(random, 5_000, 0, 1, 40));
            fill(client, "gone", records(random, 100, 0, 1, 10));
            final Path config = writeContinuousConfig(dir, node.port(), node.neoPort(), credentials, dumpDir,
                "compact_log_kb = 16");
            try (DhtDump dump = DhtDump.launch(DhtDumpContext.fromIni(IniFile.read(config))))
            {
                await("both channels followed", () -> dump.followedChannels().containsAll(Set.of("a", "gone")));
                for (int i = 0; i < 3_000; i++)
                {
                    client.put("a", random.nextInt(8_000), value(random));
                    if (0 == i % 5)
                    {
                        client.remove("a", random.nextInt(8_000));
                    }
                }
                client.put("b", 1, value(random));
                await("the new channel followed", () -> dump.followedChannels().contains("b"));
                client.put("b", 2, value(random));
                client.removeChannel("gone");
                await("the removed channel no longer followed", () -> !dump.followedChannels().contains("gone"));
                await("a compaction", () -> dump.compactions() > 0);
                client.put("a", MARKER, value(random));
                await("the last put on disk", () -> isDumped(dumpDir, "a", MARKER));
                expectedA = getAll(client, "a");
                expectedB = getAll(client, "b");
            }
            assertEquals(0, log.count(Level.SEVERE, ""), log::toString);
        }
        assertTrue(Files.exists(dumpDir.resolve("deleted/gone.tcm")) ||
            Files.exists(dumpDir.resolve("deleted/gone.tcl.0")), "the removed channel's files are in deleted/");
        try (DhtNode fresh = launchNode(dumpDir, HashRange.FULL); DhtClient client = client(fresh.port()))
        {
            assertEquals(Set.of("a", "b"), client.getChannels());
            assertSameRecords(expectedA, getAll(client, "a"), "seed " + seed + ", channel a");
            assertSameRecords(expectedB, getAll(client, "b"), "seed " + seed + ", channel b");
        }
    }

    @Test
    void shouldFollowTheChannelsAfreshWhenTheNodeRestarts() throws IOException
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Path credentials = writeCredentials(dir);
        final Path dumpDir = dir.resolve("dump");
        final int port = NodeProcess.freePort();
        final int neoPort = NodeProcess.freePort();
        final Path config = writeContinuousConfig(dir, port, neoPort, credentials, dumpDir);
        final Map<Long, String> expected;
        try (DhtDump dump = DhtDump.launch(DhtDumpContext.fromIni(IniFile.read(config))))
        {
            try (DhtNode node = launchNeoNode(dir.resolve("node"), port, neoPort, credentials);
                DhtClient client = client(node.port()))
            {
                fill(client, "a", records(random, 1_000, 0, 1, 40));
                await("the channel followed", () -> dump.followedChannels().contains("a"));
                client.put("a", 5_000, value(random));
            }
            final long snapshots = dump.snapshots();
            try (DhtNode node = launchNeoNode(dir.resolve("node"), port, neoPort, credentials);
                DhtClient client = client(node.port()))
            {
                await("a fresh snapshot after the restart", () -> dump.snapshots() > snapshots);
                client.remove("a", 5_000);
                client.remove("a", 1);
                client.put("a", MARKER, value(random));
                await("the last put on disk", () -> isDumped(dumpDir, "a", MARKER));
                expected = getAll(client, "a");
            }
        }
        try (DhtNode fresh = launchNode(dumpDir, HashRange.FULL); DhtClient client = client(fresh.port()))
        {
            assertSameRecords(expected, getAll(client, "a"), "seed " + seed);
        }
    }

    @Test
    void shouldCutBackATornLogTailAtStartAndSayWhere() throws IOException
    {
        final Path dumpDir = dir.resolve("dump");
        final DumpDirectory directory = new DumpDirectory(dumpDir);
        final Path log = directory.changeLog("a", 4);
        final long whole;
        try (ChangeLogWriter writer = ChangeLogWriter.create(log))
        {
            writer.remove(1);
            whole = writer.length();
        }
        Files.write(log, new byte[] {30, 0, 0, 0, 1, 2}, StandardOpenOption.APPEND);
        final Path config = writeContinuousConfig(dir, NodeProcess.freePort(), NodeProcess.freePort(),
            writeCredentials(dir), dumpDir);
        try (LogCapture capture = new LogCapture())
        {
            DhtDump.launch(DhtDumpContext.fromIni(IniFile.read(config))).close();
            assertEquals(1, capture.count(Level.WARNING, "change log " + log + ": torn tail cut back from " +
                (whole + 6) + " to " + whole + " bytes after 1 whole entries"), capture::toString);
        }
        assertEquals(whole, Files.size(log));
    }

    private static byte[] value(final Random random)
    {
        return ("v" + random.nextInt(1_000_000)).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Whether a put of the key reached the channel's logs or dump; files compacted away meanwhile count as not
     * yet, for the next poll.
     */
    static boolean isDumped(final Path dumpDir, final String channel, final long key)
    {
        final DumpDirectory directory = new DumpDirectory(dumpDir);
        try
        {
            if (isLogged(directory, channel, key))
            {
                return true;
            }
            if (Files.exists(directory.dumpFile(channel)))
            {
                try (TcmReader reader = TcmReader.open(directory.dumpFile(channel)))
                {
                    while (reader.next())
                    {
                        if (key == reader.key())
                        {
                            return true;
                        }
                    }
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            return false;
        }
        return false;
    }

    /**
     * @return true when a change log of the channel on disk holds a Put of the key (the snapshot is not read).
     */
    static boolean isLogged(final Path dumpDir, final String channel, final long key)
    {
        try
        {
            return isLogged(new DumpDirectory(dumpDir), channel, key);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static boolean isLogged(final DumpDirectory directory, final String channel, final long key)
        throws IOException
    {
        for (final Path log : directory.changeLogs(channel))
        {
            try (ChangeLogReader reader = ChangeLogReader.open(log))
            {
                while (reader.next())
                {
                    if (ChangeLogDescriptor.PUT == reader.type() && key == reader.key())
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
