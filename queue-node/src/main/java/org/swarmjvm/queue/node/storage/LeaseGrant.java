package org.swarmjvm.queue.node.storage;

/**
 * What a Take was granted: the lease's id and the record's delivery count. One per handler, filled by
 * {@link QueueOperations#take}, so a Take allocates nothing.
 */
public final class LeaseGrant
{
    private long leaseId;
    private int deliveries;

    void set(final long leaseId, final int deliveries)
    {
        this.leaseId = leaseId;
        this.deliveries = deliveries;
    }

    /**
     * @return the id to ack, nack or extend the lease with.
     */
    public long leaseId()
    {
        return leaseId;
    }

    /**
     * @return how many times the record was handed out by a Take, this one included.
     */
    public int deliveries()
    {
        return deliveries;
    }
}
