package org.swarmjvm.dht.dump;

import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.tcm.ChangeLogReader;
import org.swarmjvm.protocol.dht.tcm.ChangeLogWriter;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoCredentials;
import org.swarmjvm.protocol.neo.dht.DhtNeoClient;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The continuous mode ({@code [Dump] mode = continuous}): every channel of the node followed by a
 * {@link ChannelFollower} into its change logs beside the {@code .tcm} files, the logs forced to disk every
 * {@code log_flush_ms} (at most a second), and compacted into the dumps in the background by
 * {@link LogCompaction} once a log holds {@code compact_log_kb}, and right after each snapshot. Each channel gets a
 * fresh snapshot every {@code period_s}: the writes the node does not report to a Mirror (PutBatch, records
 * arriving by Redistribute) reach the dump within that period, as in the periodic mode.
 * <p>
 * Three threads: {@code dht-dump} connects (legacy port for GetChannels and GetAll, neo port for the Mirrors,
 * retried every 2 s), lists the node's channels every {@code channel_poll_s} (new ones followed, gone ones moved
 * to {@code deleted/}), resyncs the channels that need it and hands full logs to the compaction;
 * {@code dht-dump-flush} forces the logs; {@code dht-dump-compaction} compacts. A lost connection (the node
 * restarted) stops every follower; once reconnected each is followed afresh with a full GetAll.
 * <p>
 * At start, a torn tail of a channel's newest log (dht-dump was killed while writing) is cut back, one log line
 * each.
 */
final class ContinuousDump implements AutoCloseable
{
    private static final Logger LOG = System.getLogger(ContinuousDump.class.getName());
    private static final long TICK_MILLIS = 50;

