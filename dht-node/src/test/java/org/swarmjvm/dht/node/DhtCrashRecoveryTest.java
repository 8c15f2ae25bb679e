package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.process.CrashSettings;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crash recovery of the DHT node run as its own process: rounds of start, check, load, then one of three ends,
 * picked at random — kill -9 in the middle of the load, SIGTERM and a clean shutdown dump, or SIGTERM and kill -9
 * the moment a dump's temporary {@code .dumping} file appears. The node's promise: a start loads exactly the last
 * completed dump (for a kill during the dump, each channel either its previous or its new dump, each file being
 * replaced whole by a rename), no dump file is ever damaged ({@code .bad}), and unfinished temporary files are
 * ignored. {@code -Dswarm.crash.rounds=N} and {@code -Dswarm.crash.seed=S} change the run (scripts/crash-long).
 */
class DhtCrashRecoveryTest
{
    private static final String[] CHANNELS = {"crash0", "crash1", "crash2"};
    private static final int KEYS = 20_000;
    private static final int OPS_PER_ROUND = 600;
    private static final long DEFAULT_SEED = 0xC8A5_0008L;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private enum End
    {
        KILL_DURING_LOAD, CLEAN_SHUTDOWN, KILL_DURING_DUMP
    }

    @TempDir
    Path work;

    private Path dataDir;
    private final Map<End, Integer> ends = new TreeMap<>();
    /** Temporary files of dumps killed in earlier rounds: the node ignores them and so does the crash point. */
    private final Set<Path> leftovers = new HashSet<>();
    private long recordsChecked;

    @Test
    @Timeout(value = 6, unit = TimeUnit.HOURS)
    void shouldLoadTheLastCompletedDumpAfterEveryKill() throws IOException
    {
        final int rounds = CrashSettings.rounds();
        final long seed = CrashSettings.seed(DEFAULT_SEED);
        final SplittableRandom random = new SplittableRandom(seed);
        dataDir = Files.createDirectories(work.resolve("data"));
        // What the last completed dump holds, per channel; after a kill during a dump, each channel may hold
        // either of two states (null: no channel), settled by the next start.
        Map<String, List<Map<Long, String>>> candidates = new TreeMap<>();
        final long started = System.nanoTime();
        for (int round = 0; round < rounds; round++)
        {
            final End end = End.values()[random.nextInt(End.values().length)];
            try (NodeProcess node = DhtNodeProcess.start(work, dataDir, 100, NodeProcess.QUICK_START_FLAGS))
            {
                final Map<String, Map<Long, String>> loaded;
                try (DhtClient client = connect(node))
                {
                    loaded = checkLoaded(client, candidates, round);
                }
                assertEquals(List.of(), damagedFiles(), "round " + round + ": a dump was damaged");
                final Map<String, Map<Long, String>> current = new TreeMap<>();
                loaded.forEach((channel, records) -> current.put(channel, new HashMap<>(records)));
                final End happened = runRound(node, end, current, random, round);
                ends.merge(happened, 1, Integer::sum);
                candidates = new TreeMap<>();
                final Map<String, Map<Long, String>> next = End.KILL_DURING_LOAD == happened ? loaded : current;
                for (final Map.Entry<String, Map<Long, String>> channel : next.entrySet())
                {
                    final List<Map<Long, String>> states = new ArrayList<>();
                    if (End.KILL_DURING_DUMP == happened)
                    {
                        states.add(loaded.get(channel.getKey()));
                    }
                    states.add(channel.getValue());
                    candidates.put(channel.getKey(), states);
                }
            }
        }
        try (NodeProcess node = DhtNodeProcess.start(work, dataDir, 100, NodeProcess.QUICK_START_FLAGS);
            DhtClient client = connect(node))
        {
            checkLoaded(client, candidates, rounds);
            node.terminate(STOP_TIMEOUT);
        }
        assertEquals(List.of(), damagedFiles(), "a dump was damaged");
        System.out.printf("crash dht seed 0x%x: %d rounds %s, %,d records checked, lost 0, %.1f s%n", seed, rounds,
            ends, recordsChecked, (System.nanoTime() - started) / 1e9);
        assertTrue(recordsChecked > 0, "no records were ever checked");
    }

