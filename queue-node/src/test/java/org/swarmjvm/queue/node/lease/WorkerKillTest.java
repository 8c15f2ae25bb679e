package org.swarmjvm.queue.node.lease;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.QueueNodeProcess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * At-least-once delivery through kills: four worker processes work a channel of jobs; two of them are killed with
 * kill -9 along the way, and the node once, started again on the same folder. Every job is finished at least
 * once, none is lost, a job is finished again only when its earlier finish may not have been acked (its worker or
 * the node died before the ack was answered), and the jobs that always fail end in the dead-letter channel after
 * the node's maximum of deliveries. The suite runs 10,000 jobs; {@code -Dswarm.worker.jobs=100000} is the full
 * form ({@code scripts/worker-kill}).
 */
class WorkerKillTest
{
    private static final int SUITE_JOBS = 10_000;
    private static final String CHANNEL = "jobs";
    /** The node's default dead-letter channel of {@link #CHANNEL}. */
    private static final String DEAD_LETTERS = CHANNEL + "-dead";
    private static final int WORKERS = 4;
    private static final int CONCURRENCY = 8;
    private static final int POISON_JOBS = 3;
    private static final int MAX_DELIVERIES = 3;
    private static final int PUSH_BATCH = 1_000;
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    @TempDir
    Path work;

    private QueueNodeProcess node;
    private final NodeProcess[] workers = new NodeProcess[WORKERS];
    private final WorkerJournal[] journals = new WorkerJournal[WORKERS];

