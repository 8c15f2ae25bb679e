package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Tmpfs;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.queue.node.storage.QueueStorage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Crash-safe rings on a full disk, the node run as its own process with its data folder on a small tmpfs (skipped
 * where mounting is not permitted; it needs root). A ring file is sparse and memory-mapped: a record stored into
 * a page the file system has no block for would kill the process with SIGBUS. So the node backs the ring's pages
 * ahead of its write position with real writes, and once the disk cannot back the pages a record needs, that
 * Push is refused: 407 (the legacy OutOfMemory, "channel full") on Push and PushMulti, {@code Error} on the neo
 * Push; a channel created on the full disk is refused the same way. One WARNING line says so for the outage,
 * Pop and the other channels go on, and once the disk has room the same channel takes pushes again, with one line
 * saying so. A kill -9 and restart afterwards serves every acknowledged record, and none that was refused. On a
 * roomy disk, a producer faster than the worker backs pages waits for it and is never refused.
 */
class QueueRingDiskFullTest
{
    private static final String RING = "ring";
    private static final String OTHER = "other";
    private static final String FRESH = "fresh";
    private static final int OK = 200;
    private static final int OUT_OF_MEMORY = 407;
    /** Records of 4 KB: the 10 MB ring needs new pages after a few of them. */
    private static final int RECORD_BYTES = 4000;
    /** More records than the ring holds: a node that stores them all never refused for want of pages. */
    private static final int MAX_RECORDS = 10_000_000 / RECORD_BYTES;
    private static final long ANSWER_SECONDS = 10;

    @TempDir
    Path work;

    private QueueNodeProcess node;

    @Test
    @Timeout(180)
    void shouldRefusePushesThatNeedRingPagesTheFullDiskCannotBackAndKeepServing() throws Exception
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("data"), "16m", "ring files on a full disk"))
        {
            try
            {
                fillWhilePushing(disk);
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

    @Test
    @Timeout(120)
    void shouldNeverRefuseAProducerThatOutrunsTheBackingOnARoomyDisk()
    {
        final int batch = 200;
        final int records = (MAX_RECORDS / batch - 1) * batch;
        try (QueueNode fast = QueueNode.launch(QueueNodeTranscriptTest.testContext(work.resolve("roomy")));
            RawConnection c = new RawConnection(fast.port()))
        {
            for (int sent = 0; sent < records; sent += batch)
            {
                // Pipelined: the node gets a batch of pushes, whose pages the worker backs a window at a time.
                for (int i = sent; i < sent + batch; i++)
                {
                    c.i32(QueueCommand.PUSH.code()).array(RING.getBytes(StandardCharsets.US_ASCII)).array(record(i));
                }
                c.send();
                for (int i = sent; i < sent + batch; i++)
                {
                    assertEquals(OK, c.readStatus(), "push " + i);
                }
            }
            final QueueStorage storage = fast.storage().channel(RING).plainStorage();
            assertEquals(records, storage.ring().items(), "every record in the ring");
            assertEquals(0, storage.overflow().records(), "none spilled to the disk overflow");
            for (int i = 0; i < records; i++)
            {
                assertArrayEquals(record(i), pop(c, RING), "record " + i);
            }
        }
    }

    private void fillWhilePushing(final Tmpfs disk) throws Exception
    {
        node = QueueNodeProcess.startServingNeo(work);
        final List<Integer> acknowledged = new ArrayList<>();
        int next = 0;
        final Path filler;
        try (RawConnection c = new RawConnection(node.process().port()); QueueNeoClient neo = node.neoClient())
        {
            for (; next < 3; next++)
            {
                assertEquals(OK, push(c, RING, record(next)));
                acknowledged.add(next);
            }
            assertEquals(OK, QueueNodeSocketTest.push(c, OTHER, "other-0"));
            filler = disk.fill("filler");

            int status = OK;
            for (; next < MAX_RECORDS && OK == status; next++)
            {
                status = push(c, RING, record(next));
                if (OK == status)
                {
                    acknowledged.add(next);
                }
            }
            assertEquals(OUT_OF_MEMORY, status, "a Push whose ring pages the full disk cannot back is refused");
            final int refused = next - 1;
            assertEquals(OUT_OF_MEMORY, pushMulti(c, record(next++), RING, OTHER), "PushMulti stores nothing");
            assertEquals(QueueNeoRequest.PUSH_ERROR, (int)neo.push(record(next++), RING)
                .get(ANSWER_SECONDS, TimeUnit.SECONDS), "neo Push");
            assertEquals(OUT_OF_MEMORY, QueueNodeSocketTest.push(c, FRESH, "fresh-0"),
                "a channel created on the full disk");
            try (RawConnection producer = new RawConnection(node.process().port()))
            {
                producer.i32(QueueCommand.PRODUCE.code()).array(RING).send();
                assertEquals(OK, producer.readStatus());
                producer.array(record(next++)).send();
                assertTrue(producer.isClosedByNode(), "a Produce stream has no status to refuse a record with");
            }

            assertEquals("other-0", QueueNodeSocketTest.pop(c, OTHER), "other channels go on");
            assertEquals(OK, QueueNodeSocketTest.push(c, OTHER, "other-1"), "within the pages already backed");
            assertArrayEquals(record(acknowledged.remove(0)), pop(c, RING), "Pop goes on");
            assertTrue(node.process().isAlive());
            final List<String> warnings = lines("WARNING");
            assertEquals(1, warnings.size(), "one WARNING line for the outage: " + warnings);
            assertTrue(warnings.get(0).contains("'" + RING + "'") &&
                warnings.get(0).contains("No space left on device"), warnings.get(0));

            Files.delete(filler);
            assertEquals(OK, push(c, RING, record(refused)), "with room again the same channel takes pushes");
            acknowledged.add(refused);
            assertEquals(OK, QueueNodeSocketTest.push(c, FRESH, "fresh-1"));
            assertEquals(1, lines("INFO").size(), "one line when room is back: " + lines("INFO"));
            assertTrue(lines("INFO").get(0).contains("'" + RING + "'") && lines("INFO").get(0).contains("5 pushes " +
                "were refused"), lines("INFO").get(0));
        }

        node.process().kill9();
        node.restart();
        try (RawConnection c = new RawConnection(node.process().port()))
        {
            for (final int i : acknowledged)
            {
                assertArrayEquals(record(i), pop(c, RING), "record " + i);
            }
            assertEquals(0, pop(c, RING).length,
                "no refused record is there");
            assertEquals("other-1", QueueNodeSocketTest.pop(c, OTHER));
            assertEquals("fresh-1", QueueNodeSocketTest.pop(c, FRESH));
        }
    }

    private List<String> lines(final String level) throws Exception
    {
        return outageLines(work.resolve("node.log"), level);
    }

    private String logTail()
    {
        return null == node ? "(not started)" : node.process().logTail(30);
    }

    private static byte[] record(final int i)
    {
        final byte[] value = new byte[RECORD_BYTES];
        Arrays.fill(value, (byte)'r');
        final byte[] label = String.format("record-%05d-", i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, value, 0, label.length);
        return value;
    }
}
