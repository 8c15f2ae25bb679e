package org.swarmjvm.protocol.dht.client;

/**
 * Receives the keys of GetAllKeys.
 */
@FunctionalInterface
public interface KeyConsumer
{
    /**
     * @param key of a record.
     */
    void accept(long key);
}