    /**
     * @return how the round really ended: a kill meant for the dump comes too late when the node exits first.
     */
    private End runRound(
        final NodeProcess node, final End end, final Map<String, Map<Long, String>> current,
        final SplittableRandom random, final int round)
    {
        try (DhtClient client = connect(node))
        {
            if (End.KILL_DURING_LOAD == end)
            {
                final SplittableRandom loadRandom = random.split();
                node.kill9During(random.nextInt(OPS_PER_ROUND), Duration.ofSeconds(60),
                    done -> load(client, current, loadRandom, round, OPS_PER_ROUND * 100, done));
                return End.KILL_DURING_LOAD;
            }
            load(client, current, random, round, OPS_PER_ROUND, new AtomicInteger());
        }
        if (End.CLEAN_SHUTDOWN == end)
        {
            final int exit = node.terminate(STOP_TIMEOUT);
            assertEquals(0, exit, "exit code after SIGTERM");
            return End.CLEAN_SHUTDOWN;
        }
        node.sigterm();
        return node.kill9When(this::dumpInProgress, STOP_TIMEOUT) ? End.KILL_DURING_DUMP : End.CLEAN_SHUTDOWN;
    }

    private static void load(
        final DhtClient client, final Map<String, Map<Long, String>> current, final SplittableRandom random,
        final int round, final int ops, final AtomicInteger done)
    {
        try
        {
            for (int op = 0; op < ops; op++)
            {
                final String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                final long key = random.nextInt(KEYS);
                if (random.nextInt(8) == 0)
                {
                    client.remove(channel, key);
                    final Map<Long, String> records = current.get(channel);
                    if (null != records)
                    {
                        records.remove(key);
                    }
                }
                else
                {
                    final String value = value(random, round, op);
                    client.put(channel, key, value.getBytes(StandardCharsets.US_ASCII));
                    current.computeIfAbsent(channel, name -> new HashMap<>()).put(key, value);
                }
                done.incrementAndGet();
            }
        }
        catch (final RuntimeException ex)
        {
            // The node was killed under the load: expected in a kill-during-load round.
            done.set(Integer.MAX_VALUE);
        }
    }

    private Map<String, Map<Long, String>> checkLoaded(
        final DhtClient client, final Map<String, List<Map<Long, String>>> candidates, final int round)
    {
        final Map<String, Map<Long, String>> loaded = new TreeMap<>();
        for (final String channel : new TreeSet<>(client.getChannels()))
        {
            if (channel.isEmpty())
            {
                continue;
            }
            final Map<Long, String> records = new HashMap<>();
            client.getAll(channel, (key, value) -> records.put(key, new String(value, StandardCharsets.US_ASCII)));
            loaded.put(channel, records);
            recordsChecked += records.size();
        }
        final Set<String> channels = new TreeSet<>(candidates.keySet());
        channels.addAll(loaded.keySet());
        for (final String channel : channels)
        {
            final List<Map<Long, String>> allowed = candidates.getOrDefault(channel,
                Collections.singletonList(null));
            final Map<Long, String> got = loaded.get(channel);
            if (!allowed.contains(got))
            {
                fail("round " + round + ": channel " + channel + " loaded " + describe(got) + ", the last " +
                    "completed dump holds " + describeAll(allowed));
            }
        }
        return loaded;
    }

    private boolean dumpInProgress()
    {
        try (Stream<Path> files = Files.list(dataDir))
        {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(TcmWriter.TEMP_SUFFIX) &&
                !leftovers.contains(file));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private List<Path> damagedFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir))
        {
            final List<Path> all = files.toList();
            for (final Path file : all)
            {
                if (file.getFileName().toString().endsWith(TcmWriter.TEMP_SUFFIX))
                {
                    leftovers.add(file);
                }
            }
            return all.stream().filter(file -> file.getFileName().toString().endsWith(".bad")).toList();
        }
    }

    private static String value(final SplittableRandom random, final int round, final int op)
    {
        final StringBuilder value = new StringBuilder().append('r').append(round).append('-').append(op).append('-');
        for (int i = random.nextInt(16, 200); i > 0; i--)
        {
            value.append((char)('a' + random.nextInt(26)));
        }
        return value.toString();
    }

    private static String describe(final Map<Long, String> records)
    {
        return null == records ? "nothing (no channel)" : records.size() + " records";
    }

    private static String describeAll(final List<Map<Long, String>> states)
    {
        final List<String> texts = new ArrayList<>();
        for (final Map<Long, String> state : states)
        {
            texts.add(describe(state));
        }
        return String.join(" or ", texts);
    }

    private static DhtClient connect(final NodeProcess node)
    {
        return DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port())),
            new DhtClientContext().connectionsPerNode(1).readTimeout(Duration.ofSeconds(30)));
    }
}
