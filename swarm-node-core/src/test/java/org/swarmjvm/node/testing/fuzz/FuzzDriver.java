package org.swarmjvm.node.testing.fuzz;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Runs fuzzing connections against a node, several at once, while well-behaved clients use it beside them.
 * <p>
 * Each fuzzing connection is a {@link FuzzCase} from its own seed. The driver checks that the node answers the
 * valid requests of the case as the spec says, then, for the damaged last frame: that it closes the connection on
 * its own without a further byte when the mutation requires it; that whatever else it sends starts with one of
 * the protocol's statuses; and that it closes the connection once the client hangs up, within the read timeout.
 * Meanwhile the well-behaved clients check every answer they get, and the memory probe is read now and then
 * against a bound. Failing cases are printed with their seed; {@link #runCase(FuzzCase)} replays one.
 */
public final class FuzzDriver
{
    private static final long MEMORY_CHECK_INTERVAL_MS = 2000;
    private static final int MAX_FAILURES = 20;
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long SEED_SPREAD = 0x9E3779B97F4A7C15L;

    private final InetSocketAddress address;
    private final FrameGenerator generator;
    private final Duration readTimeout;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong cases = new AtomicLong();
    private final AtomicLong closedByNode = new AtomicLong();
    private final AtomicLong wellBehavedSteps = new AtomicLong();
    private final AtomicLongArray mutations = new AtomicLongArray(Mutation.values().length);

    /**
     * @param address     of the node.
     * @param generator   of the protocol's frames.
     * @param readTimeout longest wait for an answer or a close.
     */
    public FuzzDriver(final InetSocketAddress address, final FrameGenerator generator, final Duration readTimeout)
    {
        this.address = address;
        this.generator = generator;
        this.readTimeout = readTimeout;
    }

    /**
     * @param runSeed of the run.
     * @param index   of the case.
     * @return the seed of that case.
     */
    public static long caseSeed(final long runSeed, final long index)
    {
        return new SplittableRandom(runSeed + index * SEED_SPREAD).nextLong();
    }

    /**
     * Fuzzes until {@code targetFrames} frames went out.
     *
     * @param runSeed      of the run; the case seeds derive from it.
     * @param targetFrames to send.
     * @param threads      fuzzing connections open at once.
     * @param wellBehaved  clients running beside, each on its own thread, verified at the end.
     * @param maintenance  run now and then from the driver's thread, e.g. to drop what fuzzing created.
     * @param memory       reads the memory the node holds.
     * @param memoryBound  most bytes the node may hold above what it held at the start.
     * @return the report; its failures list is empty when the node passed.
     */
    public FuzzReport run(
        final long runSeed,
        final long targetFrames,
        final int threads,
        final List<? extends WellBehavedClient> wellBehaved,
        final Runnable maintenance,
        final LongSupplier memory,
        final long memoryBound)
    {
        final long start = System.nanoTime();
        final long baseline = memory.getAsLong();
        long memoryMax = baseline;
        final AtomicLong nextCase = new AtomicLong();
        final AtomicBoolean fuzzing = new AtomicBoolean(true);
        final ExecutorService pool = Executors.newFixedThreadPool(threads + wellBehaved.size());
        final List<Future<?>> fuzzers = new ArrayList<>();
        final List<Future<?>> clients = new ArrayList<>();
        for (final WellBehavedClient client : wellBehaved)
        {
            clients.add(pool.submit(() -> runWellBehaved(client, fuzzing)));
        }
        for (int i = 0; i < threads; i++)
        {
            fuzzers.add(pool.submit(() ->
            {
                while (frames.get() < targetFrames && failures.size() < MAX_FAILURES)
                {
                    runCase(FuzzCase.generate(caseSeed(runSeed, nextCase.getAndIncrement()), generator));
                }
            }));
        }
        long recordsChecked = 0;
        long memoryEnd = baseline;
        long lastProgress = System.nanoTime();
        try
        {
            for (final Future<?> fuzzer : fuzzers)
            {
                while (!isDone(fuzzer))
                {
                    if (System.nanoTime() - lastProgress > PROGRESS_INTERVAL_NANOS)
                    {
                        lastProgress = System.nanoTime();
                        System.out.printf("fuzz progress: %,d frames, %,d connections, %d failures, memory %,d " +
                            "bytes%n", frames.get(), cases.get(), failures.size(), memoryMax);
                    }
                    maintenance.run();
                    final long used = memory.getAsLong();
                    memoryMax = Math.max(memoryMax, used);
                    if (used - baseline > memoryBound && failures.size() < MAX_FAILURES)
                    {
                        final String failure = String.format("FAILING memory bound: the node holds %,d bytes, " +
                            "%,d over its %,d at the start (bound %,d)", used, used - baseline, baseline, memoryBound);
                        System.err.println(failure);
                        failures.add(failure);
                    }
                }
            }
            fuzzing.set(false);
            for (final Future<?> client : clients)
            {
                isDoneWithin(client, readTimeout.multipliedBy(2));
            }
            maintenance.run();
            memoryEnd = memory.getAsLong();
            memoryMax = Math.max(memoryMax, memoryEnd);
            for (final WellBehavedClient client : wellBehaved)
            {
                try
                {
                    recordsChecked += client.verifyAll();
                }
                catch (final AssertionError | RuntimeException ex)
                {
                    failures.add("well-behaved client, final read-back: " + ex);
                }
            }
        }
        finally
        {
            fuzzing.set(false);
            pool.shutdownNow();
        }
        final Map<Mutation, Long> perMutation = new EnumMap<>(Mutation.class);
        for (final Mutation mutation : Mutation.values())
        {
            perMutation.put(mutation, mutations.get(mutation.ordinal()));
        }
        return new FuzzReport(generator.protocol(), runSeed, frames.get(), cases.get(), closedByNode.get(),
            wellBehavedSteps.get(), recordsChecked, baseline, memoryMax, memoryEnd, perMutation, List.copyOf(failures),
            (System.nanoTime() - start) / 1e9);
    }

    /**
     * Replays cases that once failed, one by one.
     *
     * @param seeds of the cases.
     * @return one line per case that fails now, empty when all pass.
     */
    public List<String> replay(final long... seeds)
    {
        final List<String> stillFailing = new ArrayList<>();
        for (final long seed : seeds)
        {
            final FuzzCase fuzzCase = FuzzCase.generate(seed, generator);
            final String problem = runCase(fuzzCase);
            if (null != problem)
            {
                stillFailing.add(fuzzCase.describe() + ": " + problem);
            }
        }
        return stillFailing;
    }

    /**
     * Runs one fuzzing connection and records a failure with the case's seed.
     *
     * @param fuzzCase to run.
     * @return null when the node behaved, else what went wrong.
     */
    public String runCase(final FuzzCase fuzzCase)
    {
        cases.incrementAndGet();
        frames.addAndGet(fuzzCase.frames());
        mutations.incrementAndGet(fuzzCase.mutation().ordinal());
        String problem;
        try
        {
            problem = exchange(fuzzCase);
        }
        catch (final SocketException ex)
        {
            // Broken pipe or reset: the node closed while the case was still sending or reading. Only the damaged
            // frame may make it do that; a case of valid frames only must run to its end.
            closedByNode.incrementAndGet();
            problem = Mutation.NONE == fuzzCase.mutation() ? "the node closed a connection of valid requests: " + ex :
                null;
        }
        catch (final SocketTimeoutException ex)
        {
            problem = "the node neither answered nor closed the connection within " + readTimeout;
        }
        catch (final IOException ex)
        {
            problem = "i/o: " + ex;
        }
        catch (final AssertionError ex)
        {
            problem = ex.getMessage();
        }
        if (null != problem)
        {
            final String failure = "FAILING " + generator.protocol() + " fuzz case " + fuzzCase.describe() + "\n  " +
                problem;
            System.err.println(failure);
            failures.add(failure);
        }
        return problem;
    }

    private String exchange(final FuzzCase fuzzCase) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(address, (int)readTimeout.toMillis());
            socket.setSoTimeout((int)readTimeout.toMillis());
            socket.setTcpNoDelay(true);
            final OutputStream out = socket.getOutputStream();
            for (final byte[] write : fuzzCase.writes())
            {
                out.write(write);
                out.flush();
            }
            if (Mutation.DISCONNECT == fuzzCase.mutation())
            {
                socket.setSoLinger(true, 0);
                return null;
            }
            final WireInput in = new WireInput(new BufferedInputStream(socket.getInputStream()));
            for (final FuzzFrame frame : fuzzCase.prefix())
            {
                readReply(frame, in);
            }
            if (Mutation.NONE == fuzzCase.mutation())
            {
                readReply(fuzzCase.last(), in);
                socket.shutdownOutput();
                drain(in);
                return null;
            }
            if (fuzzCase.mutation().closesConnection())
            {
                if (fuzzCase.isDamagedInStream())
                {
                    readReply(fuzzCase.last(), in);
                }
                final long sent = drain(in);
                closedByNode.incrementAndGet();
                return 0 == sent ? null : "the node sent " + sent + " bytes before closing on a " +
                    fuzzCase.mutation();
            }
            socket.shutdownOutput();
            return checkStatusThenDrain(in);
        }
    }

    private void readReply(final FuzzFrame frame, final WireInput in) throws IOException
    {
        try
        {
            generator.readReply(frame, in);
        }
        catch (final EOFException ex)
        {
            throw new AssertionError("no complete reply to the valid " + frame.name() + ": " + ex.getMessage(), ex);
        }
    }

    private String checkStatusThenDrain(final WireInput in) throws IOException
    {
        final long before = in.bytesRead();
        final int status;
        try
        {
            status = in.readInt();
        }
        catch (final EOFException ex)
        {
            return in.bytesRead() == before ? null : "the node sent a partial status, then closed";
        }
        catch (final SocketException ex)
        {
            return null;
        }
        drain(in);
        return generator.isStatus(status) ? null : "the node answered with " + status + ", not a status of the spec";
    }

    private static long drain(final WireInput in) throws IOException
    {
        try
        {
            return in.drain();
        }
        catch (final SocketException ex)
        {
            // A reset: the node closed with input unread; it closed all the same.
            return 0;
        }
    }

    private void runWellBehaved(final WellBehavedClient client, final AtomicBoolean fuzzing)
    {
        try
        {
            while (fuzzing.get())
            {
                client.step();
                wellBehavedSteps.incrementAndGet();
            }
        }
        catch (final AssertionError | RuntimeException ex)
        {
            failures.add("well-behaved client: " + ex);
            System.err.println("FAILING well-behaved client during fuzzing: " + ex);
        }
    }

    private static boolean isDone(final Future<?> future)
    {
        return isDoneWithin(future, Duration.ofMillis(MEMORY_CHECK_INTERVAL_MS));
    }

    private static boolean isDoneWithin(final Future<?> future, final Duration timeout)
    {
        try
        {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (final TimeoutException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("fuzzing thread failed", ex.getCause());
        }
    }
}
