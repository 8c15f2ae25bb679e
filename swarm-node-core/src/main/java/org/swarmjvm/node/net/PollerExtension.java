package org.swarmjvm.node.net;

import java.nio.channels.Selector;

/**
 * A second listener run by the same poller thread (the neo listener): it registers its channels with the poller's
 * selector, attaching {@link SelectionHandler}s, and gets a turn on every cycle.
 */
public interface PollerExtension
{
    /**
     * Called once on the poller thread before the first cycle.
     *
     * @param selector the poller's selector.
     */
    void onStart(Selector selector);

    /**
     * Called on every cycle, at least every 100 ms.
     *
     * @return work done, 0 for none.
     */
    int doWork();

    /**
     * Called on the poller thread when the node stops: close every channel.
     */
    void onClose();
}
