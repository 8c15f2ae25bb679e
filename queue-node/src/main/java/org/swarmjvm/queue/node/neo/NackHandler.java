package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.queue.node.storage.QueueOperations;

/**
 * Nack v0: the leased record is ready again at the head of its channel, or dead-lettered after the node's
 * maximum of deliveries. See {@link LeaseRequestHandler}.
 */
final class NackHandler extends LeaseRequestHandler
{
    NackHandler(final QueueOperations operations)
    {
        super(operations, "Nack", false);
    }

    @Override
    protected boolean apply(
        final DirectBuffer buffer, final int offset, final int length, final long leaseId, final long leaseMillis)
    {
        return operations.nack(buffer, offset, length, leaseId);
    }
}