    private final DhtDumpContext context;
    private final ContinuousContext settings;
    private final DumpDirectory directory;
    private final Map<String, ChannelFollower> followers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService supervisor =
        Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "dht-dump"));
    private final ScheduledExecutorService flusher =
        Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "dht-dump-flush"));
    private final ExecutorService compactor =
        Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "dht-dump-compaction"));
    private final LogCompaction compaction;
    private final AtomicLong compactions = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    /** Written by the supervisor only; volatile so that {@link #close()} can close them under a blocked read. */
    private volatile DhtClient legacy;
    private volatile NeoClient neo;
    private volatile DhtNeoClient dhtNeo;
    private long nextConnectNanos;
    private long nextChannelPollNanos;
    private volatile boolean closed;

    private ContinuousDump(final DhtDumpContext context, final DumpDirectory directory)
    {
        this.context = context;
        this.settings = context.continuous();
        this.directory = directory;
        this.compaction = new LogCompaction(directory, settings.compactBytesPerSecond());
    }

    /**
     * Cuts back torn log tails, then starts following the node.
     *
     * @param context   settings, concluded, continuous mode.
     * @param directory the dumps' folder, its stale temporary files removed.
     * @return the running dump.
     */
    static ContinuousDump start(final DhtDumpContext context, final DumpDirectory directory)
    {
        final ContinuousDump dump = new ContinuousDump(context, directory);
        dump.cutTornTails();
        dump.supervisor.scheduleWithFixedDelay(dump::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        final long flushMillis = dump.settings.flushInterval().toMillis();
        dump.flusher.scheduleAtFixedRate(dump::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        return dump;
    }

    /**
     * @return the channels whose snapshot is on disk and whose changes are being followed.
     */
    Set<String> syncedChannels()
    {
        final Set<String> synced = new TreeSet<>();
        followers.values().stream().filter(ChannelFollower::isSynced).forEach(f -> synced.add(f.channel()));
        return synced;
    }

    /**
     * @return snapshots (full GetAlls of a channel) completed since start.
     */
    long snapshots()
    {
        return snapshots.get();
    }

    /**
     * @return compactions completed since start.
     */
    long compactions()
    {
        return compactions.get();
    }

    /**
     * Stops following: the logs are forced and closed, a compaction in progress is cut off (its temporary file
     * deleted), the connections closed.
     */
    @Override
    public void close()
    {
        closed = true;
        // Not interrupted: an interrupt would close the log it is writing without its last changes.
        supervisor.shutdown();
        compactor.shutdownNow();
        // Unblocks a GetAll or Mirror start in progress.
        final NeoClient neoConnection = neo;
        final DhtClient legacyConnection = legacy;
        if (null != neoConnection)
        {
            neoConnection.close();
        }
        if (null != legacyConnection)
        {
            legacyConnection.close();
        }
        awaitTermination(supervisor);
        flusher.shutdown();
        awaitTermination(flusher);
        followers.values().forEach(ChannelFollower::stop);
        closeConnections();
        awaitTermination(compactor);
    }

    private void tick()
    {
        if (closed)
        {
            return;
        }
        try
        {
            if (!isConnected())
            {
                reconnect();
                return;
            }
            if (System.nanoTime() - nextChannelPollNanos >= 0)
            {
                pollChannels();
            }
            for (final ChannelFollower follower : followers.values())
            {
                tend(follower);
            }
        }
        catch (final RuntimeException ex)
        {
            if (closed)
            {
                return;
            }
            LOG.log(Level.ERROR, "lost the connection to " + context.node() + ": " + ex.getMessage() +
                "; reconnecting, then following every channel afresh");
            disconnect();
        }
    }

    private void tend(final ChannelFollower follower)
    {
        if (follower.isRemoved())
        {
            removed(follower);
        }
        else if (follower.isResyncNeeded())
        {
            if (!follower.isResyncDue())
            {
                return;
            }
            try
            {
                compact(follower, follower.resync(legacy, dhtNeo, context.timeout()));
                snapshots.incrementAndGet();
            }
            catch (final IOException ex)
            {
                if (closed)
                {
                    return;
                }
                follower.resyncFailed(ex);
                if (!neo.isOpen())
                {
                    throw new IllegalStateException("neo connection closed");
                }
            }
        }
        else
        {
            follower.resyncIfOlderThan(context.period());
            final long closedLog = follower.rotateIfLongerThan(settings.compactLogBytes());
            if (closedLog >= 0)
            {
                compact(follower, closedLog);
            }
        }
    }

    private void compact(final ChannelFollower follower, final long upTo)
    {
        follower.compacting(true);
        try
        {
            compactor.execute(() -> runCompaction(follower, upTo));
        }
        catch (final RejectedExecutionException ex)
        {
            // Closing: the logs stay as they are and are compacted after the next start.
            follower.compacting(false);
        }
    }

    private void runCompaction(final ChannelFollower follower, final long upTo)
    {
        try
        {
            if (compaction.compact(follower.channel(), upTo, follower, follower::isRemoved))
            {
                compactions.incrementAndGet();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            if (!closed)
            {
                LOG.log(Level.ERROR, "compaction of channel " + follower.channel() + " failed; its dump and logs " +
                    "are kept and compacted with the next log", ex);
            }
        }
        finally
        {
            follower.compacting(false);
        }
    }

    private void removed(final ChannelFollower follower)
    {
        synchronized (follower)
        {
            follower.stop();
            directory.moveToDeleted(follower.channel());
        }
        followers.remove(follower.channel());
        LOG.log(Level.INFO, "channel {0} removed from the node: its dump and change logs moved to {1}",
            follower.channel(), directory.deletedFolder());
    }

    private void pollChannels()
    {
        nextChannelPollNanos = System.nanoTime() + settings.channelPoll().toNanos();
        final Set<String> channels = legacy.getChannels();
        for (final String channel : channels)
        {
            followers.computeIfAbsent(channel, name -> new ChannelFollower(name, directory));
        }
        for (final ChannelFollower follower : followers.values())
        {
            if (!channels.contains(follower.channel()))
            {
                follower.markRemoved();
            }
        }
    }

    private void flush()
    {
        for (final ChannelFollower follower : followers.values())
        {
            follower.flush();
        }
    }

    private boolean isConnected()
    {
        return null != neo && neo.isOpen();
    }

    private void reconnect()
    {
        if (null != neo)
        {
            LOG.log(Level.WARNING, "the neo connection to {0} closed (the node stopped?); reconnecting, then " +
                "following every channel afresh", context.node());
            disconnect();
        }
        if (System.nanoTime() - nextConnectNanos < 0)
        {
            return;
        }
        nextConnectNanos = System.nanoTime() + context.handshakeRetryWait().toNanos();
        try
        {
            final byte[] key = NeoCredentials.read(settings.credentialsFile()).get(settings.authName());
            if (null == key)
            {
                throw new IOException("no key for " + settings.authName() + " in " + settings.credentialsFile());
            }
            legacy = DhtClient.connect(List.of(context.node()), new DhtClientContext()
                .connectionsPerNode(1)
                .readTimeout(context.timeout())
                .allowRangeGaps(true));
            neo = NeoClient.connect(context.node().address(), settings.neoPort(), settings.authName(), key);
            dhtNeo = new DhtNeoClient(neo);
            LOG.log(Level.INFO, "connected to {0} (neo port {1,number,#} as {2}): following its channels",
                context.node(), settings.neoPort(), settings.authName());
            nextChannelPollNanos = System.nanoTime();
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.log(Level.ERROR, "cannot connect to {0}: {1}; retrying in {2} ms", context.node(), ex.getMessage(),
                context.handshakeRetryWait().toMillis());
            closeConnections();
        }
    }

    private void disconnect()
    {
        followers.values().forEach(ChannelFollower::disconnected);
        closeConnections();
    }

    private void closeConnections()
    {
        if (null != neo)
        {
            neo.close();
            neo = null;
            dhtNeo = null;
        }
        if (null != legacy)
        {
            legacy.close();
            legacy = null;
        }
    }

    /**
     * A kill while a log was written leaves a torn last entry in the channel's newest log: cut back to the whole
     * entries, so that the next writes follow them. Damage in an older log is reported; the node's replay stops
     * there.
     */
    private void cutTornTails()
    {
        for (final Map.Entry<String, List<Path>> channel : directory.changeLogsByChannel().entrySet())
        {
            final List<Path> logs = channel.getValue();
            for (int i = 0; i < logs.size(); i++)
            {
                final Path log = logs.get(i);
                try (ChangeLogReader reader = ChangeLogReader.open(log))
                {
                    long entries = 0;
                    while (reader.next())
                    {
                        entries++;
                    }
                    if (null == reader.damage())
                    {
                        continue;
                    }
                    if (i < logs.size() - 1)
                    {
                        LOG.log(Level.ERROR, "change log {0} is damaged ({1}), and newer logs follow it: the node " +
                            "replays channel {2} only up to the damage", log, reader.damage(), channel.getKey());
                        continue;
                    }
                    if (0 == reader.validLength())
                    {
                        Files.delete(log);
                    }
                    else
                    {
                        ChangeLogWriter.append(log, reader.validLength()).close();
                    }
                    LOG.log(Level.WARNING, "change log {0}: torn tail cut back from {1,number,#} to {2,number,#} " +
                        "bytes after {3,number,#} whole entries ({4})", log, reader.fileSize(), reader.validLength(),
                        entries, reader.damage());
                }
                catch (final IOException ex)
                {
                    LOG.log(Level.ERROR, "cannot check change log " + log, ex);
                }
            }
        }
    }

    private static void awaitTermination(final ExecutorService executor)
    {
        try
        {
            if (!executor.awaitTermination(1, TimeUnit.MINUTES))
            {
                LOG.log(Level.WARNING, "a dht-dump thread did not stop within a minute");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
