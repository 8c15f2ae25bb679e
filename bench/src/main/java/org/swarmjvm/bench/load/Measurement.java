package org.swarmjvm.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The phases of one run, shared by every workload of every node: warm-up, then measuring for a duration or until
 * a request count is reached, then stop; the closed loop of simulated clients; and the report (throughput, the
 * latency percentile table, the {@code RESULT} line that scripts/bench collects).
 */
final class Measurement
{
    private static final int WARMUP = 0;
    private static final int MEASURE = 1;
    private static final int STOP = 2;
    private static final double MEGA = 1_000_000.0;
    /** The unit of the CPU times in /proc/PID/stat: USER_HZ, 100 on every Linux the project runs on. */
    static final double CLOCK_TICKS_PER_SECOND = 100;

    private final MeasureOptions options;
    private final AtomicLong remaining = new AtomicLong(Long.MAX_VALUE);
    private volatile int phase = WARMUP;
    private volatile boolean counting;
    private long measureStartNanos;
    private long measureStartMillis;
    private long serverTicksAtStart;
    private long serverTicksAtEnd;

    /**
     * @param options of the run.
     */
    Measurement(final MeasureOptions options)
    {
        options.check();
        this.options = options;
        if (options.count > 0)
        {
            remaining.set(options.count);
        }
        if (0 == options.warmupSeconds)
        {
            // No warm-up: the clients' very first requests are measured (a long scan is then not run twice).
            startMeasuring();
        }
    }

