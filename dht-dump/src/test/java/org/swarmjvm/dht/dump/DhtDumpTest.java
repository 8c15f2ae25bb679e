package org.swarmjvm.dht.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.dump.DumpTests.await;
import static org.swarmjvm.dht.dump.DumpTests.client;
import static org.swarmjvm.dht.dump.DumpTests.fill;
import static org.swarmjvm.dht.dump.DumpTests.launchNode;
import static org.swarmjvm.dht.dump.DumpTests.records;

@Timeout(120)
class DhtDumpTest
{
    @TempDir
    Path dir;

    @Test
    void shouldDumpEveryPeriodUntilClosedWhenNotOneshot() throws IOException
    {
        final Path stats = dir.resolve("stats.log");
        final Path dumpDir = dir.resolve("dump");
        try (DhtNode node = launchNode(dir.resolve("node"), HashRange.FULL); DhtClient client = client(node.port()))
        {
            fill(client, "ch", records(new Random(1), 10, 0, 1, 20));
            try (DhtDump dump = DhtDump.launch(new DhtDumpContext()
                .address("127.0.0.1")
                .port(node.port())
                .dataDir(dumpDir)
                .period(Duration.ofMillis(200))
                .minWait(Duration.ZERO)
                .statsFile(stats)))
            {
                await("three cycles", () -> lines(stats) >= 3);
                dump.close();

                assertThrows(DhtDump.OneshotFailedException.class, dump::awaitOneshot);
            }
        }
        final long cycles = lines(stats);
        assertTrue(Files.readString(stats).contains(" channel/ch/records_written:10 "), Files.readString(stats));
        assertEquals(List.of("ch.tcm", "ch.tcm.1", "deleted"), names(dumpDir));
        assertEquals(cycles, lines(stats), "no cycle after close");
    }

    @Test
    void shouldGiveUpAfterMaxTriesWhenTheHandshakeKeepsFailing() throws Exception
    {
        final Path nodeDir = dir.resolve("node");
        final int port;
        try (DhtNode node = launchNode(nodeDir, HashRange.FULL))
        {
            port = node.port();
        }
        try (DhtDump dump = DhtDump.launch(new DhtDumpContext()
            .address("127.0.0.1")
            .port(port)
            .dataDir(dir.resolve("dump"))
            .handshakeRetryWait(Duration.ofMillis(50))
            .oneshot(true)
            .maxTries(3)
            .statsFile(null)))
        {
            final DhtDump.OneshotFailedException ex =
                assertThrows(DhtDump.OneshotFailedException.class, dump::awaitOneshot);

            assertTrue(ex.getMessage().startsWith("gave up after 3 tries: handshake with 127.0.0.1:" + port +
                " failed: "), ex.getMessage());
        }
    }

    private static long lines(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> names(final Path folder) throws IOException
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
