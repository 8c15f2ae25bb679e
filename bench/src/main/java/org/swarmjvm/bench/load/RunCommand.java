package org.swarmjvm.bench.load;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.ListenHandler;
import org.swarmjvm.protocol.dht.client.Listener;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one DHT workload: connects every simulated client, warms up, measures for a duration or a request count,
 * then prints throughput, the latency percentile table and the {@code RESULT} line.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Measure one DHT workload against running nodes.")
public final class RunCommand implements Runnable
{
    @Mixin
    private NodeOptions nodes;

    @Mixin
    private MeasureOptions measure;

    @Mixin
    private ValueOptions values;

    @Option(names = {"-W", "--workload"}, required = true,
        description = "put, get, mixed, getall or listen")
    private Workload workload;

    @Option(names = {"-k", "--keys"},
        description = "key space: keys 0 to keys-1, scrambled (default: ${DEFAULT-VALUE})")
    private long keys = 100_000;

    @Option(names = "--read-percent", description = "mixed: share of Gets, 0 to 100 (default: ${DEFAULT-VALUE})")
    private int readPercent = 90;

    @Option(names = "--writers", description = "listen: threads putting records (default: ${DEFAULT-VALUE})")
    private int writers = 1;

    /** Request or reply bytes besides the value: command, channel name, key, lengths, status. */
    private static final int EXCHANGE_OVERHEAD = 1024;

    private Records records;

    @Override
    public void run()
    {
        if (keys < 1 || readPercent < 0 || readPercent > 100 || writers < 1)
        {
            throw new IllegalArgumentException("keys and writers must be positive, read percent 0 to 100");
        }
        if (measure.pipeline > 1 && (Workload.LISTEN == workload || Workload.GETALL == workload))
        {
            throw new IllegalArgumentException("pipelining is for put, get and mixed");
        }
        final Measurement measurement = new Measurement(measure);
        records = values.records(measure.valueSize, 0x10adL);
        final String name = workload.name().toLowerCase(Locale.ROOT);
        if (Workload.LISTEN == workload)
        {
            measurement.report(runListen(measurement), name, "deliveries");
        }
        else
        {
            final List<InetSocketAddress> addresses = nodes.socketAddresses();
            if (Workload.GETALL != workload && 1 == addresses.size())
            {
                // Short requests on one node: one thread drives every connection, as redis-benchmark does.
                measurement.report(measurement.eventLoop(addresses.get(0), measure.connections, DhtExchange::new,
                    EXCHANGE_OVERHEAD + measure.valueSize, false), name, "requests");
            }
            else
            {
                if (measure.pipeline > 1)
                {
                    throw new IllegalArgumentException("pipelining needs one node");
                }
                measurement.report(measurement.closedLoop(measure.connections, DhtSession::new, false), name,
                    "requests");
            }
        }
    }

    private Outcome runListen(final Measurement measurement)
    {
        if (measure.valueSize < Long.BYTES)
        {
            throw new IllegalArgumentException("listen needs values of at least 8 bytes: they carry the send time");
        }
        final Deliveries deliveries = new Deliveries(measurement);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final List<Listener> listeners = new ArrayList<>();
        try (DhtClient listenClient = nodes.connectOne())
        {
            final ListenHandler handler = new ListenHandler()
            {
                @Override
                public void accept(final long key, final byte[] value)
                {
                    deliveries.accept(value, Long.BYTES + value.length);
                }

                @Override
                public void onError(final NodeAddress node, final RuntimeException error)
                {
                    failure.compareAndSet(null, error);
                }
            };
            for (int i = 0; i < measure.connections; i++)
            {
                listeners.add(listenClient.listen(nodes.channel(), handler));
            }
            final Outcome outcome = deliveries.settle(measurement.closedLoop(writers, DhtSession::new, false), "puts");
            listeners.forEach(Listener::close);
            if (null != failure.get())
            {
                throw failure.get();
            }
            return outcome;
        }
    }

    /**
     * The requests one simulated client makes, drawn from its own seeded random sequence: for a Put or a Get, which
     * key; for a Put, which value; for the mixed workload, which of the two.
     */
    private final class Draw
    {
        private final SplittableRandom random;
        private long sequence;

        Draw(final int index)
        {
            this.random = new SplittableRandom(0x10ad_0000L + index);
        }

        boolean nextIsGet()
        {
            return Workload.GET == workload || (Workload.MIXED == workload && random.nextInt(100) < readPercent);
        }

        long key()
        {
            return Records.key(random.nextLong(keys));
        }

