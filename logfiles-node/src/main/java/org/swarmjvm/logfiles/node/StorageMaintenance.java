package org.swarmjvm.logfiles.node;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.work.NodeTimers;

import java.io.IOException;
import java.time.Duration;

/**
 * The storage's timers, on the core's timer agent ({@link NodeTimers}, a thread of their own that parks until the
 * next one is due): every {@code write_flush_ms} the write buffers go to the files, every
 * {@code checkpoint_commit_seconds} the buckets are synced and the checkpoint committed. A failure is logged once
 * per kind until the next success, and retried at the next period.
 * <p>
 * The node's server starts its own timers after the storage is loaded; the engine interface gives it no way to add
 * the storage's to them, so the logfiles node keeps a second instance, stopped with the engine before the storage
 * closes.
 */
final class StorageMaintenance
{
    private static final System.Logger LOG = System.getLogger(StorageMaintenance.class.getName());

    private final LogfilesStorage storage;
    private boolean flushFailing;
    private boolean commitFailing;

    private StorageMaintenance(final LogfilesStorage storage)
    {
        this.storage = storage;
    }

    /**
     * Schedules the storage's timers, not started yet.
     *
     * @param storage to flush and commit.
     * @param flush   period of the write-buffer flush.
     * @param commit  period of the checkpoint commit.
     * @return the timers, for {@link NodeTimers#start()}.
     */
    static NodeTimers schedule(final LogfilesStorage storage, final Duration flush, final Duration commit)
    {
        final StorageMaintenance maintenance = new StorageMaintenance(storage);
        final NodeTimers timers = new NodeTimers("logfiles-storage", System::nanoTime,
            ex -> LOG.log(System.Logger.Level.ERROR, "storage timer failed", ex));
        // The commit first: when both are due, the flush after it finds the buffers it already wrote empty.
        timers.schedule(maintenance::commitCheckpoint, commit.toNanos());
        timers.schedule(maintenance::flush, flush.toNanos());
        return timers;
    }

    /**
     * Starts the timers on a thread of their own.
     *
     * @param storage to flush and commit.
     * @param flush   period of the write-buffer flush.
     * @param commit  period of the checkpoint commit.
     * @return stops them: wakes the thread, waits for it to end.
     */
    static AutoCloseable start(final LogfilesStorage storage, final Duration flush, final Duration commit)
    {
        final NodeTimers timers = schedule(storage, flush, commit);
        timers.start();
        return timers;
    }

    private void commitCheckpoint()
    {
        try
        {
            storage.commitCheckpoint();
            commitFailing = false;
        }
        catch (final IOException | RuntimeException ex)
        {
            if (!commitFailing)
            {
                LOG.log(System.Logger.Level.ERROR, "checkpoint commit failed", ex);
            }
            commitFailing = true;
        }
    }

    private void flush()
    {
        try
        {
            storage.flush();
            flushFailing = false;
        }
        catch (final IOException | RuntimeException ex)
        {
            if (!flushFailing)
            {
                LOG.log(System.Logger.Level.ERROR, "flushing write buffers failed", ex);
            }
            flushFailing = true;
        }
    }
}
