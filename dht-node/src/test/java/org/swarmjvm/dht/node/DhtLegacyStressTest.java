package org.swarmjvm.dht.node;

import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServer;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.logging.Level;

import static org.swarmjvm.dht.node.SuiteRecords.COUNT;
import static org.swarmjvm.dht.node.SuiteRecords.FILTER;
import static org.swarmjvm.dht.node.SuiteRecords.KEYS;
import static org.swarmjvm.dht.node.SuiteRecords.VALUES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The original test suite's conversation with a DHT node, as its legacy client holds it, over and over until a
 * number of requests: 10,000 Puts (keys FNV-1a 64 of the decimal strings "0".."9999", each value its decimal
 * string), then GetChannelSize, GetAll, GetAllFilter "0", GetAllKeys, 10,000 Exists and 10,000 Get; then Remove of
 * every second record and the same verification again; then RemoveChannel.
 * <p>
 * Requests go over a pool of connections as the client spreads them. Like the client, a connection writes a request
 * and reads its whole reply before the next, suspends reading in the middle of streams, ends a stream at the empty
 * array, and keeps the connection for later requests; a request the client times out in the middle of a stream
 * closes that connection and a new one takes its place. Beyond the client, some requests are pipelined (the next
 * ones written before the reply to the first is read, the stream's end included), requests are written in pieces,
 * and streams are abandoned on side connections, some with a reset. The node runs with small socket buffers and
 * gives way at random on its poller thread, so that partial reads and writes happen at every boundary.
 * <p>
 * Every reply is checked byte for byte against the spec; the LZO batches are decompressed and their records
 * checked, each exactly once per stream. A reply that never comes fails the run after the read timeout.
 * <p>
 * Short in the build; {@code scripts/stress-dht} runs ten million requests ({@code -Dswarm.stress.requests},
 * {@code -Dswarm.stress.seed}).
 */
class DhtLegacyStressTest
{
    private static final int POOL_SIZE = 3;
    private static final int STREAM_ENDS_PER_VERIFICATION = 40;
    /** The node's socket buffers in the rounds that make them small (the kernel doubles the figure). */
    private static final int NODE_SOCKET_BUFFER = 4096;
    /** Long enough for any reply on a build machine loaded many times over; a lost reply fails after it. */
    private static final int READ_TIMEOUT_MS = 30_000;
    private static final byte[] OK = new Frame().i32(SwarmStatus.OK.code()).bytes();

    private static final long REQUESTS = Long.getLong("swarm.stress.requests", 50_000);
    private static final long SEED = Long.parseUnsignedLong(System.getProperty("swarm.stress.seed",
        hex(new Random().nextLong())).replaceFirst("^0x", ""), 16);

    @TempDir
    Path tempDir;

    private final Random random = new Random(SEED);
    private long requests;
    private long replies;
    private long abandoned;
    private long pipelined;

    @Test
    void shouldAnswerEveryRequestOfTheLegacyClientAroundStreams() throws IOException
    {
        final long start = System.nanoTime();
        try (LogCapture log = new LogCapture())
        {
            for (int round = 0; requests < REQUESTS; round++)
            {
                round(round);
                assertEquals(List.of(), log.messagesAtLeast(Level.WARNING), "node warnings, seed " + hex(SEED));
                log.clear();
                System.out.printf("stress-dht progress: round %d, %,d requests, %,d replies checked, %d s%n",
                    round, requests, replies, (System.nanoTime() - start) / 1_000_000_000L);
            }
        }
        System.out.printf("stress-dht: %,d requests (%,d pipelined writes, %,d streams abandoned), " +
            "%,d replies checked byte for byte, 0 lost, seed %s, %d s%n", requests, pipelined, abandoned, replies,
            hex(SEED), (System.nanoTime() - start) / 1_000_000_000L);
    }

    /**
     * One pass of the conversation on a fresh node; the rounds take turns at slowing the node and at shrinking its
     * socket buffers.
     */
    private void round(final int round) throws IOException
    {
        final boolean slow = round % 3 != 1;
        final int socketBuffer = round % 3 == 2 ? 0 : NODE_SOCKET_BUFFER;
        final Path dataDir = Files.createDirectories(tempDir.resolve("round-" + round));
        final DhtNodeContext context = new DhtNodeContext()
            .range(new HashRange(0, -1L))
            .dataDir(dataDir)
            .channelCapacity(2 * COUNT)
            .averageValueSize(8);
        context.node().address("127.0.0.1").port(0).socketBufferSize(socketBuffer);
        context.conclude();
        final DhtStorage storage = new DhtStorage(
            context.range(), context.sizeLimit(), context.channelCapacity(), context.averageValueSize());
        final DhtEngine engine = new DhtEngine(context, storage, new DumpDirectory(dataDir));
        final String channel = "stress" + round;
        try (NodeServer node = NodeServer.launch(context.node(), slow ? new SlowEngine(engine) : engine);
            Pool pool = new Pool(new InetSocketAddress("127.0.0.1", node.port())))
        {
            final List<Request> puts = new ArrayList<>(COUNT);
            for (int i = 0; i < COUNT; i++)
            {
                puts.add(new Request("Put " + i, new Frame().i32(DhtCommand.PUT.code()).array(channel)
                    .array(HexKey.toString(KEYS[i])).array(VALUES[i]).bytes(), OK));
            }
            pool.run(puts);
            verify(pool, channel, node.port(), i -> true);

            final List<Request> removes = new ArrayList<>(COUNT / 2);
            for (int i = 1; i < COUNT; i += 2)
            {
                removes.add(new Request("Remove " + i, keyed(DhtCommand.REMOVE, channel, i), OK));
            }
            pool.run(removes);
            verify(pool, channel, node.port(), i -> i % 2 == 0);

            pool.run(List.of(new Request("RemoveChannel",
                new Frame().i32(DhtCommand.REMOVE_CHANNEL.code()).array(channel).bytes(), OK)));
        }
    }

    private void verify(final Pool pool, final String channel, final int port, final IntPredicate present)
    {
        final SuiteRecords expected = SuiteRecords.expected(present);
        final Request size = new Request("GetChannelSize", channelOnly(DhtCommand.GET_CHANNEL_SIZE, channel),
            new Frame().i32(SwarmStatus.OK.code()).array("127.0.0.1").u16(port).u64(expected.records)
                .u64(expected.bytes).bytes());
        final Request[] streams = {
            new Request("GetAll", channelOnly(DhtCommand.GET_ALL, channel), expected.all, true),
            new Request("GetAllFilter", new Frame().i32(DhtCommand.GET_ALL_FILTER.code()).array(channel)
                .array(FILTER).bytes(), expected.filtered, true),
            new Request("GetAllKeys", channelOnly(DhtCommand.GET_ALL_KEYS, channel), expected.all, false)};
        final Request[] exists = new Request[COUNT];
        final Request[] gets = new Request[COUNT];
        for (int i = 0; i < COUNT; i++)
        {
            exists[i] = new Request("Exists " + i, keyed(DhtCommand.EXISTS, channel, i),
                new Frame().i32(SwarmStatus.OK.code()).u8(present.test(i) ? 1 : 0).bytes());
            gets[i] = new Request("Get " + i, keyed(DhtCommand.GET, channel, i),
                new Frame().i32(SwarmStatus.OK.code()).array(present.test(i) ? VALUES[i] : "").bytes());
        }
        final List<Request> requests = new ArrayList<>();
        requests.add(size);
        requests.addAll(List.of(streams));
        requests.addAll(List.of(exists));
        requests.addAll(List.of(gets));
        // The original suite ends its streams once per verification; these put a stream's end before every
        // kind of request many more times.
        for (int i = 0; i < STREAM_ENDS_PER_VERIFICATION; i++)
        {
            requests.add(streams[random.nextInt(streams.length)]);
            final int record = random.nextInt(COUNT);
            final int next = random.nextInt(4);
            requests.add(next == 0 ? size : next == 1 ? exists[record] : next == 2 ? gets[record] :
                streams[random.nextInt(streams.length)]);
        }
        pool.run(requests);
    }

    private static byte[] channelOnly(final DhtCommand command, final String channel)
    {
        return new Frame().i32(command.code()).array(channel).bytes();
    }

    private static byte[] keyed(final DhtCommand command, final String channel, final int record)
    {
        return new Frame().i32(command.code()).array(channel).array(HexKey.toString(KEYS[record])).bytes();
    }

    private static String hex(final long value)
    {
        return "0x" + Long.toHexString(value);
    }

    /**
     * A request and what the spec says its reply is: fixed bytes, or a GetAll-style stream of a set of records.
     */
    private static final class Request
    {
        final String label;
        final byte[] bytes;
        final byte[] reply;
        final Map<String, String> records;
        final boolean withValues;

        Request(final String label, final byte[] bytes, final byte[] reply)
        {
            this.label = label;
            this.bytes = bytes;
            this.reply = reply;
            this.records = null;
            this.withValues = false;
        }

        Request(final String label, final byte[] bytes, final Map<String, String> records, final boolean withValues)
        {
            this.label = label;
            this.bytes = bytes;
            this.reply = null;
            this.records = records;
            this.withValues = withValues;
        }

        boolean isStream()
        {
            return null != records;
        }
    }

    /**
     * The client's connections to the node, each request on one of them.
     */
    private final class Pool implements AutoCloseable
    {
        private final InetSocketAddress address;
        private final Connection[] connections = new Connection[POOL_SIZE];
        private int opened;

        Pool(final InetSocketAddress address)
        {
            this.address = address;
            for (int i = 0; i < POOL_SIZE; i++)
            {
                connections[i] = new Connection(++opened);
            }
        }

        /**
         * Runs the requests in order, each answered and checked before the next unless pipelined.
         */
        void run(final List<Request> list)
        {
            int next = 0;
            while (next < list.size())
            {
                final int slot = random.nextInt(POOL_SIZE);
                final int depth = Math.min(list.size() - next, pipelineDepth());
                final List<Request> batch = list.subList(next, next + depth);
                next += depth;
                if (batch.get(0).isStream())
                {
                    abandonSomeStreams(slot, batch.get(0));
                }
                final Connection connection = connections[slot];
                connection.send(batch);
                for (final Request request : batch)
                {
                    connection.check(request);
                }
            }
        }

        private int pipelineDepth()
        {
            final int dice = random.nextInt(10);
            if (dice < 7)
            {
                return 1;
            }
            pipelined++;
            return dice < 9 ? 2 : 3 + random.nextInt(2);
        }

        /**
         * The stream request first goes where the client gives up on it: a side connection reading part of the
         * reply and leaving, or the pool's connection itself (the client's request timeout), replaced by a new
         * one as the client reconnects.
         */
        private void abandonSomeStreams(final int slot, final Request request)
        {
            final int dice = random.nextInt(8);
            if (dice == 0)
            {
                try (Connection side = new Connection(++opened))
                {
                    side.abandon(request);
                }
            }
            else if (dice == 1)
            {
                connections[slot].abandon(request);
                connections[slot].close();
                connections[slot] = new Connection(++opened);
            }
        }

        @Override
        public void close()
        {
            for (final Connection connection : connections)
            {
                connection.close();
            }
        }

        /**
         * One client connection, with its own buffer sizes and reading pace.
         */
        private final class Connection implements AutoCloseable
        {
            private final int id;
            private final Socket socket;
            private final InputStream in;
            private final OutputStream out;
            private final ArrayDeque<String> history = new ArrayDeque<>();
            private final RecordBatchReader batchReader = new RecordBatchReader();
            private byte[] scratch = new byte[64 * 1024];
            private long received;
            /** Most bytes one read asks for; 1 reads byte by byte. */
            private int readChunk;

            Connection(final int id)
            {
                this.id = id;
                try
                {
                    socket = new Socket();
                    if (random.nextBoolean())
                    {
                        final int size = 2048 << random.nextInt(5);
                        socket.setReceiveBufferSize(size);
                        socket.setSendBufferSize(size);
                    }
                    socket.setTcpNoDelay(true);
                    socket.connect(address, READ_TIMEOUT_MS);
                    socket.setSoTimeout(READ_TIMEOUT_MS);
                    in = socket.getInputStream();
                    out = socket.getOutputStream();
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot connect to " + address, ex);
                }
            }

            /**
             * Writes the requests back to back, in a few pieces with pauses between, so that the node sees them
             * cut anywhere.
             */
            void send(final List<Request> batch)
            {
                int length = 0;
                for (final Request request : batch)
                {
                    length += request.bytes.length;
                    remember("sent " + request.label);
                }
                final byte[] bytes = new byte[length];
                int offset = 0;
                for (final Request request : batch)
                {
                    System.arraycopy(request.bytes, 0, bytes, offset, request.bytes.length);
                    offset += request.bytes.length;
                }
                requests += batch.size();
                try
                {
                    int sent = 0;
                    while (sent < length)
                    {
                        final int piece = random.nextInt(4) == 0 ? 1 + random.nextInt(length - sent) : length - sent;
                        out.write(bytes, sent, piece);
                        out.flush();
                        sent += piece;
                        if (sent < length && random.nextBoolean())
                        {
                            Thread.yield();
                        }
                    }
                }
                catch (final IOException ex)
                {
                    failed("writing " + batch.get(0).label, ex);
                }
            }

            /**
             * Reads and checks the reply to the oldest request sent and not yet answered.
             */
            void check(final Request request)
            {
                readChunk = pickReadChunk();
                if (request.isStream())
                {
                    checkStream(request);
                }
                else
                {
                    expect(request.reply, request.label);
                }
                replies++;
                remember("answered " + request.label);
            }

            /**
             * Sends the stream request, reads part of its reply, and gives up on it. The caller closes the
             * connection: the legacy client reuses a connection only after a complete reply.
             */
            void abandon(final Request request)
            {
                send(List.of(request));
                abandoned++;
                readChunk = pickReadChunk();
                final int part = random.nextInt(4096);
                readExactly(scratch, part, request.label + " (abandoned after " + part + " bytes)");
                if (random.nextBoolean())
                {
                    try
                    {
                        // A reset rather than an orderly close: what the node sees from a client that crashed.
                        socket.setSoLinger(true, 0);
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                }
            }

            private int pickReadChunk()
            {
                final int dice = random.nextInt(8);
                return dice == 0 ? 1 : dice < 3 ? 1 + random.nextInt(64) : scratch.length;
            }

            private void checkStream(final Request request)
            {
                expect(OK, request.label + " status");
                final Map<String, String> seen = new HashMap<>();
                int batches = 0;
                while (true)
                {
                    final long length = readLong(request.label + " batch " + batches + " length");
                    if (0 == length)
                    {
                        break;
                    }
                    if (length < 2 * Long.BYTES + 3 || length > 1 << 20)
                    {
                        mismatch(request.label, "batch " + batches + " of " + Long.toUnsignedString(length) +
                            " bytes");
                    }
                    if (scratch.length < length)
                    {
                        scratch = new byte[(int)length];
                    }
                    readExactly(scratch, (int)length, request.label + " batch " + batches);
                    batchReader.wrap(new UnsafeBuffer(scratch, 0, (int)length), 0, (int)length);
                    while (request.withValues ? batchReader.nextRecord() : batchReader.nextKey())
                    {
                        final String key = text(batchReader.keyOffset(), batchReader.keyLength());
                        final String value = request.withValues ?
                            text(batchReader.valueOffset(), batchReader.valueLength()) : "";
                        final String expected = request.records.get(key);
                        if (null == expected || (request.withValues && !expected.equals(value)))
                        {
                            mismatch(request.label, "batch " + batches + " has record " + key + " = " + value +
                                ", expected " + expected);
                        }
                        if (null != seen.put(key, value))
                        {
                            mismatch(request.label, "record " + key + " sent twice");
                        }
                    }
                    batches++;
                    suspendNowAndThen();
                }
                if (seen.size() != request.records.size())
                {
                    mismatch(request.label, seen.size() + " records in " + batches + " batches, expected " +
                        request.records.size());
                }
            }

            /**
             * The client's suspend and resume, and its ceding to other requests after each batch: it stops
             * reading, and the node's send buffer fills.
             */
            private void suspendNowAndThen()
            {
                final int dice = random.nextInt(16);
                if (dice == 0)
                {
                    LockSupport.parkNanos(200_000 + random.nextInt(2_000_000));
                }
                else if (dice < 4)
                {
                    Thread.yield();
                }
            }

            private String text(final int offset, final int length)
            {
                final byte[] bytes = new byte[length];
                batchReader.buffer().getBytes(offset, bytes);
                return new String(bytes, StandardCharsets.US_ASCII);
            }

            private long readLong(final String what)
            {
                readExactly(scratch, Long.BYTES, what);
                long value = 0;
                for (int i = Long.BYTES - 1; i >= 0; i--)
                {
                    value = (value << 8) | (scratch[i] & 0xff);
                }
                return value;
            }

            private void expect(final byte[] expected, final String what)
            {
                readExactly(scratch, expected.length, what);
                if (!Arrays.equals(scratch, 0, expected.length, expected, 0, expected.length))
                {
                    mismatch(what, "received " + HexFormat.of().formatHex(scratch, 0, expected.length) +
                        ", expected " + HexFormat.of().formatHex(expected));
                }
            }

            private void readExactly(final byte[] into, final int length, final String what)
            {
                int done = 0;
                try
                {
                    while (done < length)
                    {
                        final int read = in.read(into, done, Math.min(length - done, readChunk));
                        if (read < 0)
                        {
                            failed(what + ": connection closed by the node after " + done + " of " + length +
                                " bytes", null);
                        }
                        done += read;
                        received += read;
                        if (readChunk < 64 && random.nextInt(8) == 0)
                        {
                            Thread.yield();
                        }
                    }
                }
                catch (final SocketTimeoutException ex)
                {
                    failed(what + ": no reply within " + READ_TIMEOUT_MS + " ms after " + done + " of " + length +
                        " bytes (reply lost)", ex);
                }
                catch (final IOException ex)
                {
                    failed(what + " after " + done + " of " + length + " bytes", ex);
                }
            }

            private void mismatch(final String what, final String detail)
            {
                failed(what + ": " + detail, null);
            }

            private void failed(final String what, final Throwable cause)
            {
                final String message = "connection " + id + ", " + what + "; " + requests + " requests sent, " +
                    replies + " replies checked, " + received + " bytes received on this connection, seed " +
                    hex(SEED) + "; last on this connection: " + history;
                if (null == cause)
                {
                    fail(message);
                }
                fail(message, cause);
            }

            private void remember(final String event)
            {
                if (history.size() == 8)
                {
                    history.removeFirst();
                }
                history.addLast(event);
            }

            @Override
            public void close()
            {
                try
                {
                    socket.close();
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }
}
