package org.swarmjvm.queue.node.storage;

import java.util.ArrayDeque;

/**
 * The pushes that wait, in the order they came: for the ring pages their record needs ({@link RingBacking}), or
 * behind a push that waits. A push goes only when none waits before it, so records are stored in the order their
 * requests arrived, as when nothing waits: the neo requests a client sends on one connection run side by side,
 * and a later one must not overtake one that waits for the worker. One for the node, on the poller thread.
 */
final class PushOrder
{
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

    /**
     * Puts a push in the line when another waits before it.
     *
     * @param push the request's wake-up, run when its turn comes.
     * @return true when it must wait: another push waits before it.
     */
    boolean waitsBehindAnother(final Runnable push)
    {
        final Runnable head = waiting.peekFirst();
        if (null == head || head == push)
        {
            return false;
        }
        waitInLine(push);
        return true;
    }

    /**
     * Puts a push in the line, unless it is in it.
     *
     * @param push the request's wake-up, run when its turn comes.
     */
    void waitInLine(final Runnable push)
    {
        if (waiting.peekFirst() != push && !waiting.contains(push))
        {
            waiting.addLast(push);
        }
    }

    /**
     * A push was answered, or its request ended: the next in line, if any, is woken.
     *
     * @param push the request's wake-up.
     */
    void done(final Runnable push)
    {
        if (waiting.peekFirst() == push)
        {
            waiting.pollFirst();
            final Runnable next = waiting.peekFirst();
            if (null != next)
            {
                next.run();
            }
        }
        else if (!waiting.isEmpty())
        {
            waiting.remove(push);
        }
    }
}
