package org.swarmjvm.node;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.support.stats.StatsLine;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The smallest engine that exercises the core: three commands, no storage.
 * <pre>
 *   1 Echo    ARRAY(payload)  -&gt; 200 ARRAY(payload); the payload "fail" throws instead (a handler bug)
 *   2 Count   (no fields)     -&gt; 200 u64 (requests counted so far, node-wide, this one included)
 *   3 Stream  u64 chunks      -&gt; 200, chunks x ARRAY(CHUNK_LENGTH bytes of the chunk's number), ARRAY("")
 * </pre>
 * Code 0 and every code above 3 are no command.
 */
final class CounterEngine implements NodeEngine
{
    static final int ECHO = 1;
    static final int COUNT = 2;
    static final int STREAM = 3;
    static final int CHUNK_LENGTH = 32 * 1024;

    static final byte[] FAIL = {'f', 'a', 'i', 'l'};

    private static final String[] NAMES = {null, "Echo", "Count", "Stream"};

    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong streamedBytes = new AtomicLong();

    @Override
    public String[] commandNames()
    {
        return NAMES.clone();
    }

    @Override
    public RequestHandler[] newRequestHandlers(final NodeServices services)
    {
        return new RequestHandler[]{null, new EchoHandler(), new CountHandler(), new StreamHandler()};
    }

    @Override
    public void appendStats(final StatsLine line)
    {
        line.add("counted", counted.get());
    }

    @Override
    public void forEachChannel(final Visitor visitor)
    {
    }

    @Override
    public void close()
    {
    }

    /**
     * @return bytes the Stream handlers wrote into replies so far.
     */
    long streamedBytes()
    {
        return streamedBytes.get();
    }

    private static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private static final class EchoHandler implements RequestHandler
    {
        private DirectBuffer buffer;
        private int offset;
        private int length;

        @Override
        public int decode(final RequestScanner scanner)
        {
            if (!scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
            {
                return scanner.shortfall();
            }
            buffer = scanner.buffer();
            offset = scanner.fieldOffset();
            length = scanner.fieldLength();
            return scanner.complete();
        }

        @Override
        public Progress execute(final Reply reply)
        {
            if (FAIL.length == length && Arrays.equals(FAIL, bytes(buffer, offset, length)))
            {
                throw new IllegalStateException("handler bug");
            }
            reply.begin().status(SwarmStatus.OK).array(buffer, offset, length);
            reply.end();
            return Progress.DONE;
        }
    }

    private final class CountHandler implements RequestHandler
    {
        @Override
        public int decode(final RequestScanner scanner)
        {
            return scanner.complete();
        }

        @Override
        public Progress execute(final Reply reply)
        {
            reply.begin().status(SwarmStatus.OK).u64(counted.incrementAndGet());
            reply.end();
            return Progress.DONE;
        }
    }

    /**
     * Writes one chunk per step and never looks at {@link Reply#pendingBytes()}: bounding what waits to be sent
     * is the core's job.
     */
    private final class StreamHandler implements RequestHandler
    {
        private final byte[] chunk = new byte[CHUNK_LENGTH];
        private long chunks;
        private long sent;
        private boolean started;

        @Override
        public int decode(final RequestScanner scanner)
        {
            if (!scanner.fixed(Long.BYTES))
            {
                return scanner.shortfall();
            }
            chunks = scanner.buffer().getLong(scanner.fieldOffset(), LITTLE_ENDIAN);
            return scanner.complete();
        }

        @Override
        public Progress execute(final Reply reply)
        {
            final WireWriter writer = reply.begin();
            if (!started)
            {
                started = true;
                sent = 0;
                writer.status(SwarmStatus.OK);
            }
            if (sent == chunks)
            {
                writer.emptyArray();
                reply.end();
                started = false;
                return Progress.DONE;
            }
            Arrays.fill(chunk, (byte)sent);
            writer.array(chunk);
            reply.end();
            sent++;
            streamedBytes.addAndGet(ArrayPrefix.LENGTH + CHUNK_LENGTH);
            return Progress.MORE;
        }

        @Override
        public void abort()
        {
            started = false;
        }
    }
}
