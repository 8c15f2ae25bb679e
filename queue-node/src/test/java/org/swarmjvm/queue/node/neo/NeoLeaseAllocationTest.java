package org.swarmjvm.queue.node.neo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.ThreadAllocation;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.queue.node.QueueNode;
import org.swarmjvm.queue.node.storage.LeaseSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;

/**
 * Take, Nack, Take again and Ack allocate nothing per request on the poller thread after warm-up, with the
 * smallest lease journal so that compactions run inside the measured rounds.
 */
class NeoLeaseAllocationTest
{
    private static final int WARM_UP_ROUNDS = 5_000;
    private static final int MEASURED_ROUNDS = 3_000;
    /** Slack for the JVM's own work on the thread (JIT deoptimisation, selector bookkeeping). */
    private static final long MAX_BYTES_PER_ROUND = 16;
    private static final String HOUR = "80ee360000000000";

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void shouldNotAllocatePerLeasedRequestOnThePollerThread() throws Exception
    {
        final LeaseSettings smallJournal = new LeaseSettings(5, "-dead", LeaseSettings.MIN_JOURNAL_LENGTH);
        try (QueueNode node = NeoQueueNodes.launch(dir, smallJournal);
            NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            final String push = "01 03 01" + array("hot") + array(new byte[100]);
            final String take = "14 00" + array("hot") + HOUR;
            final Runnable round = () ->
            {
                try
                {
                    raw.request(1, push).answer(1, "fd").answer(1, "01");
                    raw.request(2, take).answer(2, "fd");
                    raw.request(3, "16 00" + array("hot") + Hex.toHex(leaseOf(raw.readAnswer(2), 1)))
                        .answer(3, "fd").answer(3, "01");
                    raw.request(4, take).answer(4, "fd");
                    raw.request(5, "15 00" + array("hot") + Hex.toHex(leaseOf(raw.readAnswer(4), 2)))
                        .answer(5, "fd").answer(5, "01");
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            };
            for (int i = 0; i < WARM_UP_ROUNDS; i++)
            {
                round.run();
            }
            ThreadAllocation.assertSteadyStateAllocatesNothing("queue-node-poller", MEASURED_ROUNDS,
                MAX_BYTES_PER_ROUND, i -> round.run());
        }
    }

    /**
     * @return the lease id of a Taken answer, as its 8 wire bytes, after checking the delivery count.
     */
    private static byte[] leaseOf(final byte[] taken, final int deliveries)
    {
        final ByteBuffer view = ByteBuffer.wrap(taken).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, view.get(0), "Taken");
        assertEquals(deliveries, view.getInt(9), "delivery count");
        final byte[] leaseId = new byte[Long.BYTES];
        view.get(1, leaseId);
        return leaseId;
    }
}
