package org.swarmjvm.queue.node.storage;

/**
 * A Consume attached to a storage. All consumers of one storage share its records: each push wakes the next
 * consumer in turn (round robin), which then drains what it can.
 */
public interface StorageConsumer
{
    /**
     * A record was pushed to the storage while this consumer was next in turn.
     */
    void onRecordPushed();

    /**
     * The storage's channel was removed: the Consume ends.
     */
    void onStorageRemoved();
}
