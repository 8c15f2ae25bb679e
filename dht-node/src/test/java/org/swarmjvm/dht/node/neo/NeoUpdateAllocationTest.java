package org.swarmjvm.dht.node.neo;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.node.testing.ThreadAllocation;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.swarmjvm.protocol.neo.NeoRawConnection.ZERO_KEY;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;
import static org.swarmjvm.protocol.neo.NeoRawConnection.le;

/**
 * Update allocates nothing per request on the poller thread after warm-up, on both paths and with each later
 * message that finds the channel again (UpdateRecord, RemoveRecord): the channel is looked up by the name's bytes.
 */
class NeoUpdateAllocationTest
{
    private static final int WARM_UP_ROUNDS = 5_000;
    private static final int MEASURED_ROUNDS = 3_000;
    /** Slack for the JVM's own work on the thread (JIT deoptimisation, selector bookkeeping). */
    private static final long MAX_BYTES_PER_ROUND = 16;
    private static final byte[] VALUE = new byte[100];

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void shouldNotAllocatePerUpdateOnThePollerThread() throws Exception
    {
        final String key = Hex.toHex(le(7));
        final String valueHash = Hex.toHex(le(DhtNeoRequest.fnv1a64(new UnsafeBuffer(VALUE), 0, VALUE.length)));
        final String getRecord = "0a 00 01" + array("hot") + key;
        final String recordValue = "05" + array(VALUE);
        final String updateRecord = "02" + valueHash + array(VALUE);
        final String writeMissing = "0a 00 02" + array("hot") + key + Hex.toHex(le(0)) + array(VALUE);
        try (DhtNode node = NeoTestSupport.launch(dir);
            NeoRawConnection raw = new NeoRawConnection(node.neoPort()).authenticate("admin", ZERO_KEY))
        {
            final Runnable round = () ->
            {
                try
                {
                    // Path B writes the missing record; path A rewrites it, then path A removes it.
                    raw.request(1, writeMissing).answer(1, "fd").answer(1, "06");
                    raw.request(2, getRecord).answer(2, "fd").answer(2, recordValue);
                    raw.request(2, updateRecord).answer(2, "06");
                    raw.request(3, getRecord).answer(3, "fd").answer(3, recordValue);
                    raw.request(3, "03").answer(3, "06");
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
            ThreadAllocation.assertSteadyStateAllocatesNothing("dht-node-poller", MEASURED_ROUNDS,
                MAX_BYTES_PER_ROUND, i -> round.run());
        }
    }
}
