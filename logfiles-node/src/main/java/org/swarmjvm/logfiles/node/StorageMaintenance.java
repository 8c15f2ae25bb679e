package org.swarmjvm.logfiles.node;

import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.work.ParkingIdleStrategy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The storage's timers, on their own thread: every {@code write_flush_ms} the write buffers go to the files, every
 * {@code checkpoint_commit_seconds} the buckets are synced and the checkpoint committed. A failure is logged once
 * per kind until the next success, and retried at the next period. Between two timers the thread parks until the
 * next one is due ({@link WaitForDeadline}), not waking every millisecond to find nothing to do.
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
    private volatile boolean closing;

    StorageMaintenance(final LogfilesStorage storage, final Duration flush, final Duration commit)
    {
        this.storage = storage;
        this.flushNanos = flush.toNanos();
        this.commitNanos = commit.toNanos();
        final long now = System.nanoTime();
        this.nextFlush = now + flushNanos;
        this.nextCommit = now + commitNanos;
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
        final StorageMaintenance timers = new StorageMaintenance(storage, flush, commit);
        final AgentRunner runner = new AgentRunner(timers.idleStrategy(),
            ex -> LOG.log(System.Logger.Level.ERROR, "storage timer failed", ex), null, timers);
        final Thread thread = AgentRunner.startOnThread(runner);
        return () ->
        {
            timers.closing = true;
            LockSupport.unpark(thread);
            CloseHelper.close(runner);
        };
    }

    /**
     * @return how the timer thread waits between timers.
     */
    IdleStrategy idleStrategy()
    {
        return new WaitForDeadline();
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

    /**
     * @return nanoseconds until the next timer is due; zero or less when one is.
     */
    private long nanosToNextTimer()
    {
        final long now = System.nanoTime();
        return Math.min(nextFlush - now, nextCommit - now);
    }

    /**
     * Parks until the next timer is due, or until the timers are stopped: a park that returns early (an unpark
     * before it, a spurious return) parks again for what is left.
     */
    private final class WaitForDeadline extends ParkingIdleStrategy
    {
        @Override
        public void idle()
        {
            long nanos;
            while (!closing && (nanos = nanosToNextTimer()) > 0)
            {
                LockSupport.parkNanos(this, nanos);
            }
        }
    }
}
