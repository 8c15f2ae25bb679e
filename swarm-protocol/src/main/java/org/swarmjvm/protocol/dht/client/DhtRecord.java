package org.swarmjvm.protocol.dht.client;

/**
 * A record to send in a PutBatch.
 *
 * @param key   of the record.
 * @param value of the record, not empty.
 */
public record DhtRecord(long key, byte[] value)
{
}
