package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.storage.QueueOperations;

import java.util.concurrent.TimeUnit;

/**
 * Ack, Nack and Extend v0 (ours, leased delivery): {@code ARRAY(channel) | u64 lease id}, then for Extend
 * {@code u64 lease millis}, parsed exactly. Ack drops the leased record; Nack gives it back (at the head of its
 * channel, or to the dead-letter channel after the node's maximum of deliveries); Extend makes the lease end the
 * given millis from now. {@code Done}; {@code Unknown} when the channel has no running lease of that id (never
 * given, expired, acked or nacked); {@code Error} for a bad name or lease.
 */
final class LeaseRequestHandler extends QueueNeoHandler
{
    private final int code;

    /**
     * @param operations the queue's.
     * @param code       {@link QueueNeoRequest#ACK}, {@link QueueNeoRequest#NACK} or {@link QueueNeoRequest#EXTEND}.
     */
    LeaseRequestHandler(final QueueOperations operations, final int code)
    {
        super(operations);
        this.code = code;
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean extend = QueueNeoRequest.EXTEND == code;
        final String request = QueueNeoRequest.ACK == code ? "Ack" : extend ? "Extend" : "Nack";
        if (!readChannel(request) || !hasExactly((extend ? 2 : 1) * Long.BYTES, request))
        {
            return;
        }
        final long leaseId = reader.readLong();
        final long leaseMillis = extend ? reader.readLong() : QueueOperations.MIN_LEASE_MILLIS;
        if (!isValidChannel() || !QueueOperations.isValidLease(leaseMillis))
        {
            answer(QueueNeoRequest.LEASE_ERROR);
            return;
        }
        answer(apply(buffer, channelOffset(), channelLength(), leaseId, leaseMillis) ?
            QueueNeoRequest.LEASE_DONE : QueueNeoRequest.LEASE_UNKNOWN);
    }

    private boolean apply(
        final DirectBuffer buffer, final int offset, final int length, final long leaseId, final long leaseMillis)
    {
        switch (code)
        {
            case QueueNeoRequest.ACK:
                return operations.ack(buffer, offset, length, leaseId);
            case QueueNeoRequest.NACK:
                return operations.nack(buffer, offset, length, leaseId);
            default:
                return operations.extend(buffer, offset, length, leaseId,
                    TimeUnit.MILLISECONDS.toNanos(leaseMillis), System.nanoTime());
        }
    }
}