    @AfterEach
    void stop()
    {
        for (final NodeProcess worker : workers)
        {
            if (null != worker)
            {
                worker.close();
            }
        }
        if (null != node)
        {
            node.process().close();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void shouldFinishEveryJobAtLeastOnceAndDeadLetterThePoisonWhenWorkersAndTheNodeAreKilled() throws Exception
    {
        final int jobs = Integer.getInteger("swarm.worker.jobs", SUITE_JOBS);
        node = QueueNodeProcess.startServingNeo(work, "[Leases]", "max_deliveries = " + MAX_DELIVERIES);
        final Set<String> poison = push(jobs);
        for (int i = 0; i < WORKERS; i++)
        {
            journals[i] = new WorkerJournal(work.resolve("worker" + i + ".journal"));
            workers[i] = WorkerProcess.start(node.neoPort(), CHANNEL, CONCURRENCY, LEASE, DRAIN,
                WorkerProcess.Mode.COMPLETE, journals[i].file());
        }
        awaitFinished(jobs * 3 / 10);
        workers[0].kill9();
        awaitFinished(jobs * 45 / 100);
        workers[1].kill9();
        final long lastWorkerKill = System.nanoTime();
        awaitFinished(jobs * 6 / 10);
        node.process().kill9();
        node.restart();
        awaitFinished(jobs);
        for (int i = 2; i < WORKERS; i++)
        {
            assertEquals(143, workers[i].terminate(Duration.ofSeconds(60)), "worker " + i + " exit after SIGTERM");
        }

        final Set<String> dead = new TreeSet<>();
        final List<String> sweptAgain = new ArrayList<>();
        sweep(poison, dead, sweptAgain, lastWorkerKill);

        final Map<String, Integer> finishes = new HashMap<>();
        final Map<String, Integer> uncertain = new HashMap<>();
        final Map<String, Integer> failures = new HashMap<>();
        for (int i = 0; i < WORKERS; i++)
        {
            journals[i].values("done").forEach(value -> finishes.merge(value, 1, Integer::sum));
            journals[i].uncertain(i < 2).forEach(value -> uncertain.merge(value, 1, Integer::sum));
            journals[i].values("failed").forEach(value -> failures.merge(value, 1, Integer::sum));
        }
        sweptAgain.forEach(value -> finishes.merge(value, 1, Integer::sum));
        int duplicated = 0;
        for (int job = 0; job < jobs; job++)
        {
            final String value = "job-" + job;
            final int finished = finishes.getOrDefault(value, 0);
            assertTrue(finished >= 1, value + " was lost");
            final int certain = finished - uncertain.getOrDefault(value, 0);
            if (certain > 1)
            {
                fail(value + " was finished " + finished + " times, " + certain + " of them acked: a job is done " +
                    "again only when its worker or the node died before its ack");
            }
            duplicated += finished > 1 ? 1 : 0;
        }
        assertEquals(poison, dead, "the dead-letter channel holds the jobs that always fail, and only them");
        for (final String value : poison)
        {
            assertEquals(null, finishes.get(value), value + " never succeeds");
            assertTrue(failures.getOrDefault(value, 0) <= MAX_DELIVERIES, value + " failed " +
                failures.get(value) + " times, more than the " + MAX_DELIVERIES + " deliveries allowed");
        }
        System.out.printf("workers: %,d jobs, 2 of 4 workers and the node killed: lost 0, finished twice %d, " +
            "dead-lettered %d%n", jobs, duplicated, dead.size());
    }

    /**
     * Pushes the jobs, with the poison ones spread among them.
     *
     * @return the poison jobs' values.
     */
    private Set<String> push(final int jobs) throws Exception
    {
        final Set<String> poison = new TreeSet<>();
        try (QueueNeoClient client = node.neoClient())
        {
            final List<CompletableFuture<Integer>> pushes = new ArrayList<>(PUSH_BATCH);
            for (int job = 0; job < jobs; job++)
            {
                if (0 == job % (jobs / POISON_JOBS) && poison.size() < POISON_JOBS)
                {
                    final String value = WorkerProcess.POISON_PREFIX + poison.size();
                    poison.add(value);
                    pushes.add(client.push(ascii(value), CHANNEL));
                }
                pushes.add(client.push(ascii("job-" + job), CHANNEL));
                if (pushes.size() >= PUSH_BATCH || job == jobs - 1)
                {
                    for (final CompletableFuture<Integer> push : pushes)
                    {
                        assertEquals(QueueNeoRequest.PUSH_PUSHED, push.get());
                    }
                    pushes.clear();
                }
            }
        }
        return poison;
    }

    /**
     * Waits until the workers finished this many distinct jobs.
     */
    private void awaitFinished(final int count)
    {
        final long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (true)
        {
            final Set<String> finished = new HashSet<>();
            for (final WorkerJournal journal : journals)
            {
                finished.addAll(journal.finished());
            }
            if (finished.size() >= count)
            {
                return;
            }
            if (System.nanoTime() - deadline > 0)
            {
                fail("the workers finished " + finished.size() + " jobs, not " + count + ", within " + PHASE_TIMEOUT +
                    "; the node's log ends:\n" + node.process().logTail(30));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * With the workers gone: takes what the channel still holds until the leases of the killed workers have
     * expired, nacking the poison until the node dead-letters it (and acking any other job, a job finished again),
     * and takes the dead-letter channel's records.
     */
    private void sweep(final Set<String> poison, final Set<String> dead, final List<String> sweptAgain,
        final long lastWorkerKill) throws Exception
    {
        final long leasesOver = lastWorkerKill + LEASE.toNanos() + TimeUnit.SECONDS.toNanos(1);
        final long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        try (QueueNeoClient client = node.neoClient())
        {
            while (dead.size() < poison.size() || System.nanoTime() - leasesOver < 0)
            {
                final QueueNeoClient.TakeResult job = client.take(CHANNEL, LEASE).get();
                if (job.taken())
                {
                    final String value = ascii(job.value());
                    if (poison.contains(value))
                    {
                        assertTrue(client.nack(CHANNEL, job.leaseId()).get());
                    }
                    else
                    {
                        sweptAgain.add(value);
                        assertTrue(client.ack(CHANNEL, job.leaseId()).get());
                    }
                    continue;
                }
                final QueueNeoClient.TakeResult deadJob = client.take(DEAD_LETTERS, LEASE).get();
                if (deadJob.taken())
                {
                    dead.add(ascii(deadJob.value()));
                    assertTrue(client.ack(DEAD_LETTERS, deadJob.leaseId()).get());
                    continue;
                }
                if (System.nanoTime() - deadline > 0)
                {
                    fail("the dead-letter channel holds " + dead + ", not every poison job " + poison);
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            assertTrue(!client.take(CHANNEL, LEASE).get().taken(), "the channel is empty in the end");
        }
    }

    private static byte[] ascii(final String value)
    {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(final byte[] value)
    {
        return new String(value, StandardCharsets.US_ASCII);
    }
}
