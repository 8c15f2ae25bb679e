package org.swarmjvm.queue.node.lease;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.QueueNodeProcess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The clean shutdown of a worker: SIGTERM to a worker process with 50 records in flight. Its handlers of the
 * even-numbered records finish once the drain begins and are acked; the others outlast the drain timeout and are
 * nacked. Every record ends acked (gone) or back in the queue (ready at once, long before its lease of a minute
 * would have expired), none lost, none both.
 */
class WorkerDrainTest
{
    private static final String CHANNEL = "drain";
    private static final int IN_FLIGHT = 50;
    private static final int QUEUED = 80;
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration DRAIN = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path work;

    private QueueNodeProcess node;
    private NodeProcess worker;

    @AfterEach
    void stop()
    {
        if (null != worker)
        {
            worker.close();
        }
        if (null != node)
        {
            node.process().close();
        }
    }

    @Test
    @Timeout(180)
    void shouldAckOrGiveBackEveryRecordInFlightWhenTheWorkerProcessIsTerminated() throws Exception
    {
        node = QueueNodeProcess.startServingNeo(work);
        try (QueueNeoClient client = node.neoClient())
        {
            for (int job = 0; job < QUEUED; job++)
            {
                assertEquals(QueueNeoRequest.PUSH_PUSHED, client.push(ascii("job-" + job), CHANNEL).get());
            }
        }
        final WorkerJournal journal = new WorkerJournal(work.resolve("worker.journal"));
        worker = WorkerProcess.start(node.neoPort(), CHANNEL, IN_FLIGHT, LEASE, DRAIN,
            WorkerProcess.Mode.HOLD_UNTIL_DRAIN, journal.file());
        Await.until(IN_FLIGHT + " records in flight", () -> journal.values("started").size() == IN_FLIGHT, TIMEOUT);

        assertEquals(SIGTERM_EXIT, worker.terminate(TIMEOUT), "exit after SIGTERM");

        final Set<String> started = new TreeSet<>(journal.values("started"));
        final Set<String> expected = new TreeSet<>();
        int acked = 0;
        for (int job = 0; job < QUEUED; job++)
        {
            final String value = "job-" + job;
            if (started.contains(value) && 0 == job % 2)
            {
                acked++;
            }
            else
            {
                expected.add(value);
            }
        }
        assertEquals(IN_FLIGHT, started.size(), "records in flight at the SIGTERM");
        final List<String> lines = journal.lines();
        assertEquals("drained " + acked + " " + (IN_FLIGHT - acked), lines.get(lines.size() - 1),
            "the drain acked the finished records and nacked the others");
        final List<String> left = new ArrayList<>();
        try (QueueNeoClient client = node.neoClient())
        {
            for (QueueNeoClient.TakeResult job = client.take(CHANNEL, LEASE).get(); job.taken();
                job = client.take(CHANNEL, LEASE).get())
            {
                left.add(ascii(job.value()));
            }
        }
        assertEquals(expected.size(), left.size(), "records left in the queue: " + left);
        assertEquals(expected, new TreeSet<>(left), "the queue holds what was not acked, each once");
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
