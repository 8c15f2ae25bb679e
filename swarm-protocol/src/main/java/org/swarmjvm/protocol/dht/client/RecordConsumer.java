package org.swarmjvm.protocol.dht.client;

/**
 * Receives the records of GetAll, GetAllFilter and Listen.
 */
@FunctionalInterface
public interface RecordConsumer
{
    /**
     * @param key   of the record.
     * @param value of the record; the consumer owns the array.
     */
    void accept(long key, byte[] value);
}
