package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.queue.node.storage.QueueOperations;

/**
 * Ack v0: the leased record is dropped for good. See {@link LeaseRequestHandler}.
 */
final class AckHandler extends LeaseRequestHandler
{
    AckHandler(final QueueOperations operations)
    {
        super(operations, "Ack", false);
    }

    @Override
    protected boolean apply(
        final DirectBuffer buffer, final int offset, final int length, final long leaseId, final long leaseMillis)
    {
        return operations.ack(buffer, offset, length, leaseId);
    }
}
