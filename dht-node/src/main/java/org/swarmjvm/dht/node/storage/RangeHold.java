package org.swarmjvm.dht.node.storage;

import org.swarmjvm.node.request.Reply;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds back the node's answers to GetResponsibleRange while it hands a sub-range over to a neighbour
 * (docs/dht.md, "Moving ranges"): from before the neighbour claims the sub-range until this node has shrunk, so
 * that no client reads this node's old range once the neighbour announces its new one. A held request waits and
 * is woken when the hold ends. Thread-safe: started and ended on the worker, asked on the poller.
 */
public final class RangeHold
{
    private final List<Reply> held = new ArrayList<>();
    private volatile boolean holding;

    /**
     * Starts holding: GetResponsibleRange requests from now on wait for {@link #end()}.
     */
    public synchronized void start()
    {
        holding = true;
    }

    /**
     * @param reply of a GetResponsibleRange request about to read the range.
     * @return true when the request is to wait: {@code reply} is woken when the hold ends.
     */
    public boolean holds(final Reply reply)
    {
        if (!holding)
        {
            return false;
        }
        synchronized (this)
        {
            if (!holding)
            {
                return false;
            }
            if (!held.contains(reply))
            {
                held.add(reply);
            }
            return true;
        }
    }

    /**
     * @param reply of a held request whose connection closed: not to be woken.
     */
    public synchronized void forget(final Reply reply)
    {
        held.remove(reply);
    }

    /**
     * Ends the hold and wakes the held requests; the range they read is the one set before this call.
     */
    public void end()
    {
        final List<Reply> woken;
        synchronized (this)
        {
            holding = false;
            woken = List.copyOf(held);
            held.clear();
        }
        woken.forEach(Reply::wake);
    }
}
