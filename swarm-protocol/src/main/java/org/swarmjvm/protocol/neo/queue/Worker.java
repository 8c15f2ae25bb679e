package org.swarmjvm.protocol.neo.queue;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs a handler per record of one channel, at least once: each of {@code concurrency} threads takes a record with
 * a lease, extends the lease every third of it while the handler runs, acks the record when the handler returns
 * and nacks it when the handler throws, so that the node hands it out again (or moves it to the dead-letter
 * channel after its last delivery). A worker that dies leaves its records to the lease expiry.
 *
 * <p>{@link #drain(Duration)} (and {@link #close()}) is the clean shutdown: no new take, the handlers running may
 * finish and ack until the drain timeout, then the records still held are nacked, and the call returns. The
 * worker also ends by itself when the connection fails: {@link #ended()} then completes with the cause, and the
 * records it held come back when their leases expire.
 */
public final class Worker implements AutoCloseable
{
    /** Default lease of a take. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** Default time the in-flight handlers get to finish at a drain. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /** Default wait before the next take when the channel was empty. */
    public static final Duration DEFAULT_EMPTY_WAIT = Duration.ofMillis(100);
    /** Default longest wait for the node's answer to one request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A lease is extended this many times per lease length, so that one late extension does not lose it. */
    private static final int EXTENSIONS_PER_LEASE = 3;

    private static final Logger LOG = System.getLogger(Worker.class.getName());

    /**
     * The work done per record.
     */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * Handles one record. Returning acks it; throwing nacks it. It runs on one of the worker's threads, which
         * is interrupted when a drain gives up waiting for it.
         *
         * @param job the record, its lease and how many times the node has handed it out (1 the first time).
         * @throws Exception to have the record delivered again.
         */
        void handle(QueueNeoClient.TakeResult job) throws Exception;
    }

    /**
     * A worker's settings: fluent setters, checked by {@link #conclude()}.
     */
    public static final class Context
    {
        private String channel;
        private Handler handler;
        private int concurrency = 1;
        private Duration lease = DEFAULT_LEASE;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        private Duration emptyWait = DEFAULT_EMPTY_WAIT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        /**
         * @param channel the channel to take from.
         * @return this.
         */
        public Context channel(final String channel)
        {
            this.channel = channel;
            return this;
        }

        /**
         * @param handler the work per record.
         * @return this.
         */
        public Context handler(final Handler handler)
        {
            this.handler = handler;
            return this;
        }

        /**
         * @param concurrency how many records are handled at once, one thread each.
         * @return this.
         */
        public Context concurrency(final int concurrency)
        {
            this.concurrency = concurrency;
            return this;
        }

        /**
         * @param lease how long the node keeps a taken record from others without hearing from the worker.
         * @return this.
         */
        public Context lease(final Duration lease)
        {
            this.lease = lease;
            return this;
        }

        /**
         * @param drainTimeout how long a drain lets the running handlers finish before it nacks their records.
         * @return this.
         */
        public Context drainTimeout(final Duration drainTimeout)
        {
            this.drainTimeout = drainTimeout;
            return this;
        }

        /**
         * @param emptyWait how long a thread waits before it takes again from an empty channel.
         * @return this.
         */
        public Context emptyWait(final Duration emptyWait)
        {
            this.emptyWait = emptyWait;
            return this;
        }

        /**
         * @param requestTimeout longest wait for the node's answer to one request before the worker gives up.
         * @return this.
         */
        public Context requestTimeout(final Duration requestTimeout)
        {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * Checks every setting.
         *
         * @return this.
         * @throws IllegalArgumentException naming the first bad value.
         */
        public Context conclude()
        {
            if (null == channel || channel.isEmpty())
            {
                throw new IllegalArgumentException("a worker needs a channel");
            }
            if (null == handler)
            {
                throw new IllegalArgumentException("a worker needs a handler");
            }
            if (concurrency < 1)
            {
                throw new IllegalArgumentException("concurrency " + concurrency + " is not at least 1");
            }
            if (lease.toMillis() < EXTENSIONS_PER_LEASE)
            {
                throw new IllegalArgumentException("lease " + lease + " is shorter than " + EXTENSIONS_PER_LEASE +
                    " ms");
            }
            for (final Duration wait : new Duration[] {drainTimeout, emptyWait, requestTimeout})
            {
                if (wait.isNegative())
                {
                    throw new IllegalArgumentException("negative duration " + wait);
                }
            }
            return this;
        }
    }

    private final QueueNeoClient client;
    private final Context context;
    private final Thread[] threads;
    /** Per thread: the record it holds, until acked or nacked by the thread or by a drain, whichever comes first. */
    private final AtomicReferenceArray<QueueNeoClient.TakeResult> held;
    private final ScheduledThreadPoolExecutor extensions;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final AtomicInteger running;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong nacked = new AtomicLong();
    private final AtomicLong leasesLost = new AtomicLong();
    private volatile boolean stopping;

    private Worker(final QueueNeoClient client, final Context context)
    {
        this.client = client;
        this.context = context;
        threads = new Thread[context.concurrency];
        held = new AtomicReferenceArray<>(context.concurrency);
        running = new AtomicInteger(context.concurrency);
        extensions = new ScheduledThreadPoolExecutor(1, task ->
        {
            final Thread thread = new Thread(task, "worker-" + context.channel + "-leases");
            thread.setDaemon(true);
            return thread;
        });
        extensions.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts the worker's threads.
     *
     * @param client  an authenticated connection to the queue node; the worker does not close it.
     * @param context the settings, concluded here.
     * @return the running worker.
     */
    public static Worker start(final QueueNeoClient client, final Context context)
    {
        final Worker worker = new Worker(client, context.conclude());
        for (int slot = 0; slot < worker.threads.length; slot++)
        {
            final int index = slot;
            worker.threads[slot] = new Thread(() -> worker.run(index), "worker-" + context.channel + "-" + slot);
            worker.threads[slot].start();
        }
        return worker;
    }

    /**
     * @return completes once every thread ended: normally after a drain, exceptionally with the first failure of
     *     the connection (or a request timeout).
     */
    public CompletableFuture<Void> ended()
    {
        return ended;
    }

    /**
     * @return records acked so far.
     */
    public long acked()
    {
        return acked.get();
    }

    /**
     * @return records nacked so far, because their handler threw or a drain gave up waiting for it.
     */
    public long nacked()
    {
        return nacked.get();
    }

    /**
     * @return leases the node no longer knew when the worker extended, acked or nacked them (expired meanwhile):
     *     their records are handed out again.
     */
    public long leasesLost()
    {
        return leasesLost.get();
    }

    /**
     * Drains with the context's drain timeout.
     */
    @Override
    public void close()
    {
        drain(context.drainTimeout);
    }

    /**
     * Stops taking, lets the running handlers finish (and ack or nack) until the timeout, then nacks the records
     * still held and interrupts their threads.
     *
     * @param timeout how long the running handlers may take.
     * @return how many records the drain nacked because their handler had not finished.
     */
    public int drain(final Duration timeout)
    {
        stop();
        final long deadline = System.nanoTime() + timeout.toNanos();
        for (final Thread thread : threads)
        {
            join(thread, deadline - System.nanoTime());
        }
        int abandoned = 0;
        final CompletableFuture<?>[] nacks = new CompletableFuture<?>[threads.length];
        for (int slot = 0; slot < threads.length; slot++)
        {
            final QueueNeoClient.TakeResult job = held.getAndSet(slot, null);
            nacks[slot] = null == job ? CompletableFuture.completedFuture(null) : nackAbandoned(job);
            if (null != job)
            {
                abandoned++;
                threads[slot].interrupt();
            }
        }
        try
        {
            // Answered before the drain returns, so that a process exiting right after it leaves nothing leased.
            await(CompletableFuture.allOf(nacks));
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "worker on " + context.channel + ": the drain's nacks failed, their records " +
                "come back when their leases expire: " + ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        extensions.shutdownNow();
        if (abandoned > 0)
        {
            LOG.log(Level.INFO, "worker on " + context.channel + ": drain nacked " + abandoned + " records whose " +
                "handler did not finish within " + timeout);
        }
        return abandoned;
    }

    private void run(final int slot)
    {
        try
        {
            while (!stopping)
            {
                final QueueNeoClient.TakeResult job = await(client.take(context.channel, context.lease));
                if (!job.taken())
                {
                    stopRequested.await(context.emptyWait.toNanos(), TimeUnit.NANOSECONDS);
                    continue;
                }
                held.set(slot, job);
                if (stopping)
                {
                    // Taken while the drain began: not started, so handed back at once.
                    release(slot, job, false);
                    return;
                }
                release(slot, job, handle(job));
            }
        }
        catch (final IOException ex)
        {
            if (!stopping)
            {
                // The connection is gone or the node does not answer: the whole worker ends, its records come
                // back to the queue when their leases expire.
                LOG.log(Level.WARNING, "worker on " + context.channel + " ends: " + ex.getMessage());
                ended.completeExceptionally(ex);
                stop();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            if (0 == running.decrementAndGet())
            {
                // Also after a failure, when nobody drains: a program that reconnects starts a new worker.
                extensions.shutdownNow();
                ended.complete(null);
            }
        }
    }

    private void stop()
    {
        stopping = true;
        stopRequested.countDown();
    }

    private boolean handle(final QueueNeoClient.TakeResult job)
    {
        final long period = context.lease.toNanos() / EXTENSIONS_PER_LEASE;
        final ScheduledFuture<?> extension = extensions.scheduleAtFixedRate(() ->
            client.extend(context.channel, job.leaseId(), context.lease).thenAccept(this::countLost),
            period, period, TimeUnit.NANOSECONDS);
        try
        {
            context.handler.handle(job);
            return true;
        }
        catch (final Exception ex)
        {
            LOG.log(Level.DEBUG, "worker on " + context.channel + ": handler failed, record nacked", ex);
            return false;
        }
        finally
        {
            extension.cancel(false);
        }
    }

    /**
     * Acks or nacks the record a thread holds, unless a drain already nacked it.
     */
    private void release(final int slot, final QueueNeoClient.TakeResult job, final boolean done)
        throws IOException, InterruptedException
    {
        if (held.compareAndSet(slot, job, null))
        {
            countLost(await(done ? client.ack(context.channel, job.leaseId()) :
                client.nack(context.channel, job.leaseId())));
            (done ? acked : nacked).incrementAndGet();
        }
    }

    /**
     * The drain's nack of a record whose handler still runs: its thread may be blocked, so the drain waits for the
     * answer instead.
     */
    private CompletableFuture<Boolean> nackAbandoned(final QueueNeoClient.TakeResult job)
    {
        nacked.incrementAndGet();
        return client.nack(context.channel, job.leaseId()).thenApply(known ->
        {
            countLost(known);
            return known;
        });
    }

    private void countLost(final boolean known)
    {
        if (!known)
        {
            leasesLost.incrementAndGet();
        }
    }

    private <T> T await(final CompletableFuture<T> answer) throws IOException, InterruptedException
    {
        try
        {
            return answer.get(context.requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw new IOException("queue node request failed on " + context.channel, ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            throw new IOException("no answer from the queue node within " + context.requestTimeout, ex);
        }
    }

    private static void join(final Thread thread, final long nanos)
    {
        if (nanos <= 0)
        {
            return;
        }
        try
        {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
