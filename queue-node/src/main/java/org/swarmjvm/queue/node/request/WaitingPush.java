package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;

import java.util.concurrent.Executor;

/**
 * The wake-up of a legacy push request that waits: for the blocking worker to back the ring pages its record needs,
 * or behind another push that waits (see {@link org.swarmjvm.queue.node.storage.QueueOperations#push}). One per
 * handler, reused, so waiting allocates nothing.
 */
final class WaitingPush implements Runnable
{
    private final Executor worker;
    /** Set on the poller thread before the push is asked, read where the wake-up runs (the worker or the poller). */
    private volatile Reply reply;
    /** Poller thread: the request answered WAIT and was not run again since. */
    private boolean parked;

    /**
     * @param worker the node's blocking worker.
     */
    WaitingPush(final Executor worker)
    {
        this.worker = worker;
    }

    /**
     * The request runs (again): it asks for its push now.
     *
     * @param reply the request's connection, to wake.
     * @return the node's blocking worker, for the push.
     */
    Executor asking(final Reply reply)
    {
        this.reply = reply;
        parked = false;
        return worker;
    }

    /**
     * @return {@link Progress#WAIT}: the request runs again when woken.
     */
    Progress park()
    {
        parked = true;
        return Progress.WAIT;
    }

    /**
     * The request ended (its connection closed).
     */
    void ended()
    {
        parked = false;
    }

    /**
     * @return true while the request waits, see {@link org.swarmjvm.node.request.RequestHandler#isWaitingForWork()}:
     * for work that ends by itself, the worker's or that of the push it waits behind.
     */
    boolean isParked()
    {
        return parked;
    }

    @Override
    public void run()
    {
        reply.wake();
    }
}
