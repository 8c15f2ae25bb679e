package org.swarmjvm.node.net;

import java.nio.channels.SelectionKey;

/**
 * A selection key attachment that handles its own readiness: lets a second kind of connection (neo) share the
 * poller thread with the legacy connections.
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
