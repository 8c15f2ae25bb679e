package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Tmpfs;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.protocol.queue.QueueCommand;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.queue.node.DiskFullRequests.outageLines;
import static org.swarmjvm.queue.node.DiskFullRequests.pop;
import static org.swarmjvm.queue.node.DiskFullRequests.push;
import static org.swarmjvm.queue.node.DiskFullRequests.pushMulti;

/**
 * The disk overflow on a full disk, the node run as its own process with its data folder on a small tmpfs (skipped
 * where mounting is not permitted; it needs root). A channel's ring of 20,000 bytes is full after some 19 records of
 * 1,000 bytes, so later pushes are appended to {@code overflow.dat}; then the disk is filled. A Push whose record the
 * overflow cannot take is refused as one whose ring pages the disk cannot back: 407 on legacy Push and PushMulti,
 * {@code Error} on neo Push, nothing stored (a PushMulti stores nothing in its other channel either), the connection
 * kept, a Produce stream closed, one WARNING line for the outage. Pop goes on, from the ring and from the overflow,
 * and so do the other channels; with room again the channel takes pushes, appended after its last whole record
 * again. Then the node is stopped (kill -9 in the first round, SIGTERM in the second) and started on the same data:
 * every acknowledged record comes back once, in push order, and no refused one.
 */
class QueueOverflowDiskFullTest
{
    private static final String SPILL = "spill";
    private static final String OTHER = "other";
    private static final int OK = 200;
    private static final int OUT_OF_MEMORY = 407;
    private static final int RECORD_BYTES = 1000;
    /** Pushed before the disk is filled: twice what the ring holds, so that the overflow has records. */
    private static final int BEFORE_FULL = 40;
    /** Popped on the full disk: more than the ring holds, so that the last pops read the overflow. */
    private static final int POPPED_WHILE_FULL = 25;
    /** What the last page of the full disk can take, and more. */
    private static final int MAX_ON_FULL_DISK = 1000;
    private static final long ANSWER_SECONDS = 10;

    @TempDir
    Path work;

    private QueueNodeProcess node;
    private int next;

    @Test
    @Timeout(240)
    void shouldRefusePushesTheFullOverflowCannotTakeAndServeEveryAcknowledgedRecordAfterARestart() throws Exception
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("data"), "16m", "the disk overflow on a full disk"))
        {
            try
            {
                node = QueueNodeProcess.startServingNeo(work, "[ChannelSizeById]", SPILL + " = 20000");
                outageThenRestart(disk, 1, false);
                outageThenRestart(disk, 2, true);
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

    private void outageThenRestart(final Tmpfs disk, final int round, final boolean cleanStop) throws Exception
    {
        final List<Integer> acknowledged = new ArrayList<>();
        final String other = "other-" + round;
        try (RawConnection c = new RawConnection(node.process().port()); QueueNeoClient neo = node.neoClient())
        {
            for (int i = 0; i < BEFORE_FULL; i++, next++)
            {
                assertEquals(OK, push(c, SPILL, record(next)), "push " + next);
                acknowledged.add(next);
            }
            assertTrue(Files.size(work.resolve("data/overflow.dat")) > BEFORE_FULL / 2 * RECORD_BYTES,
                "the ring is full and the overflow used");
            assertEquals(OK, QueueNodeSocketTest.push(c, OTHER, other));
            final Path filler = disk.fill("filler");

            int status = OK;
            for (int tries = 0; tries < MAX_ON_FULL_DISK && OK == status; tries++, next++)
            {
                status = push(c, SPILL, record(next));
                if (OK == status)
                {
                    acknowledged.add(next);
                }
            }
            assertEquals(OUT_OF_MEMORY, status, "a Push the overflow on the full disk cannot take is refused");
            final int refused = next - 1;
            assertEquals(OUT_OF_MEMORY, pushMulti(c, record(next++), OTHER, SPILL),
                "PushMulti stores nothing, not even in the channel that could take it");
            assertEquals(QueueNeoRequest.PUSH_ERROR, (int)neo.push(record(next++), SPILL)
                .get(ANSWER_SECONDS, TimeUnit.SECONDS), "neo Push");
            assertEquals(OUT_OF_MEMORY, push(c, SPILL, record(next++)), "the connection is kept");
            try (RawConnection producer = new RawConnection(node.process().port()))
            {
                producer.i32(QueueCommand.PRODUCE.code()).array(SPILL).send();
                assertEquals(OK, producer.readStatus());
                producer.array(record(next++)).send();
                assertTrue(producer.isClosedByNode(), "a Produce stream has no status to refuse a record with");
            }

            assertEquals(other, QueueNodeSocketTest.pop(c, OTHER), "other channels go on");
            assertEquals(0, QueueNodeSocketTest.pop(c, OTHER).length(), "the refused PushMulti left nothing");
            for (int i = 0; i < POPPED_WHILE_FULL; i++)
            {
                assertArrayEquals(record(acknowledged.remove(0)), pop(c, SPILL),
                    "Pop from the ring, then the overflow");
            }
            assertTrue(node.process().isAlive());
            assertEquals(round, lines("WARNING").size(), "one WARNING line per outage: " + lines("WARNING"));
            final String warning = lines("WARNING").get(round - 1);
            assertTrue(warning.contains("'" + SPILL + "'") && warning.contains("No space left on device"), warning);

            Files.delete(filler);
            assertEquals(OK, push(c, SPILL, record(refused)), "with room again the channel takes pushes");
            acknowledged.add(refused);
            for (int i = 0; i < 5; i++, next++)
            {
                assertEquals(OK, push(c, SPILL, record(next)), "push " + next);
                acknowledged.add(next);
            }
            assertEquals(round, lines("INFO").size(), "one line when room is back: " + lines("INFO"));
            assertTrue(lines("INFO").get(round - 1).contains("'" + SPILL + "'"), lines("INFO").get(round - 1));
        }

        if (cleanStop)
        {
            assertEquals(0, node.process().terminate(Duration.ofSeconds(60)), "a clean stop");
        }
        else
        {
            node.process().kill9();
        }
        node.restart();
        try (RawConnection c = new RawConnection(node.process().port()))
        {
            for (final int i : acknowledged)
            {
                assertArrayEquals(record(i), pop(c, SPILL),
                    "record " + i + " after " + (cleanStop ? "SIGTERM" : "kill -9"));
            }
            assertEquals(0, pop(c, SPILL).length, "no refused record is there");
        }
    }

    private List<String> lines(final String level) throws Exception
    {
        return outageLines(work.resolve("node.log"), level);
    }

    private String logTail()
    {
        return null == node ? "(not started)" : node.process().logTail(40);
    }

    private static byte[] record(final int i)
    {
        final byte[] value = new byte[RECORD_BYTES];
        Arrays.fill(value, (byte)'s');
        final byte[] label = String.format("record-%05d-", i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, value, 0, label.length);
        return value;
    }
}
