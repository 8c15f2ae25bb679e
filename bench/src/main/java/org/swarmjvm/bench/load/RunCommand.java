package org.swarmjvm.bench.load;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.ListenHandler;
import org.swarmjvm.protocol.dht.client.Listener;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    private Records records;

    @Override
    public void run()
    {
        if (keys < 1 || readPercent < 0 || readPercent > 100 || writers < 1)
        {
            throw new IllegalArgumentException("keys and writers must be positive, read percent 0 to 100");
        }
        final Measurement measurement = new Measurement(measure);
        records = new Records(measure.valueSize, 0x10adL);
        final String name = workload.name().toLowerCase(Locale.ROOT);
        if (Workload.LISTEN == workload)
        {
            measurement.report(runListen(measurement), name, "deliveries");
        }
        else
        {
            measurement.report(measurement.closedLoop(measure.connections, DhtSession::new, false), name,
                "requests");
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
     * One simulated DHT client: its own connection, the workload's requests.
     */
    private final class DhtSession implements LoadSession
    {
        private final int index;
        private final DhtClient client;
        private final String channel = nodes.channel();
        private final SplittableRandom random;
        private final byte[] stamped = new byte[measure.valueSize];
        private final UnsafeBuffer view = new UnsafeBuffer(new byte[1]);
        private long scanBytes;
        private long sequence;

        DhtSession(final int index)
        {
            this.index = index;
            this.random = new SplittableRandom(0x10ad_0000L + index);
            this.client = nodes.connectOne();
        }

        @Override
        public long request()
        {
            switch (workload)
            {
                case PUT:
                    return put(Records.key(random.nextLong(keys)), records.value(sequence++));
                case GET:
                    return get();
                case MIXED:
                    return random.nextInt(100) < readPercent ?
                        get() : put(Records.key(random.nextLong(keys)), records.value(sequence++));
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
            final byte[] found = client.get(channel, Records.key(random.nextLong(keys)));
            return 0 == found.length ? MISS : Long.BYTES + found.length;
        }
    }
}
