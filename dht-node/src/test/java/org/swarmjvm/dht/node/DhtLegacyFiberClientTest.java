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
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * The original test suite's legacy client as it runs, rendered in Java: dhtproto's {@code DhtClient} of
 * {@code dhttest} over swarm's {@code NodeConnectionPool} and {@code RequestConnection}, on ocean's fibers and
 * epoll, as far as they decide what happens on the client's two connections around streams (docs/RELIABILITY.md,
 * "Legacy client stress around streams", has the source references).
 * <ul>
 * <li>Each test case makes a new client: a pool of two connections, a request queue, and shared resources (the
 * fiber select events and the loop ceder, handed from request to request through free lists). The clients of
 * earlier cases keep their connections open.</li>
 * <li>The test task assigns one request and waits for it. A request goes to the first idle connection, or waits in
 * the queue when both are busy. A connection's fiber writes the request, then reads the status and the reply from
 * its 16 KiB read buffer, suspending on the socket only when the buffer and the socket are empty.</li>
 * <li>When a request finishes, its resources go back to the free lists, then the Finished notification resumes the
 * test task from inside the connection's fiber: the next request is assigned while the finishing connection is
 * still busy, so it starts on the other connection (its fiber runs until it first suspends) or waits in the queue
 * and is taken by the finishing connection. Only then does the finishing connection return to the pool, taking its
 * fiber's registered select client out of epoll.</li>
 * <li>A stream request takes an event from the free list once it has read its status, and points the event at its
 * own fiber. After every fifth batch (the ceder's count is shared by all requests) it cedes: it triggers the event,
 * registers it in place of its socket and suspends.</li>
 * <li>A select client whose handler returns because its fiber finished is finalized, and the finalizer kills the
 * fiber the client points at, if that fiber is waiting (ocean's {@code IFiberSelectClient.finalize}); a reader
 * whose fiber is not waiting fails the request with status Undefined.</li>
 * </ul>
 * The events and the readers are driven by one selector loop on the test thread, as epoll drives them. Between
 * writing a request and reading its reply the client now and then stalls for up to {@link #MAX_STALL_NANOS}, as a
 * client process on a loaded machine does between two system calls. Where the D client would kill a fiber waiting
 * for its reply (its own fault: the request is lost whatever the node sends), the test counts and describes it and
 * goes on as a client without that fault would, or fails at once with {@code -Dswarm.stress.strictClient=true}. It
 * fails on what would be the node's fault: a reply that differs from the spec's byte for byte (stream batches are
 * decompressed and every record checked once), a connection closed by the node, a reader firing for a fiber that
 * is not waiting, no progress for {@link #PROGRESS_TIMEOUT_MS}.
 * <p>
 * The conversation is the suite's: a Listen case (startListen with its dummy record, a Put seen by the listener,
 * RemoveChannel ending the Listen), then a Remove case (10,000 Puts, verification with GetChannelSize, GetAll,
 * GetAllFilter "0", GetAllKeys, Exists and Get of every record, Remove of every second record, verification again,
 * RemoveChannel), each verification followed by {@link #EXTRA_STREAM_PAIRS} more streams each followed at once by
 * another request. Short in the build; {@code scripts/stress-dht} runs ten million requests
 * ({@code -Dswarm.stress.requests}, {@code -Dswarm.stress.seed}).
 */
class DhtLegacyFiberClientTest
{
    private static final String LISTEN_CHANNEL = "test_channel";
    private static final long LISTEN_DUMMY_KEY = 0xDEADL;
    private static final long LISTEN_TRIGGER_KEY = 5L;
    private static final int CONNECTIONS = 2;
    /** ocean's FiberSelectReader default buffer. */
    private static final int READ_BUFFER = 16 * 1024;
    /** swarm's LoopCeder default cede point. */
    private static final int CEDE_POINT = 5;
    private static final int EXTRA_STREAM_PAIRS = 40;
    /** One request in this many stalls between its write and its first read. */
    private static final int STALL_ONE_IN = 4;
    private static final long MAX_STALL_NANOS = 400_000;
    private static final int NODE_SOCKET_BUFFER = 4096;
    private static final int PROGRESS_TIMEOUT_MS = 30_000;
    private static final byte[] OK = new Frame().i32(SwarmStatus.OK.code()).bytes();

    private static final long REQUESTS = Long.getLong("swarm.stress.requests", 40_000);
    /** Fail at the first request the D client would lose through its own fault, rather than count them. */
    private static final boolean STRICT_CLIENT = Boolean.getBoolean("swarm.stress.strictClient");
    private static final long SEED = Long.parseUnsignedLong(System.getProperty("swarm.stress.seed",
        Long.toHexString(new Random().nextLong())).replaceFirst("^0x", ""), 16);

    @TempDir
    Path tempDir;

    private final Random random = new Random(SEED);
    private final RecordBatchReader batchReader = new RecordBatchReader();
    private long requests;
    private long replies;
    private long stalls;
    private long streamsEndedInEventHandler;
    private long startedInsideFinishedCallback;
    private long queuedBehindFinishing;
    private long clientLosses;
    private String firstClientLoss;

    @Test
    void shouldAnswerEveryRequestOfTheSuitesClient() throws IOException
    {
        final long start = System.nanoTime();
        try (LogCapture log = new LogCapture())
        {
            for (int round = 0; requests < REQUESTS; round++)
            {
                round(round);
                assertEquals(List.of(), log.messagesAtLeast(Level.WARNING), "node warnings, seed 0x" +
                    Long.toHexString(SEED));
                log.clear();
                System.out.printf("stress-dht progress: round %d, %,d requests, %,d replies checked, %,d lost by " +
                    "the D client's fault, %d s%n", round, requests, replies, clientLosses,
                    (System.nanoTime() - start) / 1_000_000_000L);
            }
        }
        System.out.printf("stress-dht: %,d requests of the suite's client rendition (%,d streams ended inside the " +
            "event handler, %,d requests started inside a Finished callback, %,d queued behind a finishing " +
            "connection, %,d stalls), %,d replies checked byte for byte, 0 lost by the node; %,d the D client " +
            "would lose through its own fault%s; seed 0x%s, %d s%n", requests, streamsEndedInEventHandler,
            startedInsideFinishedCallback, queuedBehindFinishing, stalls, replies, clientLosses,
            null == firstClientLoss ? "" : " (the first: " + firstClientLoss + ")", Long.toHexString(SEED),
            (System.nanoTime() - start) / 1_000_000_000L);
    }

    /**
     * The suite's cases on a fresh node; the rounds take turns at slowing the node and at shrinking its socket
     * buffers.
     */
    private void round(final int round) throws IOException
    {
        final boolean slow = round % 3 != 1;
        final int socketBuffer = round % 3 == 2 ? 0 : NODE_SOCKET_BUFFER;
        final Path dataDir = Files.createDirectories(tempDir.resolve("round-" + round));
        final DhtNodeContext context = new DhtNodeContext().range(new HashRange(0, -1L)).dataDir(dataDir);
        context.node().address("127.0.0.1").port(0).socketBufferSize(socketBuffer);
        context.conclude();
        final DhtStorage storage = new DhtStorage(
            context.range(), context.sizeLimit(), context.channelCapacity(), context.averageValueSize());
        final DhtEngine engine = new DhtEngine(context, storage, new DumpDirectory(dataDir));
        try (NodeServer node = NodeServer.launch(context.node(), slow ? new SlowEngine(engine) : engine);
            Epoll epoll = new Epoll(new InetSocketAddress("127.0.0.1", node.port())))
        {
            epoll.run(new Client(epoll), listenCase());
            epoll.run(new Client(epoll), removeCase("stress" + round, node.port()));
        }
    }

    /**
     * BasicListen's "Listen gets activated by Put", with startListen's dummy record and the cleanup.
     */
    private List<Step> listenCase()
    {
        final Listener listener = new Listener();
        final List<Step> steps = new ArrayList<>(handshake());
        steps.add(Step.listen(new Op("Listen", channelOnly(DhtCommand.LISTEN, LISTEN_CHANNEL), listener)));
        steps.add(Step.request(new Op("Get dummy", keyed(DhtCommand.GET, LISTEN_CHANNEL, LISTEN_DUMMY_KEY),
            new Frame().i32(SwarmStatus.OK.code()).array("").bytes())));
        steps.add(Step.request(put(LISTEN_CHANNEL, LISTEN_DUMMY_KEY, "dummy_value")));
        steps.add(Step.awaitListener(listener, LISTEN_DUMMY_KEY, "dummy_value"));
        steps.add(Step.request(new Op("Remove dummy", keyed(DhtCommand.REMOVE, LISTEN_CHANNEL, LISTEN_DUMMY_KEY),
            OK)));
        steps.add(Step.request(put(LISTEN_CHANNEL, LISTEN_TRIGGER_KEY, "value")));
        steps.add(Step.awaitListener(listener, LISTEN_TRIGGER_KEY, "value"));
        steps.add(Step.request(removeChannel(LISTEN_CHANNEL)));
        steps.add(Step.awaitListener(listener, -1, null));
        return steps;
    }

    /**
     * UnorderedRemove: Puts, verification, Remove of every second record, verification, cleanup.
     */
    private List<Step> removeCase(final String channel, final int port)
    {
        final List<Step> steps = new ArrayList<>(handshake());
        for (int i = 0; i < COUNT; i++)
        {
            steps.add(Step.request(put(channel, KEYS[i], VALUES[i])));
        }
        verification(steps, channel, port, i -> true);
        for (int i = 0; i < COUNT; i += 2)
        {
            steps.add(Step.request(new Op("Remove " + i, keyed(DhtCommand.REMOVE, channel, KEYS[i]), OK)));
        }
        verification(steps, channel, port, i -> i % 2 == 1);
        steps.add(Step.request(removeChannel(channel)));
        return steps;
    }

    private void verification(
        final List<Step> steps, final String channel, final int port, final IntPredicate present)
    {
        final SuiteRecords expected = SuiteRecords.expected(present);
        final Op size = new Op("GetChannelSize", channelOnly(DhtCommand.GET_CHANNEL_SIZE, channel),
            new Frame().i32(SwarmStatus.OK.code()).array("127.0.0.1").u16(port).u64(expected.records)
                .u64(expected.bytes).bytes());
        final Op[] streams = {
            new Op("GetAll", channelOnly(DhtCommand.GET_ALL, channel), expected.all, true),
            new Op("GetAllFilter", new Frame().i32(DhtCommand.GET_ALL_FILTER.code()).array(channel).array(FILTER)
                .bytes(), expected.filtered, true),
            new Op("GetAllKeys", channelOnly(DhtCommand.GET_ALL_KEYS, channel), expected.all, false)};
        final List<Op> exists = new ArrayList<>();
        final List<Op> gets = new ArrayList<>();
        for (int i = 0; i < COUNT; i++)
        {
            if (present.test(i))
            {
                exists.add(new Op("Exists " + i, keyed(DhtCommand.EXISTS, channel, KEYS[i]),
                    new Frame().i32(SwarmStatus.OK.code()).u8(1).bytes()));
                gets.add(new Op("Get " + i, keyed(DhtCommand.GET, channel, KEYS[i]),
                    new Frame().i32(SwarmStatus.OK.code()).array(VALUES[i]).bytes()));
            }
        }
        steps.add(Step.request(size));
        for (final Op stream : streams)
        {
            steps.add(Step.request(stream));
        }
        exists.forEach(op -> steps.add(Step.request(op)));
        gets.forEach(op -> steps.add(Step.request(op)));
        for (int i = 0; i < EXTRA_STREAM_PAIRS; i++)
        {
            steps.add(Step.request(streams[random.nextInt(streams.length)]));
            final int next = random.nextInt(4);
            steps.add(Step.request(next == 0 ? size : next == 1 ? exists.get(random.nextInt(exists.size())) :
                next == 2 ? gets.get(random.nextInt(gets.size())) : streams[random.nextInt(streams.length)]));
        }
    }

    /**
     * nodeHandshake: GetVersion and GetResponsibleRange assigned together, so that both connections open.
     */
    private static List<Step> handshake()
    {
        return List.of(Step.together(
            new Op("GetVersion", new Frame().i32(DhtCommand.GET_VERSION.code()).bytes(),
                new Frame().i32(SwarmStatus.OK.code()).array(DhtConst.API_VERSION).bytes()),
            new Op("GetResponsibleRange", new Frame().i32(DhtCommand.GET_RESPONSIBLE_RANGE.code()).bytes(),
                new Frame().i32(SwarmStatus.OK.code()).u64(0).u64(-1L).bytes())));
    }

    private static Op put(final String channel, final long key, final String value)
    {
        return new Op("Put " + value, new Frame().i32(DhtCommand.PUT.code()).array(channel)
            .array(HexKey.toString(key)).array(value).bytes(), OK);
    }

    private static Op removeChannel(final String channel)
    {
        return new Op("RemoveChannel", channelOnly(DhtCommand.REMOVE_CHANNEL, channel), OK);
    }

    private static byte[] channelOnly(final DhtCommand command, final String channel)
    {
        return new Frame().i32(command.code()).array(channel).bytes();
    }

    private static byte[] keyed(final DhtCommand command, final String channel, final long key)
    {
        return new Frame().i32(command.code()).array(channel).array(HexKey.toString(key)).bytes();
    }

    /**
     * A request and what the spec says its reply is: fixed bytes, a GetAll-style stream of a set of records, or a
     * Listen's status and records.
     */
    private static final class Op
    {
        final String label;
        final byte[] bytes;
        final byte[] reply;
        final Map<String, String> records;
        final boolean withValues;
        final Listener listener;

        Op(final String label, final byte[] bytes, final byte[] reply)
        {
            this(label, bytes, reply, null, false, null);
        }

        Op(final String label, final byte[] bytes, final Map<String, String> records, final boolean withValues)
        {
            this(label, bytes, null, records, withValues, null);
        }

        Op(final String label, final byte[] bytes, final Listener listener)
        {
            this(label, bytes, null, null, false, listener);
        }

        private Op(final String label, final byte[] bytes, final byte[] reply, final Map<String, String> records,
            final boolean withValues, final Listener listener)
        {
            this.label = label;
            this.bytes = bytes;
            this.reply = reply;
            this.records = records;
            this.withValues = withValues;
            this.listener = listener;
        }
    }

    /**
     * What the test task does next: assign requests and wait for them (one, or the handshake's two), assign a
     * Listen without waiting for it, or wait for the listener (a record, or its end when the key is -1).
     */
    private record Step(Op[] ops, boolean awaited, Listener listener, long key, String value)
    {
        static Step request(final Op op)
        {
            return new Step(new Op[]{op}, true, null, 0, null);
        }

        static Step together(final Op... ops)
        {
            return new Step(ops, true, null, 0, null);
        }

        static Step listen(final Op op)
        {
            return new Step(new Op[]{op}, false, null, 0, null);
        }

        static Step awaitListener(final Listener listener, final long key, final String value)
        {
            return new Step(new Op[0], false, listener, key, value);
        }
    }

    /**
     * dhttest's blocking Listener: the records received and whether the Listen finished.
     */
    private static final class Listener
    {
        final Map<Long, String> data = new HashMap<>();
        boolean finished;
    }

    /**
     * A fiber select event (ocean's {@code FiberSelectEvent}, an eventfd): the fiber it resumes is whatever the
     * last request that took it from the free list set.
     */
    private static final class Event
    {
        final int id;
        Conn fiber;
        boolean registered;
        boolean triggered;

        Event(final int id)
        {
            this.id = id;
        }
    }

    /**
     * swarm's LoopCeder: cedes at every fifth call; shared through a free list, its count goes on across requests.
     */
    private static final class Ceder
    {
        int count;

        boolean handleCeding()
        {
            if (++count >= CEDE_POINT)
            {
                count = 0;
                return true;
            }
            return false;
        }
    }

    private enum Waiting
    {
        NONE, READER, EVENT
    }

    private enum Phase
    {
        IDLE, START, FIXED, STATUS, BATCH_LENGTH, BATCH, AFTER_BATCH, KEY_LENGTH, KEY, VALUE_LENGTH, VALUE, END
    }

    /**
     * The selector loop all clients share (the scheduler's epoll), and the events of every client.
     */
    private final class Epoll implements AutoCloseable
    {
        final InetSocketAddress address;
        final Selector selector;
        final List<Event> events = new ArrayList<>();
        final List<Conn> connections = new ArrayList<>();

        Epoll(final InetSocketAddress address) throws IOException
        {
            this.address = address;
            this.selector = Selector.open();
        }

        /**
         * Runs a test case's task to its end, handling events and readers as epoll does.
         */
        void run(final Client client, final List<Step> steps) throws IOException
        {
            final Task task = new Task(client, steps);
            task.resume();
            while (!task.done)
            {
                final Event ready = readyEvent();
                if (null != ready)
                {
                    handleEvent(ready);
                    continue;
                }
                if (0 == selector.select(PROGRESS_TIMEOUT_MS))
                {
                    failed(task.label() + ": no progress for " + PROGRESS_TIMEOUT_MS + " ms (request lost); " +
                        connections);
                }
                final Set<SelectionKey> selected = new HashSet<>(selector.selectedKeys());
                selector.selectedKeys().clear();
                for (final SelectionKey key : selected)
                {
                    final Conn conn = (Conn)key.attachment();
                    // As ocean's SelectedKeysHandler: a client unregistered while earlier keys were handled is
                    // skipped.
                    if (conn.readerRegistered && key.isValid() && key.isReadable())
                    {
                        handleReader(conn);
                    }
                }
            }
        }

        private Event readyEvent()
        {
            for (final Event event : events)
            {
                if (event.registered && event.triggered)
                {
                    return event;
                }
            }
            return null;
        }

        /**
         * FiberSelectEvent.handle: resumes the event's fiber; when that fiber finishes in there, the event is
         * unregistered and finalized (IFiberSelectClient.finalize), which kills the fiber the event points at now
         * if it is waiting.
         */
        private void handleEvent(final Event event)
        {
            event.triggered = false;
            final Conn resumed = event.fiber;
            if (Waiting.EVENT != resumed.waiting)
            {
                failed("event " + event.id + " fired for connection " + resumed.id + ", whose fiber waits for " +
                    resumed.waiting + " (" + resumed.label() + "): the D client fails that request");
            }
            resumed.waiting = Waiting.NONE;
            if (!resumed.run())
            {
                event.registered = false;
                final Conn pointed = event.fiber;
                if (Waiting.NONE == pointed.waiting)
                {
                    pointed.current = null;
                    return;
                }
                clientLosses++;
                final String loss = "connection " + pointed.id + "'s fiber killed while waiting for the reply to " +
                    pointed.label() + ": the stream on connection " + resumed.id + " ended inside the handler of " +
                    "event " + event.id + ", which " + pointed.label() + " had taken meanwhile; the D client " +
                    "loses that request (status Undefined, or no answer at all)";
                if (STRICT_CLIENT)
                {
                    failed(loss);
                }
                if (null == firstClientLoss)
                {
                    firstClientLoss = loss;
                }
                // Go on as a client without that fault: the fiber stays alive and registered, so that the node's
                // reply to its request is still read and checked.
                if (Waiting.EVENT == pointed.waiting)
                {
                    event.registered = true;
                }
            }
        }

        /**
         * FiberSelectReader.handle (IFiberSelectProtocol): resumes the connection's fiber, which must be waiting for
         * the socket.
         */
        private void handleReader(final Conn conn)
        {
            if (Waiting.READER != conn.waiting)
            {
                failed("connection " + conn.id + "'s socket is readable but its fiber waits for " + conn.waiting +
                    " (" + conn.label() + "): the D client fails that request with status Undefined");
            }
            conn.waiting = Waiting.NONE;
            if (!conn.run())
            {
                conn.registerReader(false);
                conn.current = null;
            }
        }

        @Override
        public void close() throws IOException
        {
            for (final Conn conn : connections)
            {
                conn.close();
            }
            selector.close();
        }
    }

    /**
     * The test task of one test case: steps in order, suspended while a request or the listener is awaited,
     * resumed from inside whichever fiber finishes it.
     */
    private final class Task
    {
        final Client client;
        final List<Step> steps;
        int next;
        int pending;
        boolean suspended;
        boolean done;
        Listener awaitedListener;

        Task(final Client client, final List<Step> steps)
        {
            this.client = client;
            this.steps = steps;
            client.task = this;
        }

        void resume()
        {
            suspended = false;
            while (next < steps.size())
            {
                final Step step = steps.get(next);
                if (null != step.listener())
                {
                    if (!isHeard(step))
                    {
                        awaitedListener = step.listener();
                        suspended = true;
                        return;
                    }
                    step.listener().data.clear();
                    next++;
                    continue;
                }
                next++;
                for (final Op op : step.ops())
                {
                    requests++;
                    client.assign(op, step.awaited());
                }
                if (pending > 0)
                {
                    suspended = true;
                    return;
                }
            }
            done = true;
        }

        private boolean isHeard(final Step step)
        {
            final Listener listener = step.listener();
            if (step.key() < 0)
            {
                return listener.finished;
            }
            final String value = listener.data.get(step.key());
            if (null != value && !value.equals(step.value()))
            {
                failed("Listen delivered " + Long.toHexString(step.key()) + " = " + value + ", expected " +
                    step.value());
            }
            return null != value;
        }

        /**
         * TaskBlockingRequest.notify(Finished): the task is resumed when its last pending request finished.
         */
        void finished()
        {
            if (--pending == 0 && suspended && null == awaitedListener)
            {
                resume();
            }
        }

        /**
         * The Listener's callbacks resume the task when it waits for the listener.
         */
        void heard(final Listener listener)
        {
            if (suspended && awaitedListener == listener)
            {
                awaitedListener = null;
                resume();
            }
        }

        String label()
        {
            return null == awaitedListener && next > 0 && steps.get(next - 1).ops().length > 0 ?
                "waiting for " + steps.get(next - 1).ops()[0].label : "waiting for the listener";
        }
    }

    /**
     * One DhtClient of the suite: its pool of two connections (ocean's ObjectPool: busy ones first, the first idle
     * one is taken, a recycled one becomes the first idle one), its request queue and its free lists.
     */
    private final class Client
    {
        final Epoll epoll;
        final Conn[] items = new Conn[CONNECTIONS];
        final ArrayDeque<Op> queue = new ArrayDeque<>();
        final ArrayDeque<Event> freeEvents = new ArrayDeque<>();
        final ArrayDeque<Ceder> freeCeders = new ArrayDeque<>();
        int busy;
        int finishing;
        Task task;

        Client(final Epoll epoll)
        {
            this.epoll = epoll;
            for (int i = 0; i < CONNECTIONS; i++)
            {
                items[i] = new Conn(this, epoll.connections.size() + 1);
                epoll.connections.add(items[i]);
            }
        }

        void assign(final Op op, final boolean awaited)
        {
            if (awaited)
            {
                task.pending++;
            }
            if (busy == CONNECTIONS)
            {
                if (finishing > 0)
                {
                    queuedBehindFinishing++;
                }
                queue.add(op);
                return;
            }
            if (finishing > 0)
            {
                startedInsideFinishedCallback++;
            }
            final Conn conn = items[busy++];
            conn.start(op);
        }

        void recycle(final Conn conn)
        {
            int index = 0;
            while (items[index] != conn)
            {
                index++;
            }
            items[index] = items[busy - 1];
            items[busy - 1] = conn;
            busy--;
        }

        Event takeEvent(final Conn conn)
        {
            Event event = freeEvents.poll();
            if (null == event)
            {
                event = new Event(epoll.events.size() + 1);
                epoll.events.add(event);
            }
            event.fiber = conn;
            return event;
        }

        Ceder takeCeder()
        {
            final Ceder ceder = freeCeders.poll();
            return null == ceder ? new Ceder() : ceder;
        }
    }

    /**
     * One pooled request connection: its socket, its 16 KiB read buffer, its fiber (as the phase of the request it
     * runs and what it waits for) and the select client its fiber has registered.
     */
    private final class Conn
    {
        final Client client;
        final int id;
        final byte[] readBuffer = new byte[READ_BUFFER];
        final ByteBuffer readView = ByteBuffer.wrap(readBuffer);
        byte[] field = new byte[64 * 1024];
        SocketChannel channel;
        SelectionKey key;
        int consumed;
        int available;
        int fieldLength;
        /** The select client the fiber registered: this connection's reader, an event, or none. */
        Object current;
        boolean readerRegistered;
        Waiting waiting = Waiting.NONE;
        Phase phase = Phase.IDLE;
        Op op;
        Event event;
        Ceder ceder;
        int batchLength;
        int batches;
        String listenKey;
        final Map<String, String> seen = new HashMap<>();

        Conn(final Client client, final int id)
        {
            this.client = client;
            this.id = id;
        }

        void start(final Op op)
        {
            this.op = op;
            phase = Phase.START;
            run();
        }

        String label()
        {
            return null == op ? "no request" : op.label;
        }

        /**
         * Runs the fiber until it suspends (true) or until its connection went back to the pool with no request
         * queued (false: the fiber finished).
         */
        boolean run()
        {
            while (true)
            {
                switch (phase)
                {
                    case START:
                        write();
                        phase = null != op.reply ? Phase.FIXED : Phase.STATUS;
                        break;
                    case FIXED:
                        if (!fill(op.reply.length))
                        {
                            return suspendOnReader();
                        }
                        expect(op.reply, op.label);
                        phase = Phase.END;
                        break;
                    case STATUS:
                        if (!fill(OK.length))
                        {
                            return suspendOnReader();
                        }
                        expect(OK, op.label + " status");
                        if (null != op.listener)
                        {
                            phase = Phase.KEY_LENGTH;
                            break;
                        }
                        // IBulkGetRequest.handle__: the request suspender, the ceder and their event.
                        event = client.takeEvent(this);
                        ceder = client.takeCeder();
                        seen.clear();
                        batches = 0;
                        phase = Phase.BATCH_LENGTH;
                        break;
                    case BATCH_LENGTH:
                        if (!fill(Long.BYTES))
                        {
                            return suspendOnReader();
                        }
                        batchLength = (int)fieldLong();
                        if (0 == batchLength)
                        {
                            checkStreamEnd();
                            phase = Phase.END;
                            break;
                        }
                        phase = Phase.BATCH;
                        break;
                    case BATCH:
                        if (!fill(batchLength))
                        {
                            return suspendOnReader();
                        }
                        checkBatch();
                        phase = Phase.AFTER_BATCH;
                        break;
                    case AFTER_BATCH:
                        phase = Phase.BATCH_LENGTH;
                        if (ceder.handleCeding())
                        {
                            event.triggered = true;
                            register(event);
                            waiting = Waiting.EVENT;
                            return true;
                        }
                        break;
                    case KEY_LENGTH:
                    case VALUE_LENGTH:
                        if (!fill(Long.BYTES))
                        {
                            return suspendOnReader();
                        }
                        batchLength = (int)fieldLong();
                        phase = Phase.KEY_LENGTH == phase ? Phase.KEY : Phase.VALUE;
                        break;
                    case KEY:
                    case VALUE:
                        if (!fill(batchLength))
                        {
                            return suspendOnReader();
                        }
                        final String text = new String(field, 0, batchLength, StandardCharsets.US_ASCII);
                        fieldLength = 0;
                        if (Phase.KEY == phase)
                        {
                            listenKey = text;
                            phase = Phase.VALUE_LENGTH;
                            break;
                        }
                        if (listenKey.isEmpty() && text.isEmpty())
                        {
                            op.listener.finished = true;
                            phase = Phase.END;
                            break;
                        }
                        op.listener.data.put(HexKey.parse(listenKey), text);
                        phase = Phase.KEY_LENGTH;
                        client.task.heard(op.listener);
                        break;
                    case END:
                        if (!finish())
                        {
                            return false;
                        }
                        break;
                    default:
                        throw new IllegalStateException("connection " + id + " runs in phase " + phase);
                }
            }
        }

        /**
         * The request is done: resources back to the free lists, the Finished notification (which may assign and
         * start the task's next request), then the next queued request or back to the pool.
         *
         * @return true when a queued request follows on this connection.
         */
        private boolean finish()
        {
            if (null != event)
            {
                client.freeEvents.push(event);
                client.freeCeders.push(ceder);
                event = null;
                ceder = null;
            }
            if (current instanceof Event)
            {
                streamsEndedInEventHandler++;
            }
            final Op finished = op;
            replies++;
            client.finishing++;
            if (null != finished.listener)
            {
                client.task.heard(finished.listener);
            }
            else
            {
                client.task.finished();
            }
            client.finishing--;
            final Op queued = client.queue.poll();
            if (null != queued)
            {
                op = queued;
                phase = Phase.START;
                return true;
            }
            op = null;
            phase = Phase.IDLE;
            if (null != current)
            {
                setRegistered(current, false);
                current = null;
            }
            client.recycle(this);
            return false;
        }

        private boolean suspendOnReader()
        {
            register(this);
            waiting = Waiting.READER;
            return true;
        }

        /**
         * SelectFiber.register: the fiber's previous select client leaves epoll, the new one enters it.
         */
        private void register(final Object selectClient)
        {
            if (current == selectClient)
            {
                return;
            }
            if (null != current)
            {
                setRegistered(current, false);
            }
            setRegistered(selectClient, true);
            current = selectClient;
        }

        private void setRegistered(final Object selectClient, final boolean registered)
        {
            if (selectClient instanceof Event)
            {
                ((Event)selectClient).registered = registered;
            }
            else
            {
                ((Conn)selectClient).registerReader(registered);
            }
        }

        void registerReader(final boolean registered)
        {
            readerRegistered = registered;
            key.interestOps(registered ? SelectionKey.OP_READ : 0);
        }

        private void write()
        {
            try
            {
                if (null == channel)
                {
                    channel = SocketChannel.open(client.epoll.address);
                    channel.socket().setTcpNoDelay(true);
                    channel.configureBlocking(false);
                    key = channel.register(client.epoll.selector, 0, this);
                }
                final ByteBuffer out = ByteBuffer.wrap(op.bytes);
                while (out.hasRemaining())
                {
                    if (0 == channel.write(out))
                    {
                        Thread.onSpinWait();
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("connection " + id + ": writing " + op.label, ex);
            }
            if (0 == random.nextInt(STALL_ONE_IN))
            {
                stalls++;
                LockSupport.parkNanos(1 + (long)(random.nextDouble() * MAX_STALL_NANOS));
            }
        }

        /**
         * Collects a field of {@code length} bytes from the read buffer, refilled from the socket with up to 16 KiB
         * when it is used up.
         *
         * @return false when the socket has nothing more for now: the fiber must wait.
         */
        private boolean fill(final int length)
        {
            if (field.length < length)
            {
                field = Arrays.copyOf(field, length);
            }
            while (fieldLength < length)
            {
                if (consumed == available)
                {
                    consumed = 0;
                    available = 0;
                    final int read;
                    try
                    {
                        read = channel.read(readView.clear());
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException("connection " + id + ": reading " + op.label, ex);
                    }
                    if (read < 0)
                    {
                        failed("connection " + id + ": closed by the node during " + op.label);
                    }
                    if (0 == read)
                    {
                        return false;
                    }
                    available = read;
                }
                final int take = Math.min(length - fieldLength, available - consumed);
                System.arraycopy(readBuffer, consumed, field, fieldLength, take);
                consumed += take;
                fieldLength += take;
            }
            return true;
        }

        private long fieldLong()
        {
            long value = 0;
            for (int i = Long.BYTES - 1; i >= 0; i--)
            {
                value = (value << 8) | (field[i] & 0xff);
            }
            fieldLength = 0;
            if (value < 0 || value > 1 << 24)
            {
                failed(op.label + ": array of " + Long.toUnsignedString(value) + " bytes");
            }
            return value;
        }

        private void expect(final byte[] expected, final String what)
        {
            fieldLength = 0;
            if (!Arrays.equals(field, 0, expected.length, expected, 0, expected.length))
            {
                failed("connection " + id + ", " + what + ": received " +
                    HexFormat.of().formatHex(field, 0, expected.length) + ", expected " +
                    HexFormat.of().formatHex(expected));
            }
        }

        private void checkBatch()
        {
            fieldLength = 0;
            batchReader.wrap(new UnsafeBuffer(field, 0, batchLength), 0, batchLength);
            while (op.withValues ? batchReader.nextRecord() : batchReader.nextKey())
            {
                final String recordKey = text(batchReader.keyOffset(), batchReader.keyLength());
                final String value = op.withValues ? text(batchReader.valueOffset(), batchReader.valueLength()) : "";
                final String expected = op.records.get(recordKey);
                if (null == expected || (op.withValues && !expected.equals(value)))
                {
                    failed(op.label + ": batch " + batches + " has record " + recordKey + " = " + value +
                        ", expected " + expected);
                }
                if (null != seen.put(recordKey, value))
                {
                    failed(op.label + ": record " + recordKey + " sent twice");
                }
            }
            batches++;
        }

        private void checkStreamEnd()
        {
            if (seen.size() != op.records.size())
            {
                failed(op.label + ": " + seen.size() + " records in " + batches + " batches, expected " +
                    op.records.size());
            }
        }

        private String text(final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            batchReader.buffer().getBytes(offset, bytes);
            return new String(bytes, StandardCharsets.US_ASCII);
        }

        @Override
        public String toString()
        {
            return "connection " + id + " (" + label() + ", " + phase + ", waits for " + waiting + ", reader " +
                (readerRegistered ? "registered" : "not registered") + ", " + (available - consumed) +
                " bytes buffered)";
        }

        void close() throws IOException
        {
            if (null != channel)
            {
                channel.close();
            }
        }
    }

    private void failed(final String what)
    {
        fail(what + "; " + requests + " requests assigned, " + replies + " replies checked, seed 0x" +
            Long.toHexString(SEED));
    }
}
