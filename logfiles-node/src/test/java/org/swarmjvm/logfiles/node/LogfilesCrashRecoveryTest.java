package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.storage.BucketLayout;
import org.swarmjvm.node.testing.process.CrashSettings;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crash recovery of the logfiles node run as its own process on one data directory, with a 50 ms flush timer and
 * a checkpoint committed every second: rounds of start, check, Puts into two channels over five buckets each
 * (a 4th open bucket closes the least recently used one) with now and then a GetRange, which writes the channel's
 * buffers out before it answers; then kill -9 in the middle of the load, or SIGTERM. After half the kills the
 * test appends part of a record to a bucket, as a crash in the middle of a write leaves it.
 * <p>
 * The node's promise: every record acknowledged before the last completed flush of its channel (the last GetRange
 * answered, or the clean shutdown) is there after the restart, and so is every record an earlier start served;
 * nothing is there twice or that nobody put; a torn tail is cut back, with a log line naming the bucket, so that
 * records put into that bucket afterwards are served. The suite runs until 20 rounds ended with kill -9, clean
 * shutdowns between them; {@code -Dswarm.crash.rounds=N} (kills) and {@code -Dswarm.crash.seed=S} change the run
 * ({@code scripts/crash-long logfiles}).
 */
class LogfilesCrashRecoveryTest
{
    private static final String[] CHANNELS = {"crash0", "crash1"};
    private static final long BASE_KEY = 0x60000000L;
    private static final int BUCKETS = 5;
    private static final int OPS_PER_ROUND = 300;
    private static final long DEFAULT_SEED = 0xC8A5_0D15L;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private Path dataDir;
    /** Every record ever sent, by value (values are unique), with its key. */
    private final Map<String, Long> sent = new HashMap<>();
    /** Per channel, the records that must be there at the next start. */
    private final Map<String, Set<String>> mustSurvive = new TreeMap<>();
    /** Per channel, the records acknowledged since its last completed flush. */
    private final Map<String, List<String>> unflushed = new TreeMap<>();
    private final Map<String, Integer> ends = new TreeMap<>();
    private long recordsChecked;
    private int tornTails;

    @Test
    @Timeout(value = 6, unit = TimeUnit.HOURS)
    void shouldServeEveryRecordFlushedBeforeTheKillAndCutTornTails() throws IOException
    {
        final int rounds = CrashSettings.rounds();
        final long seed = CrashSettings.seed(DEFAULT_SEED);
        final SplittableRandom random = new SplittableRandom(seed);
        dataDir = Files.createDirectories(work.resolve("data"));
        for (final String channel : CHANNELS)
        {
            mustSurvive.put(channel, new HashSet<>());
            unflushed.put(channel, new ArrayList<>());
        }
        final long started = System.nanoTime();
        Path torn = null;
        int round = 0;
        for (int kills = 0; kills < rounds; round++)
        {
            final long logBefore = logLength();
            try (NodeProcess node = start())
            {
                try (LogfilesClient client = connect(node))
                {
                    checkServed(client, round);
                    if (null != torn)
                    {
                        checkTornTailCut(client, torn, logBefore, round);
                    }
                }
                torn = null;
                if (random.nextInt(6) == 0)
                {
                    load(node, random, round, OPS_PER_ROUND, new AtomicInteger());
                    final int exit = node.terminate(STOP_TIMEOUT);
                    assertEquals(0, exit, "exit code after SIGTERM");
                    flushedByShutdown();
                    ends.merge("clean shutdown", 1, Integer::sum);
                    continue;
                }
                final SplittableRandom loadRandom = random.split();
                final int loadRound = round;
                node.kill9During(random.nextInt(OPS_PER_ROUND), Duration.ofSeconds(60),
                    done -> load(node, loadRandom, loadRound, OPS_PER_ROUND * 100, done));
                ends.merge("kill -9", 1, Integer::sum);
                kills++;
            }
            if (random.nextBoolean())
            {
                torn = tearTail(random);
            }
        }
        try (NodeProcess node = start(); LogfilesClient client = connect(node))
        {
            checkServed(client, round);
            final int exit = node.terminate(STOP_TIMEOUT);
            assertEquals(0, exit, "exit code after SIGTERM");
        }
        System.out.printf("crash logfiles seed 0x%x: %d rounds %s, %d torn tails cut, %,d records checked, lost 0, " +
            "%.1f s%n", seed, round, ends, tornTails, recordsChecked, (System.nanoTime() - started) / 1e9);
        assertTrue(recordsChecked > 0, "no records were ever checked");
    }

