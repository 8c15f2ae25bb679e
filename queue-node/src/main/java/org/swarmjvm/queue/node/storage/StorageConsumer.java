package org.swarmjvm.queue.node.storage;

/**
 * A Consume attached to a storage. All consumers of one storage share its records: each push wakes the next
 * consumer in turn (round robin) that can take records now, which then drains what it can; one that cannot (its
 * client has not asked for the next batch, or has not read what was sent) drains the storage once it can again.
 */
public interface StorageConsumer
{
    /**
     * A record was pushed to the storage while this consumer was next in turn.
     *
     * @return true when the consumer takes records now; false passes the turn to the next consumer.
     */
    boolean onRecordPushed();

    /**
     * The storage's channel was removed: the Consume ends.
     */
    void onStorageRemoved();
}
