package org.swarmjvm.protocol.dht.client;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Whether the client has reason to think ranges are moving, which decides whether a miss is worth a question to the
 * node (docs/dht.md, "Clients during a move"). The signs: a single-key request answered WrongNode or failing, a
 * handshake that changed the routing, and the node source naming a node the client does not know or answering
 * otherwise than the time before. Each sign opens a window of {@link DhtClientContext#moveWindow()}; a sign seen
 * inside it pushes its end back. Thread-safe: the window's end is one volatile field, and two threads seeing the
 * same change of the node source only open the window twice.
 */
final class MoveSigns
{
    private final long windowNanos;
    private final Supplier<List<NodeAddress>> nodeSource;
    private final Predicate<List<NodeAddress>> namesUnknownNode;
    private volatile long windowEndNanos;
    private volatile boolean windowOpened;
    /** The node source's last answer; null until it is first asked. */
    private volatile List<NodeAddress> lastNamed;

    /**
     * @param context          the window's length and the node source.
     * @param namesUnknownNode whether a list of nodes names one the client does not know.
     */
    MoveSigns(final DhtClientContext context, final Predicate<List<NodeAddress>> namesUnknownNode)
    {
        this.windowNanos = context.moveWindow().toNanos();
        this.nodeSource = context.nodeSource();
        this.namesUnknownNode = namesUnknownNode;
    }

    /**
     * A sign of a move: the window opens, or ends a full window from now.
     */
    void seen()
    {
        windowEndNanos = System.nanoTime() + windowNanos;
        windowOpened = true;
    }

    /**
     * Asked on a miss: nothing allocated while the window is open, nor when the node source answers as before
     * with the same list (the default source's empty list).
     *
     * @return whether a move may be under way: inside the window, or the node source changed since last asked.
     */
    boolean moveLikely()
    {
        return windowOpen() || namedNodes(nodeSource.get());
    }

    /**
     * Takes note of an answer of the node source (the handshake asks it too, and a change it sees is a sign).
     *
     * @param named the nodes the source names.
     * @return whether the answer is a sign of a move, which is then {@link #seen()}.
     */
    boolean namedNodes(final List<NodeAddress> named)
    {
        final List<NodeAddress> before = lastNamed;
        if (named == before || named.equals(before))
        {
            return false;
        }
        lastNamed = named;
        // The first answer is a sign only when it names a node the client was not connected to.
        if (null != before || namesUnknownNode.test(named))
        {
            seen();
            return true;
        }
        return false;
    }

    private boolean windowOpen()
    {
        return windowOpened && windowEndNanos - System.nanoTime() > 0;
    }
}