    /**
     * Runs {@code clients} simulated clients, each with its own session, through the phases.
     *
     * @param clients     number of sessions, one thread each.
     * @param factory     connects a session.
     * @param missEndsRun whether a measured request that finds nothing ends the run (draining a queue).
     * @return what was measured.
     */
    Outcome closedLoop(final int clients, final LoadSession.Factory factory, final boolean missEndsRun)
    {
        final List<ClientThread> threads = new ArrayList<>();
        final CountDownLatch connected = new CountDownLatch(clients);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int i = 0; i < clients; i++)
        {
            threads.add(new ClientThread(i, factory, missEndsRun, connected, failure));
        }
        final Outcome outcome = new Outcome();
        runClients(threads, connected, failure);
        threads.forEach(thread -> outcome.add(thread.outcome));
        return outcome;
    }

    /**
     * Runs {@code clients} simulated clients on one thread (see {@link EventLoopClients}) through the phases.
     *
     * @param address        of the node.
     * @param clients        connections, one request (or one pipelined batch) in flight each.
     * @param factory        makes each client's exchange.
     * @param bufferCapacity bytes of the longest request or reply.
     * @param missEndsRun    whether a measured request that finds nothing ends the run (draining a queue).
     * @return what was measured.
     */
    Outcome eventLoop(
        final InetSocketAddress address, final int clients, final LoadExchange.Factory factory,
        final int bufferCapacity, final boolean missEndsRun)
    {
        final CountDownLatch connected = new CountDownLatch(clients);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final EventLoopClients loop = new EventLoopClients(
            this, address, clients, options.pipeline, missEndsRun, factory, bufferCapacity, connected, failure);
        runClients(List.of(loop), connected, failure);
        return loop.outcome;
    }

    /**
     * @return true once the measurement has begun (after the warm-up).
     */
    boolean isMeasuring()
    {
        return MEASURE == phase;
    }

    /**
     * @return true once the run is over.
     */
    boolean isStopped()
    {
        return STOP == phase;
    }

    /**
     * Ends the run (a client failed).
     */
    void end()
    {
        phase = STOP;
    }

    /**
     * Counts a request that got its answer, when it was sent during the measurement.
     *
     * @param outcome     of the client.
     * @param measured    whether the request was sent during the measurement.
     * @param start       when it was sent, {@link System#nanoTime()}.
     * @param end         when its answer was complete.
     * @param payload     bytes moved, or {@link LoadSession#MISS}.
     * @param missEndsRun whether a measured request that found nothing ends the run.
     * @return true while the run goes on.
     */
    boolean completed(
        final Outcome outcome, final boolean measured, final long start, final long end, final long payload,
        final boolean missEndsRun)
    {
        if (measured)
        {
            outcome.record(start, end, payload);
            if (remaining.decrementAndGet() <= 0 || (missEndsRun && LoadSession.MISS == payload))
            {
                phase = STOP;
            }
        }
        return STOP != phase;
    }

    /**
     * @return true while deliveries of a stream are counted: from the end of the warm-up until
     * {@link #stopCounting()}.
     */
    boolean isCounting()
    {
        return counting;
    }

    /**
     * Stops counting deliveries.
     */
    void stopCounting()
    {
        counting = false;
    }

    /**
     * @return {@link System#nanoTime()} when the measurement began.
     */
    long startNanos()
    {
        return measureStartNanos;
    }

    /**
     * Prints the figures of a run and its {@code RESULT} line.
     *
     * @param outcome  what was measured.
     * @param workload name of the workload, as in the RESULT line.
     * @param unit     what an operation is ("requests", "deliveries").
     */
    void report(final Outcome outcome, final String workload, final String unit)
    {
        final double seconds = Math.max(1e-9, (outcome.endNanos - outcome.startNanos) / 1e9);
        final double opsPerSecond = outcome.ops / seconds;
        final double megabytesPerSecond = outcome.bytes / seconds / MEGA;
        final String name = options.label(workload);
        System.out.printf(Locale.ROOT, "%s: %d connections, %d-byte values, %,d %s in %.2f s: %,.0f %s/s, " +
            "%.1f MB/s%n", name, options.connections, options.valueSize, outcome.ops, unit, seconds, opsPerSecond,
            unit, megabytesPerSecond);
        if (outcome.misses > 0)
        {
            System.out.printf(Locale.ROOT, "  %,d requests found nothing (no record, or an empty queue)%n",
                outcome.misses);
        }
        LatencyTable.print(name, outcome.histogram, System.out);
        if (null != options.histogramFile)
        {
            outcome.histogram.setStartTimeStamp(measureStartMillis);
            outcome.histogram.setEndTimeStamp(measureStartMillis + (long)(seconds * 1000));
            LatencyTable.write(outcome.histogram, options.histogramFile);
        }
        final Histogram h = outcome.histogram;
        System.out.printf(Locale.ROOT, "RESULT label=%s workload=%s connections=%d value_size=%d ops=%d " +
            "seconds=%.3f ops_per_s=%.0f mb_per_s=%.1f p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f " +
            "max_us=%.1f misses=%d%s%n", name, workload, options.connections, options.valueSize, outcome.ops,
            seconds, opsPerSecond, megabytesPerSecond, LatencyTable.micros(h, 50), LatencyTable.micros(h, 90),
            LatencyTable.micros(h, 99), LatencyTable.micros(h, 99.9), h.getMaxValue() / 1e3, outcome.misses,
            outcome.extra + serverCpu(outcome.ops));
    }

    /**
     * @return the node's user + system CPU time over the measured phase, in total and per operation, as RESULT
     * fields; nothing when no server pid was given.
     */
    private String serverCpu(final long ops)
    {
        if (0 == options.serverPid)
        {
            return "";
        }
        final double seconds = (serverTicksAtEnd - serverTicksAtStart) / CLOCK_TICKS_PER_SECOND;
        System.out.printf(Locale.ROOT, "  node CPU (user + system) over the measurement: %.2f s, %.2f us per " +
            "operation%n", seconds, seconds * MEGA / Math.max(1, ops));
        return String.format(Locale.ROOT, " server_cpu_s=%.2f server_cpu_us_per_op=%.2f", seconds,
            seconds * MEGA / Math.max(1, ops));
    }

    /**
     * @return utime + stime of the server process in clock ticks, or 0 when no server pid was given.
     */
    private long serverCpuTicks()
    {
        if (0 == options.serverPid)
        {
            return 0;
        }
        return cpuTicks(options.serverPid);
    }

    /**
     * @param pid of a running process.
     * @return its utime + stime in clock ticks ({@code /proc/PID/stat}).
     */
    static long cpuTicks(final long pid)
    {
        final Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try
        {
            final String line = Files.readString(stat);
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
            // utime field 14 and stime field 15.
            final String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, ex);
        }
    }

    /**
     * Sleeps, without failing the run on an interrupt (it is then ended).
     *
     * @param seconds to sleep.
     */
    static void sleepSeconds(final double seconds)
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

    private void runClients(
        final List<? extends Thread> threads, final CountDownLatch connected,
        final AtomicReference<RuntimeException> failure)
    {
        threads.forEach(Thread::start);
        awaitConnected(connected, failure);
        runPhases();
        threads.forEach(Measurement::join);
        // After the join: the requests in flight at the stop were served too (a handful against millions).
        serverTicksAtEnd = serverCpuTicks();
        if (null != failure.get())
        {
            throw failure.get();
        }
    }

    private void runPhases()
    {
        if (WARMUP == phase)
        {
            sleepSeconds(options.warmupSeconds);
            startMeasuring();
        }
        if (options.count <= 0)
        {
            sleepSeconds(options.durationSeconds);
            phase = STOP;
        }
    }

    private void startMeasuring()
    {
        serverTicksAtStart = serverCpuTicks();
        measureStartNanos = System.nanoTime();
        measureStartMillis = System.currentTimeMillis();
        counting = true;
        phase = MEASURE;
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

    /**
     * One simulated client: its own session, a closed loop of requests.
     */
    private final class ClientThread extends Thread
    {
        private final int index;
        private final LoadSession.Factory factory;
        private final boolean missEndsRun;
        private final CountDownLatch connected;
        private final AtomicReference<RuntimeException> failure;
        private final Outcome outcome = new Outcome();

        ClientThread(final int index, final LoadSession.Factory factory, final boolean missEndsRun,
            final CountDownLatch connected, final AtomicReference<RuntimeException> failure)
        {
            super("load-" + index);
            setDaemon(true);
            this.index = index;
            this.factory = factory;
            this.missEndsRun = missEndsRun;
            this.connected = connected;
            this.failure = failure;
        }

        @Override
        public void run()
        {
            final LoadSession session;
            try
            {
                session = factory.open(index);
            }
            catch (final RuntimeException ex)
            {
                failure.compareAndSet(null, ex);
                connected.countDown();
                return;
            }
            connected.countDown();
            try (session)
            {
                loop(session);
            }
            catch (final RuntimeException ex)
            {
                failure.compareAndSet(null, ex);
                end();
            }
        }

        private void loop(final LoadSession session)
        {
            boolean running = !isStopped();
            while (running)
            {
                if (isMeasuring())
                {
                    final long start = System.nanoTime();
                    final long payload = session.request();
                    running = completed(outcome, true, start, System.nanoTime(), payload, missEndsRun);
                }
                else
                {
                    session.warmUpRequest();
                    running = !isStopped();
                }
            }
        }
    }
}
