package org.swarmjvm.queue.node;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.ThreadAllocation;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.protocol.queue.codec.QueueRequestEncoder;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Push, PushMulti and Pop allocate nothing per request on the poller thread after warm-up, with records wrapping
 * around a small ring. Measured with the JVM's per-thread allocation counter.
 */
class HotPathAllocationTest
{
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int MEASURED_ROUNDS = 10_000;
    /** Slack for the JVM's own work on the thread (JIT deoptimisation, selector bookkeeping). */
    private static final long MAX_BYTES_PER_ROUND = 16;

    @TempDir
    Path data;

    @Test
    @Timeout(120)
    void shouldNotAllocatePerRequestOnThePollerThread() throws Exception
    {
        try (QueueNode node = QueueNode.launch(QueueNodeTranscriptTest.testContext(data).channelSizeById("hot", 1000));
            Socket socket = new Socket("127.0.0.1", node.port()))
        {
            socket.setTcpNoDelay(true);
            final RequestRound round = new RequestRound(socket);
            round.prime();
            for (int i = 0; i < WARM_UP_ROUNDS; i++)
            {
                round.run();
            }
            ThreadAllocation.assertSteadyStateAllocatesNothing("queue-node-poller", MEASURED_ROUNDS,
                MAX_BYTES_PER_ROUND, i -> round.run());
        }
    }

    /**
     * Push to hot_a, PushMulti to hot_a and hot_b, Pop hot_a twice and hot_b once: each queue keeps one older
     * record, so positions move on and wrap around the 1000-byte rings.
     */
    private static final class RequestRound
    {
        private final ExpandableArrayBuffer request = new ExpandableArrayBuffer(512);
        private final WireWriter writer = new WireWriter();
        private final QueueRequestEncoder encoder = new QueueRequestEncoder(writer);
        private final UnsafeBuffer value = new UnsafeBuffer(new byte[100]);
        private final byte[] multiValue = new byte[100];
        private final List<String> both = List.of("hot_a", "hot_b");
        /** Push: status; PushMulti: status; 3 Pops: status, ARRAY(100 bytes). */
        private final byte[] reply = new byte[4 + 4 + 3 * (4 + 8 + 100)];
        private final OutputStream out;
        private final DataInputStream in;

        RequestRound(final Socket socket) throws IOException
        {
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        }

        void prime() throws IOException
        {
            writer.wrap(request, 0);
            encoder.push("hot_a", value, 0, value.capacity());
            encoder.push("hot_b", value, 0, value.capacity());
            out.write(request.byteArray(), 0, writer.position());
            in.readFully(new byte[8]);
        }

        void run() throws IOException
        {
            writer.wrap(request, 0);
            encoder.push("hot_a", value, 0, value.capacity());
            encoder.pushMulti(both, multiValue);
            encoder.channel(QueueCommand.POP, "hot_a");
            encoder.channel(QueueCommand.POP, "hot_a");
            encoder.channel(QueueCommand.POP, "hot_b");
            out.write(request.byteArray(), 0, writer.position());
            in.readFully(reply);
            assertEquals(100, reply[reply.length - 100 - 8], "Pop returned a 100-byte record");
        }
    }
}
