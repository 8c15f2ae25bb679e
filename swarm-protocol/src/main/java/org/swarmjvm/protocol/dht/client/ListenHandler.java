package org.swarmjvm.protocol.dht.client;

/**
 * Receives a Listen stream, on the listener's reader thread of each node.
 */
public interface ListenHandler extends RecordConsumer
{
    /**
     * The node ended its stream because the channel was removed.
     *
     * @param node whose stream ended.
     */
    default void onEnd(final NodeAddress node)
    {
    }

    /**
     * The stream of a node broke (connection lost, unreadable data); not called after {@link Listener#close()}.
     *
     * @param node  whose stream broke.
     * @param error what happened.
     */
    default void onError(final NodeAddress node, final RuntimeException error)
    {
    }
}
