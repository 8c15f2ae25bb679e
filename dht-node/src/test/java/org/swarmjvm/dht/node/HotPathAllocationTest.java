package org.swarmjvm.dht.node;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's hot path allocates nothing per request: after warm-up, thousands of Put, Get and Exists requests
 * allocate (almost) no heap on the poller thread, which decodes, stores and answers them all. Measured with the
 * JVM's per-thread allocation counter, not with timings.
 */
class HotPathAllocationTest
{
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int MEASURED_ROUNDS = 10_000;
    /** Generous slack for the JVM's own work on the thread (JIT deoptimisation, selector bookkeeping). */
    private static final long MAX_BYTES_PER_ROUND = 16;

    @TempDir
    Path dataDir;

    @Test
    void shouldNotAllocatePerRequestOnThePollerThread() throws IOException
    {
        try (DhtNode node = TestNodes.launchNodeA(dataDir); Socket socket = new Socket("127.0.0.1", node.port()))
        {
            socket.setTcpNoDelay(true);
            final RequestRound round = new RequestRound(socket);
            for (int i = 0; i < WARM_UP_ROUNDS; i++)
            {
                round.run(2L * (i % 1000));
            }
            final Thread poller = pollerThread();
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long before = threads.getThreadAllocatedBytes(poller.getId());
            assertTrue(before > 0, "the JVM counts the poller thread's allocations (it allocated at start-up)");
            for (int i = 0; i < MEASURED_ROUNDS; i++)
            {
                round.run(2L * (i % 1000));
            }
            final long allocated = threads.getThreadAllocatedBytes(poller.getId()) - before;
            assertTrue(allocated <= MAX_BYTES_PER_ROUND * MEASURED_ROUNDS,
                "poller thread allocated " + allocated + " bytes for " + MEASURED_ROUNDS + " rounds of Put, Get, " +
                "Exists");
        }
    }

    private static Thread pollerThread()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().equals("dht-node-poller"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no poller thread"));
    }

    /**
     * One Put, one Get and one Exists on one connection, written and read with preallocated buffers.
     */
    private static final class RequestRound
    {
        private final ExpandableArrayBuffer request = new ExpandableArrayBuffer(256);
        private final WireWriter writer = new WireWriter();
        private final DhtRequestEncoder encoder = new DhtRequestEncoder(writer);
        private final UnsafeBuffer value = new UnsafeBuffer(new byte[100]);
        /** Put: status; Get: status, ARRAY(100 bytes); Exists: status, bool. */
        private final byte[] reply = new byte[4 + 4 + 8 + 100 + 4 + 1];
        private final OutputStream out;
        private final InputStream in;

        RequestRound(final Socket socket) throws IOException
        {
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        }

        void run(final long key) throws IOException
        {
            writer.wrap(request, 0);
            encoder.put("hot", key, value, 0, value.capacity());
            encoder.get("hot", key);
            encoder.exists("hot", key);
            out.write(request.byteArray(), 0, writer.position());
            ((DataInputStream)in).readFully(reply);
            assertEquals(1, reply[reply.length - 1], "the record exists");
        }
    }
}
