package org.swarmjvm.logfiles.node;

import org.agrona.concurrent.Agent;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;

import java.io.IOException;
import java.time.Duration;

/**
 * The storage's timers, on their own thread: every {@code write_flush_ms} the write buffers go to the files, every
 * {@code checkpoint_commit_seconds} the buckets are synced and the checkpoint committed. A failure is logged once
 * per kind until the next success, and retried at the next period.
 */
final class StorageMaintenance implements Agent
{
    private static final System.Logger LOG = System.getLogger(StorageMaintenance.class.getName());

    private final LogfilesStorage storage;
    private final long flushNanos;
    private final long commitNanos;
    private long nextFlush;
    private long nextCommit;
    private boolean flushFailing;
    private boolean commitFailing;

    StorageMaintenance(final LogfilesStorage storage, final Duration flush, final Duration commit)
    {
        this.storage = storage;
        this.flushNanos = flush.toNanos();
        this.commitNanos = commit.toNanos();
        final long now = System.nanoTime();
        this.nextFlush = now + flushNanos;
        this.nextCommit = now + commitNanos;
    }

    @Override
    public int doWork()
    {
        final long now = System.nanoTime();
        int work = 0;
        if (now - nextCommit >= 0)
        {
            nextCommit = now + commitNanos;
            nextFlush = now + flushNanos;
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
            work++;
        }
        else if (now - nextFlush >= 0)
        {
            nextFlush = now + flushNanos;
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
            work++;
        }
        return work;
    }

    @Override
    public String roleName()
    {
        return "logfiles-storage-timers";
    }
}