    private void load(final NodeProcess node, final SplittableRandom random, final int round, final int ops,
        final AtomicInteger done)
    {
        try (LogfilesClient client = connect(node))
        {
            int nextFlush = random.nextInt(25, 75);
            for (int op = 0; op < ops; op++)
            {
                final String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                if (op == nextFlush)
                {
                    nextFlush += random.nextInt(25, 75);
                    final List<String> pending = new ArrayList<>(unflushed.get(channel));
                    assertEquals(SwarmStatus.OK, client.getRange(channel, BASE_KEY - 1, BASE_KEY - 1,
                        (key, buffer, offset, length) -> fail("a record outside the range")));
                    mustSurvive.get(channel).addAll(pending);
                    unflushed.get(channel).removeAll(pending);
                }
                final long key = BASE_KEY + random.nextInt(BUCKETS * 4096);
                final String value = value(random, round, op);
                sent.put(value, key);
                assertEquals(SwarmStatus.OK, client.put(channel, key, value.getBytes(StandardCharsets.US_ASCII)));
                unflushed.get(channel).add(value);
                done.incrementAndGet();
            }
        }
        catch (final IOException ex)
        {
            if (!node.isKillRequested())
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private void flushedByShutdown()
    {
        for (final String channel : CHANNELS)
        {
            mustSurvive.get(channel).addAll(unflushed.get(channel));
            unflushed.get(channel).clear();
        }
    }

    /**
     * Reads every channel whole: what must be there is, nothing is there twice or unsent; what is there now must
     * stay.
     */
    private void checkServed(final LogfilesClient client, final int round) throws IOException
    {
        for (final String channel : CHANNELS)
        {
            final List<String> served = new ArrayList<>();
            assertEquals(SwarmStatus.OK, client.getAll(channel, (key, buffer, offset, length) ->
            {
                final String value = buffer.getStringWithoutLengthAscii(offset, length);
                if (!Long.valueOf(key).equals(sent.get(value)))
                {
                    fail("round " + round + ": " + channel + " serves key " + Long.toHexString(key) + " value '" +
                        value + "', which nobody put");
                }
                served.add(value);
            }));
            final Set<String> unique = new HashSet<>(served);
            assertEquals(served.size(), unique.size(), "round " + round + ": " + channel + " serves a record twice");
            final Set<String> lost = new HashSet<>(mustSurvive.get(channel));
            lost.removeAll(unique);
            if (!lost.isEmpty())
            {
                fail("round " + round + ": " + channel + " lost " + lost.size() + " of " +
                    mustSurvive.get(channel).size() + " flushed records, e.g. " + lost.iterator().next());
            }
            mustSurvive.put(channel, unique);
            unflushed.get(channel).clear();
            recordsChecked += served.size();
        }
    }

    /**
     * A crash in the middle of a write: the first bytes of a copy of the bucket's first record, appended.
     *
     * @return the bucket torn.
     */
    private Path tearTail(final SplittableRandom random) throws IOException
    {
        final String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        final Path bucket = BucketLayout.bucketPath(dataDir.resolve(channel),
            BASE_KEY + 4096L * random.nextInt(BUCKETS));
        if (!Files.isRegularFile(bucket) || Files.size(bucket) < 16 + 17 + 8)
        {
            return null;
        }
        final byte[] whole = Files.readAllBytes(bucket);
        Files.write(bucket, Arrays.copyOfRange(whole, 16, 16 + random.nextInt(1, 17 + 8)), StandardOpenOption.APPEND);
        return bucket;
    }

    /**
     * After the restart a record put into the torn bucket is served, and the log names the bucket as cut.
     */
    private void checkTornTailCut(final LogfilesClient client, final Path bucket, final long logBefore,
        final int round) throws IOException
    {
        final String channel = dataDir.relativize(bucket).getName(0).toString();
        final long key = Long.parseLong(bucket.getParent().getFileName().toString() +
            bucket.getFileName().toString() + "000", 16);
        final String value = "after the torn tail, round " + round;
        sent.put(value, key);
        assertEquals(SwarmStatus.OK, client.put(channel, key, value.getBytes(StandardCharsets.US_ASCII)));
        final List<String> served = new ArrayList<>();
        assertEquals(SwarmStatus.OK, client.getRange(channel, key, key, (k, buffer, offset, length) ->
            served.add(buffer.getStringWithoutLengthAscii(offset, length))));
        assertTrue(served.contains(value), "round " + round + ": a record put behind the torn tail of " + bucket +
            " is not served");
        mustSurvive.get(channel).add(value);
        final String log = newLogLines(logBefore);
        assertTrue(log.lines().anyMatch(line -> line.contains(bucket.toString()) && line.contains(" cut")),
            "round " + round + ": no log line says the tail of " + bucket + " was cut:\n" + log);
        tornTails++;
    }

    private NodeProcess start()
    {
        return NodeProcess.startWithConfig(LogfilesNodeMain.class.getName(), work, port -> String.join("\n",
            "[Server]",
            "address = 127.0.0.1",
            "port = " + port,
            "data_dir = " + dataDir.toAbsolutePath(),
            "[Performance]",
            "write_flush_ms = 50",
            "checkpoint_commit_seconds = 1",
            "[STATS]",
            "file_name = " + work.resolve("stats.log").toAbsolutePath(),
            ""), NodeProcess.QUICK_START_FLAGS);
    }

    private long logLength() throws IOException
    {
        final Path log = work.resolve("node.log");
        return Files.exists(log) ? Files.size(log) : 0;
    }

    private String newLogLines(final long from) throws IOException
    {
        final byte[] all = Files.readAllBytes(work.resolve("node.log"));
        return new String(all, (int)from, all.length - (int)from, StandardCharsets.UTF_8);
    }

    private static LogfilesClient connect(final NodeProcess node)
    {
        try
        {
            return new LogfilesClient(node.address());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static String value(final SplittableRandom random, final int round, final int op)
    {
        final char[] padding = new char[random.nextInt(8, 400)];
        Arrays.fill(padding, (char)('a' + random.nextInt(26)));
        return "r" + round + "-" + op + "-" + new String(padding);
    }
}
