package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.process.CrashSettings;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.protocol.queue.client.QueueClientException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crash recovery of the queue node run as its own process on one data directory: rounds of start, then pushes
 * and pops on three channels (records long enough that the 16 KiB rings spill to the disk overflow), then one of
 * three ends, picked at random — kill -9 in the middle of the load, SIGTERM (the original's files are written),
 * or SIGTERM and kill -9 at a random moment of the shutdown, while it writes them. The node's promise: every record
 * whose Push
 * was acknowledged is popped exactly once, in push order, across every restart. Only the request in flight at the
 * kill is uncertain: a Push whose answer never came may or may not have stored its record; a Pop whose answer
 * never came may have taken its record with it (Pop is at most once, spec §3.6).
 * The suite runs until 20 rounds ended with kill -9, clean shutdowns between them; {@code -Dswarm.crash.rounds=N}
 * (kills) and {@code -Dswarm.crash.seed=S} change the run ({@code scripts/crash-long queue}).
 */
class QueueCrashRecoveryTest
{
    private static final String[] CHANNELS = {"crash0", "crash1", "crash2"};
    private static final int OPS_PER_ROUND = 400;
    private static final long DEFAULT_SEED = 0xC8A5_0A0EL;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int SHUTDOWN_KILL_WINDOW_MS = 400;

    private enum End
    {
        KILL_DURING_LOAD, CLEAN_SHUTDOWN, KILL_DURING_SHUTDOWN
    }

    /**
     * A record the model expects, oldest first; an uncertain one may be missing.
     *
     * @param value     pushed.
     * @param uncertain true for the Push in flight at a kill, or the record a Pop in flight may have taken.
     */
    private record Expected(String value, boolean uncertain)
    {
    }

    @TempDir
    Path work;

    private final Map<String, ArrayDeque<Expected>> model = new TreeMap<>();
    private final Map<End, Integer> ends = new TreeMap<>();
    private long popsChecked;
    private long pushesAcknowledged;

    @Test
    @Timeout(value = 6, unit = TimeUnit.HOURS)
    void shouldPopEveryAcknowledgedRecordExactlyOnceInOrderAfterEveryKill() throws IOException
    {
        final int rounds = CrashSettings.rounds();
        final long seed = CrashSettings.seed(DEFAULT_SEED);
        final SplittableRandom random = new SplittableRandom(seed);
        final Path dataDir = Files.createDirectories(work.resolve("data"));
        for (final String channel : CHANNELS)
        {
            model.put(channel, new ArrayDeque<>());
        }
        final long started = System.nanoTime();
        int round = 0;
        for (int kills = 0; kills < rounds; round++)
        {
            final int pick = random.nextInt(10);
            final End end = pick < 6 ? End.KILL_DURING_LOAD : pick < 8 ? End.KILL_DURING_SHUTDOWN : End.CLEAN_SHUTDOWN;
            try (NodeProcess node = start(dataDir))
            {
                final End happened;
                try
                {
                    happened = runRound(node, end, random, round);
                }
                catch (final AssertionError | RuntimeException ex)
                {
                    throw new AssertionError("round " + round + " (" + end + ", after " + ends + ") failed; the " +
                        "node's log ends:\n" + node.logTail(40), ex);
                }
                ends.merge(happened, 1, Integer::sum);
                kills += End.CLEAN_SHUTDOWN == happened ? 0 : 1;
            }
        }
        try (NodeProcess node = start(dataDir); QueueClient client = connect(node))
        {
            for (final String channel : CHANNELS)
            {
                while (!model.get(channel).isEmpty())
                {
                    popAndCheck(client, node, channel, round);
                }
                final byte[] extra = client.pop(channel);
                assertEquals(null, null == extra ? null : ascii(extra), channel + ": a record nobody pushed");
            }
            node.terminate(STOP_TIMEOUT);
        }
        System.out.printf("crash queue seed 0x%x: %d rounds %s, %,d pushes acknowledged, %,d pops checked, " +
            "lost 0, %.1f s%n", seed, round, ends, pushesAcknowledged, popsChecked,
            (System.nanoTime() - started) / 1e9);
        assertTrue(popsChecked > 0, "no record was ever popped");
    }

    /**
     * @return how the round really ended: a kill meant for the shutdown comes too late when the node exits first.
     */
    private End runRound(
        final NodeProcess node, final End end, final SplittableRandom random, final int round)
    {
        try (QueueClient client = connect(node))
        {
            if (End.KILL_DURING_LOAD == end)
            {
                final SplittableRandom loadRandom = random.split();
                node.kill9During(random.nextInt(OPS_PER_ROUND), Duration.ofSeconds(60),
                    done -> load(client, node, loadRandom, round, OPS_PER_ROUND * 100, done));
                return End.KILL_DURING_LOAD;
            }
            load(client, node, random, round, OPS_PER_ROUND, new AtomicInteger());
        }
        if (End.CLEAN_SHUTDOWN == end)
        {
            assertEquals(0, node.terminate(STOP_TIMEOUT), "exit code after SIGTERM");
            return End.CLEAN_SHUTDOWN;
        }
        // The shutdown writes the overflow index and the ring dumps, then deletes the ring files, within a few
        // hundred milliseconds: the kill comes at a random moment of them.
        final long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(SHUTDOWN_KILL_WINDOW_MS));
        node.sigterm();
        return node.kill9When(() -> System.nanoTime() - killAt >= 0, STOP_TIMEOUT) ? End.KILL_DURING_SHUTDOWN :
            End.CLEAN_SHUTDOWN;
    }

    private void load(
        final QueueClient client, final NodeProcess node, final SplittableRandom random, final int round,
        final int ops, final AtomicInteger done)
    {
        for (int op = 0; op < ops; op++)
        {
            final String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            final ArrayDeque<Expected> expected = model.get(channel);
            if (random.nextInt(100) < 45 && !expected.isEmpty())
            {
                if (!popAndCheck(client, node, channel, round))
                {
                    return;
                }
            }
            else
            {
                final String value = value(random, round, op);
                try
                {
                    client.push(channel, value.getBytes(StandardCharsets.US_ASCII));
                }
                catch (final QueueClientException ex)
                {
                    if (!node.isKillRequested())
                    {
                        throw ex;
                    }
                    expected.add(new Expected(value, true));
                    return;
                }
                expected.add(new Expected(value, false));
                pushesAcknowledged++;
            }
            done.incrementAndGet();
        }
    }

    /**
     * Pops one record of a channel whose model is not empty and checks it against the oldest expected one.
     *
     * @return false when the node was killed under the Pop: the record it was to return is then uncertain.
     */
    private boolean popAndCheck(final QueueClient client, final NodeProcess node, final String channel,
        final int round)
    {
        final ArrayDeque<Expected> expected = model.get(channel);
        final byte[] popped;
        try
        {
            popped = client.pop(channel);
        }
        catch (final QueueClientException ex)
        {
            if (!node.isKillRequested())
            {
                throw ex;
            }
            final Expected head = expected.poll();
            expected.addFirst(new Expected(head.value(), true));
            return false;
        }
        final String got = null == popped ? null : ascii(popped);
        while (!expected.isEmpty() && expected.peek().uncertain() && !expected.peek().value().equals(got))
        {
            expected.poll();
        }
        final Expected want = expected.poll();
        if (null == want && null == got)
        {
            // Only uncertain records were left, and none of them had been stored.
            return true;
        }
        if (null == want || !want.value().equals(got))
        {
            fail("round " + round + ": " + channel + " popped " + describe(got) + ", the oldest acknowledged " +
                "record not yet popped is " + (null == want ? "none" : describe(want.value())));
        }
        popsChecked++;
        return true;
    }

    private NodeProcess start(final Path dataDir)
    {
        return NodeProcess.startWithConfig(QueueNodeMain.class.getName(), work, port -> String.join("\n",
            "[Server]",
            "address = 127.0.0.1",
            "port = " + port,
            "channel_size_limit = 16384",
            "data_dir = " + dataDir.toAbsolutePath(),
            "[STATS]",
            "file_name = " + work.resolve("stats.log").toAbsolutePath(),
            "interval = 3600",
            ""), NodeProcess.QUICK_START_FLAGS);
    }

    private static QueueClient connect(final NodeProcess node)
    {
        return new QueueClient(List.of(node.address()));
    }

    private static String value(final SplittableRandom random, final int round, final int op)
    {
        final char[] padding = new char[random.nextInt(8, 3000)];
        Arrays.fill(padding, (char)('a' + random.nextInt(26)));
        return "r" + round + "-" + op + "-" + new String(padding);
    }

    private static String ascii(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static String describe(final String value)
    {
        return null == value ? "nothing" : "'" + value.substring(0, Math.min(value.length(), 24)) + "...'";
    }
}
