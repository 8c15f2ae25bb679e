package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.node.request.Reply;

/**
 * Disk work of one request, run on the node's blocking worker; it wakes the request's connection when done.
 * <p>
 * A task works only on what it owns (copies of the request's fields, its own buffers), never on the connection's
 * buffers: a client that vanishes mid-request gives its connection slot to the next client while the task may
 * still run. Such a task is {@link #cancel() cancelled}: it wakes nobody, and its handler takes a fresh task for
 * the next request.
 */
public abstract class DiskTask implements Runnable
{
    private static final System.Logger LOG = System.getLogger(DiskTask.class.getName());

    private volatile boolean done;
    private volatile boolean cancelled;
    private volatile Exception failure;
    private Reply reply;
    private NeoRequest neoRequest;

    /**
     * Does the work; called on the worker thread.
     *
     * @throws Exception reported through {@link #failure()}.
     */
    protected abstract void work() throws Exception;

    /**
     * Marks the task as queued for a request.
     *
     * @param reply to wake when done.
     */
    final void queued(final Reply reply)
    {
        this.reply = reply;
        this.neoRequest = null;
        this.cancelled = false;
        this.done = false;
        this.failure = null;
    }

    /**
     * Marks the task as queued for a neo request.
     *
     * @param request to wake when done.
     */
    public final void queued(final NeoRequest request)
    {
        queued((Reply)null);
        this.neoRequest = request;
    }

    @Override
    public final void run()
    {
        try
        {
            if (!cancelled)
            {
                work();
            }
        }
        catch (final RuntimeException | Error ex)
        {
            LOG.log(System.Logger.Level.ERROR, "disk task failed", ex);
            failure = new IllegalStateException(ex);
        }
        catch (final Exception ex)
        {
            failure = ex;
        }
        finally
        {
            final boolean wake;
            synchronized (this)
            {
                done = true;
                wake = !cancelled;
                if (cancelled)
                {
                    release();
                }
            }
            if (wake)
            {
                wakeRequest();
            }
        }
    }

    /**
     * Wakes the request before the run ends, for a task whose result comes in steps (a batch of a stream); nobody
     * once the task is cancelled.
     */
    protected final void wakeBeforeDone()
    {
        synchronized (this)
        {
            if (cancelled)
            {
                return;
            }
        }
        wakeRequest();
    }

    /**
     * @return true once the request was aborted: a run in steps stops at the next one.
     */
    protected final boolean isCancelled()
    {
        return cancelled;
    }

    private void wakeRequest()
    {
        if (null != neoRequest)
        {
            neoRequest.wake();
        }
        else
        {
            reply.wake();
        }
    }

    /**
     * Releases what the task holds (open files) once it is cancelled and not running; called exactly once, on
     * whichever thread sees both.
     */
    protected void release()
    {
    }

    /**
     * @return true once the work has finished, successfully or not.
     */
    public final boolean isDone()
    {
        return done;
    }

    /**
     * @return what the work threw, or {@code null}.
     */
    public final Exception failure()
    {
        return failure;
    }

    /**
     * The request was aborted: the task wakes nobody and its results are dropped.
     */
    public final synchronized void cancel()
    {
        cancelled = true;
        if (done)
        {
            release();
        }
    }
}
