package org.swarmjvm.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.ListenHandler;
import org.swarmjvm.protocol.dht.client.Listener;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Runs one workload: connects every simulated client, warms up, measures for a duration or a request count, then
 * prints throughput, the latency percentile table and the {@code RESULT} line.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Measure one workload against running nodes.")
public final class RunCommand implements Runnable
{
    private static final int WARMUP = 0;
    private static final int MEASURE = 1;
    private static final int STOP = 2;
    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final double MEGA = 1_000_000.0;

    @Mixin
    private NodeOptions nodes;

    @Option(names = {"-W", "--workload"}, required = true,
        description = "put, get, mixed, getall or listen")
    private Workload workload;

    @Option(names = {"-c", "--connections"}, description = "simulated clients, one connection each " +
        "(listen: listening connections) (default: ${DEFAULT-VALUE})")
    private int connections = 50;

    @Option(names = {"-s", "--value-size"}, description = "bytes per value written (default: ${DEFAULT-VALUE})")
    private int valueSize = 16;

    @Option(names = {"-k", "--keys"}, description = "key space: keys 0 to keys-1, scrambled (default: ${DEFAULT-VALUE})")
    private long keys = 100_000;

    @Option(names = "--read-percent", description = "mixed: share of Gets, 0 to 100 (default: ${DEFAULT-VALUE})")
    private int readPercent = 90;

    @Option(names = {"-d", "--duration"}, description = "seconds measured (default: ${DEFAULT-VALUE})")
    private double durationSeconds = 10;

    @Option(names = "--count", description = "requests measured instead of a duration (0: use the duration)")
    private long count;

    @Option(names = {"-w", "--warmup"}, description = "seconds of warm-up, not measured (default: ${DEFAULT-VALUE})")
    private double warmupSeconds = 5;

    @Option(names = "--writers", description = "listen: threads putting records (default: ${DEFAULT-VALUE})")
    private int writers = 1;

    @Option(names = "--histogram", description = "write the latency histogram (HdrHistogram log) to this file")
    private Path histogramFile;

    @Option(names = "--label", description = "name of the run in the RESULT line (default: the workload)")
    private String label;

    private Records records;
    private volatile int phase = WARMUP;
    private volatile boolean counting;
    private long measureStartNanos;
    private long measureStartMillis;
    private final AtomicLong remaining = new AtomicLong(Long.MAX_VALUE);

    @Override
    public void run()
    {
        if (connections < 1 || valueSize < 1 || keys < 1 || readPercent < 0 || readPercent > 100)
        {
            throw new IllegalArgumentException("connections, value size and keys must be positive, read percent " +
                "0 to 100");
        }
        if (count > 0)
        {
            remaining.set(count);
        }
        records = new Records(valueSize, 0x10adL);
        final Outcome outcome = workload == Workload.LISTEN ? runListen() : runClients();
        report(outcome);
    }

