package org.swarmjvm.logfiles.node;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.work.NodeTimers;

import java.io.IOException;
import java.time.Duration;

/**
 * The storage's timers, on the node's timer agent ({@link NodeTimers}, the thread that writes the stats line and
 * parks until the next task is due): every {@code write_flush_ms} the write buffers go to the files, every
 * {@code checkpoint_commit_seconds} the buckets are synced and the checkpoint committed. A failure is logged once
 * per kind until the next success, and retried at the next period. The server stops its timers before it closes
 * the engine, so no flush runs beside the storage's close.
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
     * Schedules the storage's timers.
     *
     * @param timers  of the node, not started yet.
     * @param storage to flush and commit.
     * @param flush   period of the write-buffer flush.
     * @param commit  period of the checkpoint commit.
     */
    static void schedule(final NodeTimers timers, final LogfilesStorage storage, final Duration flush,
        final Duration commit)
    {
        final StorageMaintenance maintenance = new StorageMaintenance(storage);
        // The commit first: when both are due, the flush after it finds the buffers it already wrote empty.
        timers.schedule(maintenance::commitCheckpoint, commit.toNanos());
        timers.schedule(maintenance::flush, flush.toNanos());
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
