package org.swarmjvm.queue.node.lease;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Tmpfs;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.QueueNodeProcess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leased delivery on a full disk, the node run as its own process with its data folder on a small tmpfs (skipped
 * where mounting is not permitted; it needs root). A lease journal is memory-mapped: a store into a page of a
 * sparse file that the file system has no block for kills the process with SIGBUS. So the journal a channel
 * already has serves Takes across all its pages while the disk is full; a channel whose journal cannot be made
 * answers its Take with {@code Error} and one WARNING line naming the file and the cause, its records stay
 * (a Pop gets them); Push, Pop, Ack and the other channels go on; once the disk has room again the same channel's
 * Take works without a restart; and a kill -9 and restart afterwards gives back every record still leased, none
 * acked.
 */
class LeaseDiskFullTest
{
    private static final String JOBS = "jobs";
    private static final String FRESH = "fresh";
    private static final String OTHER = "other";
    /** Records of about 1 KiB: the jobs' leases cover many pages of the journal. */
    private static final int JOBS_RECORDS = 300;
    private static final int ACKED = 100;
    private static final int JOURNAL_BYTES = 1 << 20;
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final long ANSWER_SECONDS = 10;

    @TempDir
    Path work;

    private QueueNodeProcess node;

    @Test
    @Timeout(120)
    void shouldAnswerTakeWithErrorAndKeepEveryLeaseWhenTheDiskIsFull() throws Exception
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("data"), "12m", "leased delivery on a full disk"))
        {
            try
            {
                fillWhileLeasing(disk);
            }
            catch (final Exception | AssertionError ex)
            {
                ex.addSuppressed(new AssertionError("the node's log ends:\n" + logTail()));
                throw ex;
            }
            finally
            {
                // Before the tmpfs is unmounted: the node holds its files open.
                if (null != node)
                {
                    node.process().close();
                }
            }
        }
    }

    private void fillWhileLeasing(final Tmpfs disk) throws Exception
    {
        node = QueueNodeProcess.startServingNeo(work, "[Leases]", "journal_size = " + JOURNAL_BYTES);
        final List<Long> leases = new ArrayList<>();
        final Path filler;
        try (QueueNeoClient client = node.neoClient())
        {
            for (int i = 0; i < JOBS_RECORDS; i++)
            {
                push(client, JOBS, job(i));
            }
            push(client, FRESH, value(FRESH, 0));
            push(client, FRESH, value(FRESH, 1));
            push(client, OTHER, value(OTHER, 0));
            leases.add(take(client, 0));
            filler = disk.fill("filler");

            for (int i = 1; i < JOBS_RECORDS; i++)
            {
                leases.add(take(client, i));
            }
            for (int attempt = 0; attempt < 2; attempt++)
            {
                final ExecutionException refused = assertThrows(ExecutionException.class, () ->
                    client.take(FRESH, LEASE).get(ANSWER_SECONDS, TimeUnit.SECONDS), this::logTail);
                assertTrue(refused.getCause().getMessage().contains("answered Error"), refused.toString());
            }
            assertEquals(1, warnings().size(), "one WARNING line for the failed journal: " + warnings());
            assertTrue(warnings().get(0).contains(journal(FRESH).toString()) &&
                warnings().get(0).contains("No space left on device"), warnings().get(0));
            assertFalse(Files.exists(journal(FRESH)), "no part-made journal is left");

            assertArrayEquals(value(FRESH, 0), pop(client, FRESH), "the refused channel's records stay");
            push(client, OTHER, value(OTHER, 1));
            assertArrayEquals(value(OTHER, 0), pop(client, OTHER));
            for (int i = 0; i < ACKED; i++)
            {
                assertTrue(client.ack(JOBS, leases.get(i)).get(ANSWER_SECONDS, TimeUnit.SECONDS), "ack " + i);
            }
            assertTrue(node.process().isAlive(), logTail());

            Files.delete(filler);
            final QueueNeoClient.TakeResult fresh = client.take(FRESH, LEASE).get(ANSWER_SECONDS, TimeUnit.SECONDS);
            assertTrue(fresh.taken(), "with room again the same channel's Take works without a restart");
            assertArrayEquals(value(FRESH, 1), fresh.value());
        }

        node.process().kill9();
        node.restart();
        try (QueueNeoClient client = node.neoClient())
        {
            final Set<String> given = new HashSet<>();
            QueueNeoClient.TakeResult taken;
            while ((taken = client.take(JOBS, LEASE).get(ANSWER_SECONDS, TimeUnit.SECONDS)).taken())
            {
                assertEquals(2, taken.deliveries());
                assertTrue(given.add(new String(taken.value(), StandardCharsets.US_ASCII)));
            }
            final Set<String> expected = new HashSet<>();
            for (int i = ACKED; i < JOBS_RECORDS; i++)
            {
                expected.add(new String(job(i), StandardCharsets.US_ASCII));
            }
            assertEquals(expected, given, "every record leased and not acked comes back, none acked does");
            assertArrayEquals(value(FRESH, 1), client.take(FRESH, LEASE).get(ANSWER_SECONDS, TimeUnit.SECONDS)
                .value(), "the lease taken once the disk had room is kept too");
            assertArrayEquals(value(OTHER, 1), pop(client, OTHER));
        }
    }

    private static long take(final QueueNeoClient client, final int i) throws Exception
    {
        final QueueNeoClient.TakeResult taken = client.take(JOBS, LEASE).get(ANSWER_SECONDS, TimeUnit.SECONDS);
        assertTrue(taken.taken(), "take " + i);
        assertArrayEquals(job(i), taken.value(), "take " + i);
        return taken.leaseId();
    }

    private static void push(final QueueNeoClient client, final String channel, final byte[] value) throws Exception
    {
        assertEquals(QueueNeoRequest.PUSH_PUSHED, client.push(value, channel).get(ANSWER_SECONDS, TimeUnit.SECONDS));
    }

    private static byte[] pop(final QueueNeoClient client, final String channel) throws Exception
    {
        return client.pop(channel).get(ANSWER_SECONDS, TimeUnit.SECONDS).value();
    }

    private String logTail()
    {
        return null == node ? "(not started)" : node.process().logTail(30);
    }

    private List<String> warnings() throws Exception
    {
        return Files.readAllLines(work.resolve("node.log")).stream()
            .filter(line -> line.contains("WARNING") && line.contains(FRESH)).toList();
    }

    private Path journal(final String channel)
    {
        return work.resolve("data").resolve("leases").resolve(channel + ".leases").toAbsolutePath();
    }

    private static byte[] job(final int i)
    {
        final byte[] value = new byte[1000];
        Arrays.fill(value, (byte)'x');
        final byte[] label = String.format("job-%05d-", i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, value, 0, label.length);
        return value;
    }

    private static byte[] value(final String channel, final int i)
    {
        return (channel + "-" + i).getBytes(StandardCharsets.US_ASCII);
    }
}
