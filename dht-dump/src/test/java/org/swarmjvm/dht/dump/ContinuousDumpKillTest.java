package org.swarmjvm.dht.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.dht.node.DhtNodeMain;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.process.CrashSettings;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;
import org.swarmjvm.support.config.IniFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.dump.DumpTests.await;
import static org.swarmjvm.dht.dump.DumpTests.client;
import static org.swarmjvm.dht.dump.DumpTests.launchNeoNode;
import static org.swarmjvm.dht.dump.DumpTests.launchNode;
import static org.swarmjvm.dht.dump.DumpTests.writeContinuousConfig;
import static org.swarmjvm.dht.dump.DumpTests.writeCredentials;

/**
 * kill -9 against the continuous mode. The node, under Put and Remove load with dht-dump following it into the
 * node's own data folder, is killed again and again; after each restart (the node loads dump + logs) every record
 * acked more than a second before the kill is there and every removal acked that long before holds. And dht-dump
 * killed in the middle of a compaction leaves a folder that loses nothing. The short forms run in the test
 * suite; {@code -Dswarm.crash.rounds=N} and {@code -Dswarm.crash.seed=S} change the first
 * ({@code scripts/crash-long dht-continuous 100} runs the full form).
 */
class ContinuousDumpKillTest
{
    /** The suite's rounds: about a minute; {@code scripts/crash-long dht-continuous 100} runs the full form. */
    private static final int SUITE_ROUNDS = 5;
    private static final int ROUNDS = Integer.getInteger("swarm.crash.rounds", SUITE_ROUNDS);
    private static final int COMPACTION_KILLS = 3;
    private static final String CHANNEL = "kill";
    private static final int REQUESTS_PER_S = 2_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    // Every wait of a round has its own deadline; the full form's hundred rounds take up to half a minute each.
    @Timeout(value = 3, unit = TimeUnit.HOURS)
    void shouldKeepEveryRecordAckedOverASecondBeforeEachKill9OfTheNode() throws Exception
    {
        final long seed = CrashSettings.seed(System.nanoTime());
        final long started = System.nanoTime();
        final Random random = new Random(seed);
        final Path credentials = writeCredentials(dir);
        final Path dataDir = Files.createDirectories(dir.resolve("data"));
        final int port = NodeProcess.freePort();
        final Path nodeConfig = DumpTests.writeNodeConfig(dir, port, dataDir, credentials,
            ROUNDS * 3 * REQUESTS_PER_S + 10_000);
        final AckJournal journal = new AckJournal(CHANNEL, ROUNDS * 3 * REQUESTS_PER_S + 1_000, seed, REQUESTS_PER_S);
        long checked = 0;
        long lost = 0;
        final StringBuilder wrong = new StringBuilder();
        try (LogCapture log = new LogCapture();
            DhtDump dump = DhtDump.launch(DhtDumpContext.fromIni(IniFile.read(writeContinuousConfig(
                Files.createDirectories(dir.resolve("dump")), port, port + 100, credentials, dataDir)))
                .handshakeRetryWait(Duration.ofMillis(100))))
        {
            long crashNanos = 0;
            for (int round = 0; round <= ROUNDS; round++)
            {
                final long snapshots = dump.snapshots();
                final NodeProcess node = NodeProcess.start(DhtNodeMain.class.getName(),
                    List.of("-c", nodeConfig.toString()), port, dir.resolve("node.log"), START_TIMEOUT,
                    NodeProcess.QUICK_START_FLAGS);
                try (DhtClient client = client(port))
                {
                    if (round > 0)
                    {
                        final long[] figures = journal.check(crashNanos, getAll(client), true, wrong);
                        checked += figures[0];
                        lost += figures[1];
                        assertEquals(0, figures[1], "round " + round + ", seed " + seed + ": " + wrong + "\n" +
                            log + "\n" + node.logTail(40));
                        if (0 == round % 10)
                        {
                            System.out.printf("crash dht-continuous round %d: %,d records checked, lost %d%n", round,
                                checked, lost);
                        }
                    }
                    if (round == ROUNDS)
                    {
                        node.kill9();
                        break;
                    }
                    client.put(CHANNEL, Long.MAX_VALUE, AckJournal.value(0));
                    await("dht-dump following the restarted node",
                        () -> dump.snapshots() > snapshots && dump.followedChannels().contains(CHANNEL));
                    final AtomicBoolean running = new AtomicBoolean(true);
                    final Thread load = new Thread(() -> journal.run(client, running::get), "kill-load");
                    load.start();
                    final long loadMillis = 1_000 + random.nextInt(1_500);
                    final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(loadMillis);
                    await("the load to run " + loadMillis + " ms", () -> System.nanoTime() - until > 0 ||
                        !load.isAlive());
                    crashNanos = System.nanoTime();
                    node.kill9();
                    running.set(false);
                    load.join(TimeUnit.SECONDS.toMillis(30));
                }
                finally
                {
                    node.close();
                }
            }
        }
        System.out.printf("crash dht-continuous seed %d: %d rounds of kill -9 of the node under load, %,d puts, " +
            "%,d records checked, lost %d, %.1f s%n", seed, ROUNDS, journal.puts(), checked, lost,
            (System.nanoTime() - started) / 1e9);
        assertEquals(0, lost);
        assertTrue(checked > 0, "the check checked something");
    }

