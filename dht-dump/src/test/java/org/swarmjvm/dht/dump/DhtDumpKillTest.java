package org.swarmjvm.dht.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtRecord;
import org.swarmjvm.support.config.IniFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.dump.DumpTests.asMap;
import static org.swarmjvm.dht.dump.DumpTests.assertSameRecords;
import static org.swarmjvm.dht.dump.DumpTests.await;
import static org.swarmjvm.dht.dump.DumpTests.client;
import static org.swarmjvm.dht.dump.DumpTests.fill;
import static org.swarmjvm.dht.dump.DumpTests.getAll;
import static org.swarmjvm.dht.dump.DumpTests.launchNode;
import static org.swarmjvm.dht.dump.DumpTests.readDump;
import static org.swarmjvm.dht.dump.DumpTests.records;
import static org.swarmjvm.dht.dump.DumpTests.size;
import static org.swarmjvm.dht.dump.DumpTests.writeConfig;

@Timeout(300)
class DhtDumpKillTest
{
    private static final int RECORDS = 200_000;
    private static final long FIRST_BUDGET = 256 * 1024;
    private static final long SECOND_BUDGET = 2 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldLeaveThePreviousDumpLoadableWhenKilledInTheMiddleOfALargeChannel() throws Exception
    {
        final long seed = System.nanoTime();
        final String context = "seed " + seed;
        final Random random = new Random(seed);
        final Path dumpDir = dir.resolve("dump");
        final List<DhtRecord> first = records(random, RECORDS, 0, 1, 40);
        final byte[] previous;
        final Path unfinished;
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL); DhtClient client = client(node.port()))
        {
            fill(client, "big", first);
            final Path direct = writeConfig(Files.createDirectories(dir.resolve("direct")), node.port(), dumpDir);
            try (DhtDump dump = DhtDump.launch(DhtDumpContext.fromIni(IniFile.read(direct)).oneshot(true)))
            {
                dump.awaitOneshot();
            }
            previous = Files.readAllBytes(dumpDir.resolve("big.tcm"));
            assertSameRecords(asMap(first), readDump(dumpDir.resolve("big.tcm")), context);
            fill(client, "big", records(random, RECORDS, 0, 1, 40));
            assertNotEquals(asMap(first), getAll(client, "big"), context + ": the second fill changed nothing");

            try (StallingProxy proxy = new StallingProxy(node.port(), FIRST_BUDGET))
            {
                final Path proxied = writeConfig(
                    Files.createDirectories(dir.resolve("proxied")), proxy.port(), dumpDir);
                final Process process = startDhtDump(proxied, "--oneshot");
                try
                {
                    await("a temporary dump file with data", () -> unfinishedDumps(dumpDir).stream()
                        .anyMatch(file -> size(file) > 0));
                    unfinished = unfinishedDumps(dumpDir).get(0);
                    final long stalledSize = size(unfinished);
                    proxy.budget(SECOND_BUDGET);
                    await("the temporary dump file to grow", () -> size(unfinished) > stalledSize);
                    assertTrue(process.isAlive(), "dht-dump is still in the middle of the channel");

                    process.destroyForcibly();

                    assertTrue(process.waitFor(DumpTests.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                    assertEquals(128 + 9, process.exitValue(), "killed by SIGKILL");
                }
                finally
                {
                    process.destroyForcibly();
                }
            }
        }

        assertArrayEquals(previous, Files.readAllBytes(dumpDir.resolve("big.tcm")), "previous dump intact");
        assertTrue(Files.exists(unfinished), unfinished + " is left behind by the killed process");
        try (DhtNode fresh = launchNode(dumpDir, HashRange.FULL); DhtClient client = client(fresh.port()))
        {
            assertEquals(Set.of("big"), client.getChannels(), "the temporary file is not loaded as a channel");
            assertSameRecords(asMap(first), getAll(client, "big"), context + ", reloaded");
        }

        try (LogCapture log = new LogCapture())
        {
            final Path restart = writeConfig(Files.createDirectories(dir.resolve("restart")), NodeProcess.freePort(),
                dumpDir);
            DhtDump.launch(DhtDumpContext.fromIni(IniFile.read(restart))).close();
            assertFalse(Files.exists(unfinished), unfinished + " is deleted when dht-dump starts again");
            assertEquals(1, log.count(Level.INFO, "deleted " + unfinished + ": a dump left unfinished"),
                log::toString);
        }
        assertArrayEquals(previous, Files.readAllBytes(dumpDir.resolve("big.tcm")), "previous dump intact");
    }

    private static Process startDhtDump(final Path config, final String... args) throws IOException
    {
        final List<String> arguments = new ArrayList<>(List.of("-c", config.toString()));
        arguments.addAll(List.of(args));
        return new ProcessBuilder(NodeProcess.javaCommand(DhtDumpMain.class.getName(), arguments))
            .redirectErrorStream(true)
            .redirectOutput(config.resolveSibling("dht-dump.out").toFile())
            .start();
    }

    private static List<Path> unfinishedDumps(final Path dumpDir)
    {
        return DumpTests.files(dumpDir, name -> name.matches("big\\.tcm\\.[A-Za-z0-9]{6}\\.dumping"));
    }
}
