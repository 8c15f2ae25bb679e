package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.storage.QueueOperations;

/**
 * Base of Ack, Nack and Extend v0 (ours, leased delivery): {@code ARRAY(channel) | u64 lease id}, then the new
 * lease's millis for Extend, parsed exactly. {@code Done}, {@code Unknown} when the channel has no running lease of
 * that id (never given, expired, acked or nacked), {@code Error} for a bad name or lease.
 */
abstract class LeaseRequestHandler extends QueueNeoHandler
{
    private final String request;
    private final boolean hasLeaseMillis;

    LeaseRequestHandler(final QueueOperations operations, final String request, final boolean hasLeaseMillis)
    {
        super(operations);
        this.request = request;
        this.hasLeaseMillis = hasLeaseMillis;
    }

    @Override
    protected final void onStart(final DirectBuffer buffer, final int offset, final int length)
    {
        reader.wrap(buffer, offset, length);
        if (!reader.readArray() || (hasLeaseMillis ? 2 : 1) * Long.BYTES != reader.remaining())
        {
            malformed(request);
            return;
        }
        final long leaseId = reader.readLong();
        final long leaseMillis = hasLeaseMillis ? reader.readLong() : QueueOperations.MIN_LEASE_MILLIS;
        if (!isValidChannel() || !QueueOperations.isValidLease(leaseMillis))
        {
            answer(QueueNeoRequest.LEASE_ERROR);
            return;
        }
        answer(apply(buffer, reader.arrayOffset(), reader.arrayLength(), leaseId, leaseMillis) ?
            QueueNeoRequest.LEASE_DONE : QueueNeoRequest.LEASE_UNKNOWN);
    }

    /**
     * @param buffer      holding the channel name, valid.
     * @param offset      of the name.
     * @param length      of the name.
     * @param leaseId     the lease.
     * @param leaseMillis the new lease (Extend), valid.
     * @return false when the channel has no running lease of that id.
     */
    protected abstract boolean apply(DirectBuffer buffer, int offset, int length, long leaseId, long leaseMillis);
}