    @Test
    @Timeout(300)
    void shouldLoseNothingWhenDhtDumpIsKilledInTheMiddleOfACompaction() throws Exception
    {
        final long seed = System.nanoTime();
        final Path credentials = writeCredentials(dir);
        final Path dumpDir = Files.createDirectories(dir.resolve("dump"));
        final AckJournal journal = new AckJournal(CHANNEL, 1_000_000, seed, REQUESTS_PER_S);
        final StringBuilder wrong = new StringBuilder();
        long checked = 0;
        try (LogCapture log = new LogCapture();
            DhtNode node = launchNeoNode(dir.resolve("node"), 0, 0, credentials);
            DhtClient client = client(node.port()))
        {
            // At 1 MB/s a compaction takes seconds, so the kill lands in its middle.
            DumpTests.fill(client, "big", DumpTests.records(new Random(seed), 50_000, 1L << 40, 1, 40));
            final Path config = writeContinuousConfig(Files.createDirectories(dir.resolve("conf")), node.port(),
                node.neoPort(), credentials, dumpDir, "compact_max_mb_s = 1");
            final AtomicBoolean running = new AtomicBoolean(true);
            final Thread load = new Thread(() -> journal.run(client(node.port()), running::get), "kill-load");
            load.start();
            try
            {
                for (int round = 0; round < COMPACTION_KILLS; round++)
                {
                    final Set<Path> stale = compactionFiles(dumpDir);
                    final NodeProcess dhtDump = NodeProcess.spawn(DhtDumpMain.class.getName(),
                        List.of("-c", config.toString()), dir.resolve("dht-dump.log"), NodeProcess.QUICK_START_FLAGS);
                    final long crashNanos;
                    try
                    {
                        assertTrue(dhtDump.kill9When(() -> !stale.containsAll(compactionFiles(dumpDir)),
                            START_TIMEOUT),
                            "dht-dump exited before compacting: " + dhtDump.logTail(20));
                        crashNanos = System.nanoTime();
                    }
                    finally
                    {
                        dhtDump.close();
                    }
                    assertTrue(!stale.containsAll(compactionFiles(dumpDir)),
                        "killed with a compaction's temporary file in place");
                    final Map<Long, byte[]> held;
                    try (DhtNode fresh = launchNode(dumpDir, HashRange.FULL); DhtClient freshClient =
                        client(fresh.port()))
                    {
                        held = getAll(freshClient, CHANNEL);
                        assertEquals(50_000, DumpTests.getAll(freshClient, "big").size());
                    }
                    final long[] figures = journal.check(crashNanos, held, false, wrong);
                    checked += figures[0];
                    assertEquals(0, figures[1], "round " + round + ", seed " + seed + ": " + wrong + "\n" + log);
                }
            }
            finally
            {
                running.set(false);
                load.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        assertTrue(checked > 0, "the check checked something");
    }

    /**
     * @return the temporary files of compactions of the loaded channel in progress or cut off, that hold data: it
     *         is compacted after its snapshot, so once one appears every write acked since dht-dump started is
     *         in the folder.
     */
    private static Set<Path> compactionFiles(final Path dumpDir)
    {
        return DumpTests.files(dumpDir, name -> name.endsWith(TcmWriter.TEMP_SUFFIX) &&
            name.startsWith(CHANNEL + TcmWriter.SUFFIX + ".")).stream().filter(file -> DumpTests.size(file) > 0)
            .collect(Collectors.toSet());
    }

    private static Map<Long, byte[]> getAll(final DhtClient client)
    {
        return getAll(client, CHANNEL);
    }

    private static Map<Long, byte[]> getAll(final DhtClient client, final String channel)
    {
        final Map<Long, byte[]> records = new HashMap<>();
        if (client.getChannels().contains(channel))
        {
            client.getAll(channel, records::put);
        }
        return records;
    }
}
