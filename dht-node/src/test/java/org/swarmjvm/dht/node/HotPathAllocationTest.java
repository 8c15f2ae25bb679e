package org.swarmjvm.dht.node;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.swarmjvm.dht.node.storage.CompressionRule;
import org.swarmjvm.dht.node.storage.ValueCompression;
import org.swarmjvm.node.testing.ThreadAllocation;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The node's hot path allocates nothing per request: after warm-up, thousands of Put, Get and Exists requests
 * allocate (almost) no heap on the poller thread, which decodes, stores and answers them all, with the values
 * stored as sent or LZ4-compressed. Measured with the
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

    @ParameterizedTest
    @EnumSource(ValueCompression.class)
    void shouldNotAllocatePerRequestOnThePollerThread(final ValueCompression compression) throws Exception
    {
        try (DhtNode node = TestNodes.launch(dataDir, TestNodes.HALF_RANGE,
                context -> context.compression(new CompressionRule(compression, Map.of())));
            Socket socket = new Socket("127.0.0.1", node.port()))
        {
            socket.setTcpNoDelay(true);
            final RequestRound round = new RequestRound(socket);
            for (int i = 0; i < WARM_UP_ROUNDS; i++)
            {
                round.run(2L * (i % 1000));
            }
            ThreadAllocation.assertSteadyStateAllocatesNothing("dht-node-poller", MEASURED_ROUNDS,
                MAX_BYTES_PER_ROUND, i -> round.run(2L * (i % 1000)));
        }
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