        byte[] value()
        {
            return records.value(sequence++);
        }
    }

    /**
     * One simulated DHT client for the event loop: Put, Get or mixed on one node, the requests written with the
     * protocol's encoder and the replies recognised in place. What each request in flight was (Get, or Put of how
     * many bytes) waits in a ring, oldest first, for its reply.
     */
    private final class DhtExchange implements LoadExchange
    {
        private final Draw draw;
        private final String channel = nodes.channel();
        private final WireWriter writer = new WireWriter();
        private final DhtRequestEncoder encoder = new DhtRequestEncoder(writer);
        private final UnsafeBuffer view = new UnsafeBuffer(new byte[1]);
        /** Per request in flight: -1 for a Get, else the length of the value Put. */
        private final int[] inFlight = new int[measure.pipeline];
        private int oldest;
        private int newest;
        private int replyLength;

        DhtExchange(final int index)
        {
            this.draw = new Draw(index);
        }

        @Override
        public int writeRequest(final MutableDirectBuffer buffer)
        {
            writer.wrap(buffer, 0);
            if (draw.nextIsGet())
            {
                encoder.get(channel, draw.key());
                inFlight[newest++ % inFlight.length] = -1;
            }
            else
            {
                final byte[] value = draw.value();
                view.wrap(value);
                encoder.put(channel, draw.key(), view, 0, value.length);
                inFlight[newest++ % inFlight.length] = value.length;
            }
            return writer.position();
        }

        @Override
        public long readReply(final DirectBuffer buffer, final int length)
        {
            if (length < Integer.BYTES)
            {
                return INCOMPLETE;
            }
            final int putLength = inFlight[oldest % inFlight.length];
            final int status = buffer.getInt(0, ByteOrder.LITTLE_ENDIAN);
            if (SwarmStatus.OK.code() != status)
            {
                throw new IllegalStateException((putLength < 0 ? "Get" : "Put") + " answered status " + status);
            }
            if (putLength >= 0)
            {
                oldest++;
                replyLength = Integer.BYTES;
                return Long.BYTES + putLength;
            }
            if (length < Integer.BYTES + Long.BYTES)
            {
                return INCOMPLETE;
            }
            final long valueLength = buffer.getLong(Integer.BYTES, ByteOrder.LITTLE_ENDIAN);
            if (length < Integer.BYTES + Long.BYTES + valueLength)
            {
                return INCOMPLETE;
            }
            oldest++;
            replyLength = Integer.BYTES + Long.BYTES + (int)valueLength;
            return 0 == valueLength ? LoadSession.MISS : Long.BYTES + valueLength;
        }

        @Override
        public int replyLength()
        {
            return replyLength;
        }
    }

    /**
     * One simulated DHT client on its own thread, through a {@link DhtClient} (one connection to each node): every
     * workload, over any number of nodes.
     */
    private final class DhtSession implements LoadSession
    {
        private final int index;
        private final DhtClient client;
        private final String channel = nodes.channel();
        private final Draw draw;
        private final byte[] stamped = new byte[measure.valueSize];
        private final UnsafeBuffer view = new UnsafeBuffer(new byte[1]);
        private long scanBytes;
        private long sequence;

        DhtSession(final int index)
        {
            this.index = index;
            this.draw = new Draw(index);
            this.client = nodes.connectOne();
        }

        @Override
        public long request()
        {
            switch (workload)
            {
                case PUT:
                case GET:
                case MIXED:
                    return draw.nextIsGet() ? get() : put(draw.key(), draw.value());
                case GETALL:
                    scanBytes = 0;
                    client.getAll(channel, (key, record) -> scanBytes += Long.BYTES + record.length);
                    return scanBytes;
                case LISTEN:
                    // Writers of the listen workload: new keys only, the send time in the value's first bytes.
                    System.arraycopy(records.value(sequence), 0, stamped, 0, stamped.length);
                    Deliveries.stamp(stamped, System.nanoTime());
                    return put(Records.key(((long)index << 40) + sequence++), stamped);
                default:
                    throw new IllegalStateException("workload " + workload);
            }
        }

        @Override
        public void close()
        {
            client.close();
        }

        private long put(final long key, final byte[] value)
        {
            view.wrap(value);
            client.put(channel, key, view, 0, value.length);
            return Long.BYTES + value.length;
        }

        private long get()
        {
            final byte[] found = client.get(channel, draw.key());
            return 0 == found.length ? MISS : Long.BYTES + found.length;
        }
    }
}
