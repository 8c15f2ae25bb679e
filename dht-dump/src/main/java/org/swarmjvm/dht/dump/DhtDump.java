package org.swarmjvm.dht.dump;

import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A running dht-dump (dhtdump's {@code DumpCycle} scheduling, spec §6.5): handshake with the node (a range gap is
 * accepted: one node of a larger DHT), retried every 2 s on failure; then, unless one-shot, a random wait within
 * one period, and cycles forever: after a failed cycle {@code retry_wait_s}, otherwise
 * {@code period_s} minus the cycle's duration but at least {@code min_wait_s}. A one-shot run stops after the
 * first successful cycle, or gives up after {@code maxTries} failed handshakes and cycles together. Every cycle
 * appends a line to {@code stats.log}.
 * <p>
 * Cycles run on one timer thread; {@link #close()} stops it, closing the connection under a cycle in progress
 * (its unfinished dump is discarded). It is a scheduled executor of its own, not the nodes' timer agent: dht-dump
 * has no server (it builds on swarm-support, not the core), each wait is computed when the cycle before it ends
 * (a retry wait, or the period less the cycle's duration), which fixed-rate tasks do not model, and a cycle blocks
 * on the node's socket for as long as the dump takes. In continuous mode ({@code [Dump] mode = continuous}) a
 * {@link ContinuousDump} follows the node instead of the cycles.
 */
public final class DhtDump implements AutoCloseable
{
    private static final Logger LOG = System.getLogger(DhtDump.class.getName());

    private final DhtDumpContext context;
    private final DumpDirectory directory;
    private final DumpCycle cycle;
    private ContinuousDump continuous;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<DumpStats> oneshotResult = new CompletableFuture<>();
    private volatile DhtClient client;
    private volatile boolean closed;
    private int tries;

    private DhtDump(final DhtDumpContext context)
    {
        this.context = context;
        this.directory = new DumpDirectory(context.dataDir());
        // A dht-dump killed in the middle of a channel leaves its temporary file behind.
        directory.removeStaleTemporaryFiles();
        this.cycle = new DumpCycle(context, directory);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "dht-dump"));
    }

    /**
     * Checks the settings and starts dumping.
     *
     * @param context settings.
     * @return the running dumper.
     */
    public static DhtDump launch(final DhtDumpContext context)
    {
        context.conclude();
        final DhtDump dump = new DhtDump(context);
        if (DhtDumpContext.Mode.CONTINUOUS == context.mode())
        {
            final ContinuousContext continuous = context.continuous();
            LOG.log(Level.INFO, "dht-dump starting in continuous mode: node {0} (neo port {1,number,#}), data_dir " +
                "{2}, log_flush_ms {3}, compact_log_kb {4,number,#}, compact_max_mb_s {5,number,#}, " +
                "channel_poll_s {6}", context.node(), continuous.neoPort(), context.dataDir().toAbsolutePath(),
                continuous.flushInterval().toMillis(), continuous.compactLogBytes() / 1024,
                continuous.compactBytesPerSecond() / (1024 * 1024), continuous.channelPoll().toSeconds());
            dump.continuous = ContinuousDump.start(context, dump.directory);
            return dump;
        }
        LOG.log(Level.INFO, "dht-dump starting: node {0}, data_dir {1}, {2}, keep_generations {3}", context.node(),
            context.dataDir().toAbsolutePath(), context.oneshot() ? "one-shot, at most " + context.maxTries() +
            (1 == context.maxTries() ? " try" : " tries") : "period " + context.period().toSeconds() + " s",
                context.keepGenerations());
        if (context.oneshot())
        {
            dump.schedule(Duration.ZERO);
        }
        else
        {
            // Spread the cycles of the nodes of one host over the period, as the original does.
            final Duration delay = Duration.ofMillis(ThreadLocalRandom.current().nextLong(context.period().toMillis()));
            LOG.log(Level.INFO, "first dump cycle in {0} s (random start within the period)", delay.toSeconds());
            dump.schedule(delay);
        }
        return dump;
    }

    /**
     * Waits for a one-shot run to end.
     *
     * @return the successful cycle.
     * @throws OneshotFailedException with a one-line reason when every try failed or the run was closed.
     * @throws InterruptedException   when interrupted while waiting.
     */
    public DumpStats awaitOneshot() throws InterruptedException
    {
        try
        {
            return oneshotResult.get();
        }
        catch (final ExecutionException ex)
        {
            throw (OneshotFailedException)ex.getCause();
        }
    }

    /**
     * Stops: no further cycle starts, a cycle in progress is cut off (its temporary file deleted, the previous
     * dump kept), the connection closed.
     */
    @Override
    public void close()
    {
        closed = true;
        if (null != continuous)
        {
            continuous.close();
        }
        timer.shutdownNow();
        final DhtClient current = client;
        if (null != current)
        {
            current.close();
        }
        try
        {
            if (!timer.awaitTermination(1, TimeUnit.MINUTES))
            {
                LOG.log(Level.WARNING, "dump cycle did not stop within a minute");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        oneshotResult.completeExceptionally(new OneshotFailedException("stopped before a cycle succeeded"));
    }

    /**
     * @return in continuous mode, the channels whose snapshot is on disk and whose changes are followed; empty in
     *         periodic mode.
     */
    public Set<String> followedChannels()
    {
        return null == continuous ? Set.of() : continuous.syncedChannels();
    }

    /**
     * @return in continuous mode, the snapshots (full GetAlls of a channel) completed since start; 0 in periodic
     *         mode.
     */
    public long snapshots()
    {
        return null == continuous ? 0 : continuous.snapshots();
    }

    /**
     * @return in continuous mode, the compactions completed since start; 0 in periodic mode.
     */
    public long compactions()
    {
        return null == continuous ? 0 : continuous.compactions();
    }

    private void attempt()
    {
        if (closed)
        {
            return;
        }
        final DhtClient connected;
        try
        {
            connected = connectedClient();
        }
        catch (final RuntimeException ex)
        {
            afterFailure("handshake with " + context.node() + " failed: " + ex.getMessage(),
                context.handshakeRetryWait());
            return;
        }
        final DumpStats stats;
        try
        {
            stats = cycle.run(connected);
        }
        catch (final RuntimeException ex)
        {
            // A cycle reports its failures in its stats; anything else is a fault, but must not stop the dumps.
            LOG.log(Level.ERROR, "dump cycle failed unexpectedly", ex);
            afterFailure("dump cycle failed: " + ex, context.retryWait());
            return;
        }
        writeStats(stats);
        if (!stats.isSuccess())
        {
            afterFailure(stats.failureReason(), context.retryWait());
        }
        else if (context.oneshot())
        {
            oneshotResult.complete(stats);
        }
        else
        {
            final Duration remaining = context.period().minusMillis(stats.durationMillis());
            schedule(remaining.compareTo(context.minWait()) < 0 ? context.minWait() : remaining);
        }
    }

    private void afterFailure(final String failure, final Duration wait)
    {
        tries++;
        if (context.oneshot() && tries >= context.maxTries())
        {
            LOG.log(Level.ERROR, "{0}; giving up after {1} {2}", failure, tries, 1 == tries ? "try" : "tries");
            oneshotResult.completeExceptionally(new OneshotFailedException(
                "gave up after " + tries + (1 == tries ? " try: " : " tries: ") + failure));
            return;
        }
        LOG.log(Level.ERROR, "{0}; retrying in {1} ms", failure, wait.toMillis());
        schedule(wait);
    }

    private DhtClient connectedClient()
    {
        if (null == client)
        {
            client = DhtClient.connect(List.of(context.node()), new DhtClientContext()
                .connectionsPerNode(1)
                .readTimeout(context.timeout())
                .allowRangeGaps(true));
            LOG.log(Level.INFO, "connected to {0}", context.node());
        }
        return client;
    }

    private void writeStats(final DumpStats stats)
    {
        if (null == context.statsFile())
        {
            return;
        }
        try
        {
            stats.appendStatsLine(context.statsFile());
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "cannot write stats to {0}: {1}", context.statsFile(), ex.getMessage());
        }
    }

    private void schedule(final Duration wait)
    {
        try
        {
            timer.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final RejectedExecutionException ex)
        {
            // Closed meanwhile: nothing more to run.
        }
    }

    /**
     * A one-shot run ended without a successful cycle.
     */
    public static final class OneshotFailedException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        /**
         * @param reason one line.
         */
        public OneshotFailedException(final String reason)
        {
            super(reason);
        }
    }
}
