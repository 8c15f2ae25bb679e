package org.swarmjvm.node.net;

import java.nio.channels.SelectionKey;

/**
 * What every key of the {@link Poller}'s selector carries, a {@link Listener} or a connection: it handles its own
 * readiness, so the poller serves every protocol the same way.
 */
public interface SelectionHandler
{
    /**
     * Called on the poller thread when the key is ready.
     *
     * @param key the ready key.
     */
    void onSelected(SelectionKey key);
}