    private Outcome runClients()
    {
        final List<ClientThread> threads = new ArrayList<>();
        final CountDownLatch connected = new CountDownLatch(connections);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int i = 0; i < connections; i++)
        {
            final ClientThread thread = new ClientThread(i, connected, failure);
            threads.add(thread);
            thread.start();
        }
        awaitConnected(connected, failure);
        runPhases();
        final Outcome outcome = new Outcome();
        for (final ClientThread thread : threads)
        {
            join(thread);
            outcome.add(thread);
        }
        if (null != failure.get())
        {
            throw failure.get();
        }
        return outcome;
    }

    private Outcome runListen()
    {
        if (valueSize < Long.BYTES)
        {
            throw new IllegalArgumentException("listen needs values of at least 8 bytes: they carry the send time");
        }
        final Recorder recorder = new Recorder(HIGHEST_LATENCY_NANOS, 3);
        final LongAdder delivered = new LongAdder();
        final LongAdder deliveredBytes = new LongAdder();
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final List<Listener> listeners = new ArrayList<>();
        final Outcome outcome = new Outcome();
        try (DhtClient listenClient = nodes.connectOne())
        {
            final ListenHandler handler = new ListenHandler()
            {
                @Override
                public void accept(final long key, final byte[] value)
                {
                    final long received = System.nanoTime();
                    if (counting && value.length >= Long.BYTES)
                    {
                        recorder.recordValue(Math.min(HIGHEST_LATENCY_NANOS,
                            Math.max(0, received - sentNanos(value))));
                        delivered.increment();
                        deliveredBytes.add(Long.BYTES + value.length);
                    }
                }

                @Override
                public void onError(final NodeAddress node, final RuntimeException error)
                {
                    failure.compareAndSet(null, error);
                }
            };
            for (int i = 0; i < connections; i++)
            {
                listeners.add(listenClient.listen(nodes.channel(), handler));
            }
            final List<ClientThread> threads = new ArrayList<>();
            final CountDownLatch connected = new CountDownLatch(writers);
            for (int i = 0; i < writers; i++)
            {
                final ClientThread thread = new ClientThread(i, connected, failure);
                threads.add(thread);
                thread.start();
            }
            awaitConnected(connected, failure);
            runPhases();
            long puts = 0;
            for (final ClientThread thread : threads)
            {
                join(thread);
                puts += thread.ops;
            }
            // Records still on their way when the writers stopped are counted as they arrive, for a moment.
            sleepSeconds(0.5);
            counting = false;
            final long end = System.nanoTime();
            listeners.forEach(Listener::close);
            if (null != failure.get())
            {
                throw failure.get();
            }
            outcome.ops = delivered.sum();
            outcome.bytes = deliveredBytes.sum();
            outcome.startNanos = measureStartNanos;
            outcome.endNanos = end;
            outcome.histogram.add(recorder.getIntervalHistogram());
            outcome.extra = String.format(Locale.ROOT, " puts=%d puts_per_s=%.0f", puts,
                puts / ((end - outcome.startNanos) / 1e9));
        }
        return outcome;
    }

    private void runPhases()
    {
        sleepSeconds(warmupSeconds);
        measureStartNanos = System.nanoTime();
        measureStartMillis = System.currentTimeMillis();
        counting = true;
        phase = MEASURE;
        if (count <= 0)
        {
            sleepSeconds(durationSeconds);
            phase = STOP;
        }
    }

    private void report(final Outcome outcome)
    {
        final double seconds = Math.max(1e-9, (outcome.endNanos - outcome.startNanos) / 1e9);
        final double opsPerSecond = outcome.ops / seconds;
        final double megabytesPerSecond = outcome.bytes / seconds / MEGA;
        final String name = null == label ? workload.name().toLowerCase(Locale.ROOT) : label;
        final String unit = workload == Workload.LISTEN ? "deliveries" : "requests";
        System.out.printf(Locale.ROOT, "%s: %d connections, %d-byte values, %,d %s in %.2f s: %,.0f %s/s, " +
            "%.1f MB/s%n", name, connections, valueSize, outcome.ops, unit, seconds, opsPerSecond, unit,
            megabytesPerSecond);
        if (outcome.misses > 0)
        {
            System.out.printf(Locale.ROOT, "  %,d Gets found no record (fill the channel first)%n", outcome.misses);
        }
        LatencyTable.print(name, outcome.histogram, System.out);
        if (null != histogramFile)
        {
            outcome.histogram.setStartTimeStamp(measureStartMillis);
            outcome.histogram.setEndTimeStamp(measureStartMillis + (long)(seconds * 1000));
            LatencyTable.write(outcome.histogram, histogramFile);
        }
        final Histogram h = outcome.histogram;
        System.out.printf(Locale.ROOT, "RESULT label=%s workload=%s connections=%d value_size=%d ops=%d " +
            "seconds=%.3f ops_per_s=%.0f mb_per_s=%.1f p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f " +
            "max_us=%.1f misses=%d%s%n", name, workload.name().toLowerCase(Locale.ROOT), connections, valueSize,
            outcome.ops, seconds, opsPerSecond, megabytesPerSecond, LatencyTable.micros(h, 50),
            LatencyTable.micros(h, 90), LatencyTable.micros(h, 99), LatencyTable.micros(h, 99.9),
            h.getMaxValue() / 1e3, outcome.misses, outcome.extra);
    }

    private static long sentNanos(final byte[] value)
    {
        long nanos = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--)
        {
            nanos = (nanos << 8) | (value[i] & 0xff);
        }
        return nanos;
    }

    private static void awaitConnected(final CountDownLatch connected, final AtomicReference<RuntimeException> failure)
    {
        try
        {
            while (!connected.await(100, TimeUnit.MILLISECONDS))
            {
                if (null != failure.get())
                {
                    throw failure.get();
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting", ex);
        }
        if (null != failure.get())
        {
            throw failure.get();
        }
    }

    private static void join(final Thread thread)
    {
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    private static void sleepSeconds(final double seconds)
    {
        try
        {
            Thread.sleep((long)(seconds * 1000));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /**
     * The measured part of a run.
     */
    private static final class Outcome
    {
        private final Histogram histogram = new Histogram(HIGHEST_LATENCY_NANOS, 3);
        private long ops;
        private long bytes;
        private long misses;
        private long startNanos = Long.MAX_VALUE;
        private long endNanos = Long.MIN_VALUE;
        private String extra = "";

        void add(final ClientThread thread)
        {
            histogram.add(thread.histogram);
            ops += thread.ops;
            bytes += thread.bytes;
            misses += thread.misses;
            if (thread.ops > 0)
            {
                startNanos = Math.min(startNanos, thread.firstStart);
                endNanos = Math.max(endNanos, thread.lastEnd);
            }
        }
    }

    /**
     * One simulated client: its own connection, a closed loop of requests.
     */
    private final class ClientThread extends Thread
    {
        private final int index;
        private final CountDownLatch connected;
        private final AtomicReference<RuntimeException> failure;
        private final Histogram histogram = new Histogram(HIGHEST_LATENCY_NANOS, 3);
        private final SplittableRandom random;
        private final UnsafeBuffer value;
        private final UnsafeBuffer view = new UnsafeBuffer(new byte[1]);
        private long scanBytes;
        private long ops;
        private long bytes;
        private long misses;
        private long firstStart;
        private long lastEnd;
        private long sequence;

        ClientThread(final int index, final CountDownLatch connected, final AtomicReference<RuntimeException> failure)
        {
            super("load-" + index);
            setDaemon(true);
            this.index = index;
            this.connected = connected;
            this.failure = failure;
            this.random = new SplittableRandom(0x10ad_0000L + index);
            this.value = new UnsafeBuffer(new byte[valueSize]);
        }

        @Override
        public void run()
        {
            final DhtClient client;
            try
            {
                client = nodes.connectOne();
            }
            catch (final RuntimeException ex)
            {
                failure.compareAndSet(null, ex);
                connected.countDown();
                return;
            }
            connected.countDown();
            try (client)
            {
                loop(client);
            }
            catch (final RuntimeException ex)
            {
                failure.compareAndSet(null, ex);
            }
        }

        private void loop(final DhtClient client)
        {
            final String channel = nodes.channel();
            int currentPhase;
            while (STOP != (currentPhase = phase))
            {
                final long start = System.nanoTime();
                final long payload = request(client, channel);
                final long end = System.nanoTime();
                if (MEASURE == currentPhase)
                {
                    if (0 == ops)
                    {
                        firstStart = start;
                    }
                    lastEnd = end;
                    ops++;
                    bytes += payload;
                    histogram.recordValue(Math.min(HIGHEST_LATENCY_NANOS, end - start));
                    if (remaining.decrementAndGet() <= 0)
                    {
                        phase = STOP;
                    }
                }
            }
        }

        private long request(final DhtClient client, final String channel)
        {
            switch (workload)
            {
                case PUT:
                    return put(client, channel, Records.key(random.nextLong(keys)));
                case GET:
                    return get(client, channel);
                case MIXED:
                    return random.nextInt(100) < readPercent ?
                        get(client, channel) : put(client, channel, Records.key(random.nextLong(keys)));
                case GETALL:
                    scanBytes = 0;
                    client.getAll(channel, (key, record) -> scanBytes += Long.BYTES + record.length);
                    return scanBytes;
                case LISTEN:
                    // Writers of the listen workload: new keys only, the send time in the value's first bytes.
                    value.putBytes(0, records.value(sequence), 0, valueSize);
                    value.putLong(0, System.nanoTime(), LITTLE_ENDIAN);
                    client.put(channel, Records.key(((long)index << 40) + sequence++), value, 0, valueSize);
                    return Long.BYTES + valueSize;
                default:
                    throw new IllegalStateException("workload " + workload);
            }
        }

        private long put(final DhtClient client, final String channel, final long key)
        {
            final byte[] bytes = records.value(sequence++);
            view.wrap(bytes);
            client.put(channel, key, view, 0, bytes.length);
            return Long.BYTES + bytes.length;
        }

        private long get(final DhtClient client, final String channel)
        {
            final byte[] found = client.get(channel, Records.key(random.nextLong(keys)));
            if (0 == found.length)
            {
                misses++;
            }
            return Long.BYTES + found.length;
        }
    }
}
