package org.swarmjvm.dht.dump;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.tcm.ChangeLogWriter;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.neo.dht.DhtNeoClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows one channel of the node into its change logs (continuous mode). A {@link #resync} opens a fresh log for
 * the changes, starts a neo Mirror (its changes and deletions go to that log as they arrive, on the connection's
 * reader thread), then writes a full GetAll of the channel, behind a clear, as a snapshot log numbered just before
 * it, under a temporary name renamed once complete: replayed in order, snapshot then changes give the node's
 * channel whatever moment of the GetAll each record was read at, since every change after the Mirror started is
 * in the changes log with the value the node held when it sent it.
 * <p>
 * The logs are written to the file and forced to disk by {@link #flush()}; {@link #rotateIfLongerThan(long)}
 * closes a long changes log and opens the next, so that the closed ones can be compacted. A Mirror that lost
 * updates (the node's queue overflowed) or a log that could not be written asks for a resync; a removed channel
 * gets a clear in its log at once. Changes of a Mirror older than the last resync are dropped.
 */
final class ChannelFollower
{
    private static final Logger LOG = System.getLogger(ChannelFollower.class.getName());
    /** Wait between resyncs while they fail. */
    static final long RETRY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final String channel;
    private final DumpDirectory directory;
    private final UnsafeBuffer valueView = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer snapshotValue = new UnsafeBuffer(new byte[0]);
    /** Guarded by this, as every field below but the volatile ones. */
    private ChangeLogWriter changes;
    private long changesSequence;
    private long nextSequence;
    private int generation;
    private DhtNeoClient.Mirror mirror;
    private volatile boolean resyncNeeded = true;
    private volatile boolean removed;
    private volatile boolean synced;
    private volatile boolean compacting;
    private volatile long syncedNanos;
    /** Since the last write or resync failed, until a resync succeeds: further failures are counted, not logged. */
    private boolean failing;
    private long failedTries;
    private long retryAfterNanos;

    /**
     * @param channel   to follow.
     * @param directory holding its dump and logs; new logs are numbered after the ones there.
     */
    ChannelFollower(final String channel, final DumpDirectory directory)
    {
        this.channel = channel;
        this.directory = directory;
        final List<Path> logs = directory.changeLogs(channel);
        this.nextSequence = logs.isEmpty() ? 0 : sequenceOf(logs.get(logs.size() - 1)) + 1;
    }

    /**
     * @return the channel followed.
     */
    String channel()
    {
        return channel;
    }

    /**
     * @return true once a snapshot is on disk and the changes since are followed.
     */
    boolean isSynced()
    {
        return synced && !resyncNeeded && !removed;
    }

    /**
     * @return true when a full GetAll is needed: at first, after lost updates, a failed write or a reconnect.
     */
    boolean isResyncNeeded()
    {
        return resyncNeeded;
    }

    /**
     * @return true when a resync is needed and, after a failed one, the wait before the next try is over: a full
     * disk costs a try every {@link #RETRY_WAIT_NANOS}, not a GetAll every turn of the supervisor.
     */
    synchronized boolean isResyncDue()
    {
        return resyncNeeded && (!failing || System.nanoTime() - retryAfterNanos >= 0);
    }

    /**
     * Counts a failed resync, logged only when it is the first failure since the channel was last followed.
     *
     * @param ex why it failed.
     */
    synchronized void resyncFailed(final IOException ex)
    {
        reportFailure("cannot follow it: " + ex.getMessage());
    }

    /**
     * @return true once the node said the channel was removed, or it is gone from the node's list.
     */
    boolean isRemoved()
    {
        return removed;
    }

    /**
     * @return true while a compaction of this channel's logs is queued or running.
     */
    boolean isCompacting()
    {
        return compacting;
    }

    /**
     * @param compacting whether a compaction is queued or running.
     */
    void compacting(final boolean compacting)
    {
        this.compacting = compacting;
    }

    /**
     * Starts following afresh: changes log, Mirror, snapshot.
     *
     * @param legacy  connected to the node's legacy port, for the GetAll.
     * @param neo     connected to its neo port, for the Mirror.
     * @param timeout longest wait for the Mirror to start.
     * @return the sequence number of the snapshot log: it and the logs before it can be compacted.
     * @throws IOException when a log cannot be written, or the Mirror does not start.
     */
    long resync(final DhtClient legacy, final DhtNeoClient neo, final Duration timeout) throws IOException
    {
        final long start = System.nanoTime();
        final long snapshotSequence;
        final int mirrorGeneration;
        synchronized (this)
        {
            stop();
            resyncNeeded = false;
            try
            {
                // Numbered only once it exists: a log that cannot be made (a full disk) uses up no number.
                changes = ChangeLogWriter.create(directory.changeLog(channel, nextSequence + 1));
            }
            catch (final IOException ex)
            {
                resyncNeeded = true;
                throw ex;
            }
            snapshotSequence = nextSequence;
            changesSequence = nextSequence + 1;
            nextSequence += 2;
            mirrorGeneration = generation;
            mirror = neo.mirror(channel, false, 0, new Changes(mirrorGeneration));
        }
        try
        {
            awaitStarted(mirror, timeout);
        }
        catch (final IOException ex)
        {
            resyncNeeded = true;
            throw ex;
        }
        final Path target = directory.changeLog(channel, snapshotSequence);
        final Path temporary = target.resolveSibling(target.getFileName() + ".dumping");
        long records = 0;
        try (ChangeLogWriter snapshot = ChangeLogWriter.create(temporary))
        {
            snapshot.clear();
            final long[] count = new long[1];
            try
            {
                legacy.getAll(channel, (key, value) ->
                {
                    if (0 == value.length)
                    {
                        return;
                    }
                    snapshotValue.wrap(value);
                    try
                    {
                        snapshot.put(key, snapshotValue, 0, value.length);
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                    count[0]++;
                });
            }
            catch (final UncheckedIOException ex)
            {
                throw ex.getCause();
            }
            records = count[0];
            snapshot.commitAs(target);
        }
        catch (final IOException | RuntimeException ex)
        {
            Files.deleteIfExists(temporary);
            resyncNeeded = true;
            throw ex;
        }
        syncedNanos = System.nanoTime();
        synced = true;
        LOG.log(Level.INFO, "channel {0} followed: snapshot of {1,number,#} records in {2} ({3,number,#} ms), " +
            "changes into {4}", channel, records, target.getFileName(), (System.nanoTime() - start) / 1_000_000,
            directory.changeLog(channel, changesSequence).getFileName());
        synchronized (this)
        {
            if (failing)
            {
                LOG.log(Level.INFO, "channel {0}: writes succeed again, followed afresh after {1} failed tries",
                    channel, failedTries);
                failing = false;
                failedTries = 0;
            }
        }
        return snapshotSequence;
    }

    /**
     * Asks for a fresh snapshot once the last is older than a period: records stored without a notification to
     * the Mirror (PutBatch, records arriving by Redistribute) reach the logs that way.
     *
     * @param period longest age of a snapshot.
     */
    void resyncIfOlderThan(final Duration period)
    {
        if (synced && System.nanoTime() - syncedNanos > period.toNanos())
        {
            LOG.log(Level.INFO, "channel {0}: snapshot older than period_s, taking a fresh one", channel);
            resyncNeeded = true;
        }
    }

    /**
     * Writes the changes received so far to the log and forces it to disk.
     */
    synchronized void flush()
    {
        if (null == changes)
        {
            return;
        }
        try
        {
            changes.force();
        }
        catch (final IOException ex)
        {
            failed(ex);
        }
    }

    /**
     * Closes the changes log once it is long enough, and opens the next.
     *
     * @param length that makes a log long enough.
     * @return the sequence number of the log closed, or -1 when none was (too short, or none open).
     */
    synchronized long rotateIfLongerThan(final long length)
    {
        if (null == changes || changes.length() < length || compacting || removed)
        {
            return -1;
        }
        final long closed = changesSequence;
        try
        {
            changes.force();
            changes.close();
            changes = null;
            changes = ChangeLogWriter.create(directory.changeLog(channel, nextSequence));
            changesSequence = nextSequence++;
        }
        catch (final IOException ex)
        {
            failed(ex);
            return -1;
        }
        return closed;
    }

    /**
     * Stops following: the Mirror's further changes are dropped, the changes log forced and closed.
     */
    synchronized void stop()
    {
        generation++;
        synced = false;
        if (null != mirror)
        {
            mirror.stop();
            mirror = null;
        }
        if (null != changes)
        {
            try
            {
                changes.force();
                changes.close();
                changes = null;
            }
            catch (final IOException ex)
            {
                failed(ex);
            }
        }
    }

    /**
     * Stops following a channel gone from the node's list, and asks for no resync.
     */
    void markRemoved()
    {
        removed = true;
    }

    /**
     * Asks for a resync, the connection having been lost.
     */
    void disconnected()
    {
        stop();
        resyncNeeded = true;
    }

    /**
     * A write or force of the changes log failed (a full disk): the log is closed, cut back to its whole entries,
     * and the follow dropped, as the changes from here on can no longer reach the disk; the Mirror's further
     * changes are dropped, the next resync stops it and takes a fresh snapshot once writes succeed. So nothing is
     * kept per change while the disk is full. Called holding this follower's lock.
     */
    private void failed(final IOException ex)
    {
        final ChangeLogWriter failedLog = changes;
        changes = null;
        synced = false;
        resyncNeeded = true;
        String left = "";
        if (null != failedLog)
        {
            try
            {
                left = failedLog.abandon() ? "; the log is cut back to its last whole entry" :
                    "; the log held no entry and is deleted";
            }
            catch (final IOException cut)
            {
                left = "; the log cannot be cut back to its last whole entry (" + cut.getMessage() + ")";
            }
        }
        reportFailure("cannot write the change log " + (null == failedLog ? "" : failedLog.path() + " ") + "(" +
            ex.getMessage() + ")" + left);
    }

    private void reportFailure(final String what)
    {
        failedTries++;
        retryAfterNanos = System.nanoTime() + RETRY_WAIT_NANOS;
        if (!failing)
        {
            failing = true;
            LOG.log(Level.ERROR, "channel {0}: {1}; following it afresh (a new snapshot) once writes succeed " +
                "again, trying every {2} ms; further failures are counted, not logged", channel, what,
                TimeUnit.NANOSECONDS.toMillis(RETRY_WAIT_NANOS));
        }
    }

    private static void awaitStarted(final DhtNeoClient.Mirror mirror, final Duration timeout) throws IOException
    {
        try
        {
            mirror.started().get(timeout.isZero() ? Long.MAX_VALUE : timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw new IOException("Mirror did not start: " + ex.getCause().getMessage(), ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            throw new IOException("Mirror did not start within " + timeout.toMillis() + " ms", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the Mirror to start", ex);
        }
    }

    private static long sequenceOf(final Path log)
    {
        final String name = log.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
    }

    /**
     * One Mirror's changes, dropped once a newer resync or a stop started.
     */
    private final class Changes implements DhtNeoClient.MirrorListener
    {
        private final int mirrorGeneration;

        Changes(final int mirrorGeneration)
        {
            this.mirrorGeneration = mirrorGeneration;
        }

        @Override
        public void onRecord(final long key, final byte[] value)
        {
            synchronized (ChannelFollower.this)
            {
                if (mirrorGeneration != generation || null == changes || 0 == value.length)
                {
                    return;
                }
                valueView.wrap(value);
                try
                {
                    changes.put(key, valueView, 0, value.length);
                }
                catch (final IOException ex)
                {
                    failed(ex);
                }
            }
        }

        @Override
        public void onDeleted(final long key)
        {
            synchronized (ChannelFollower.this)
            {
                if (mirrorGeneration != generation || null == changes)
                {
                    return;
                }
                try
                {
                    changes.remove(key);
                }
                catch (final IOException ex)
                {
                    failed(ex);
                }
            }
        }

        @Override
        public void onUpdatesLost()
        {
            LOG.log(Level.WARNING, "channel {0}: the node''s Mirror queue overflowed and changes were lost; " +
                "following it afresh with a full GetAll", channel);
            resyncNeeded = true;
        }

        @Override
        public void onChannelRemoved()
        {
            synchronized (ChannelFollower.this)
            {
                if (mirrorGeneration != generation || null == changes)
                {
                    return;
                }
                removed = true;
                // The Mirror is over (acknowledged by the client): a Stop for its id would be a protocol error.
                mirror = null;
                try
                {
                    changes.clear();
                    changes.force();
                }
                catch (final IOException ex)
                {
                    LOG.log(Level.ERROR, "cannot log the removal of channel " + channel, ex);
                }
            }
        }
    }
}
