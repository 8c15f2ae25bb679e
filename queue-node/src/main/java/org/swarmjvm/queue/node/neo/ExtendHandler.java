package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.queue.node.storage.QueueOperations;

import java.util.concurrent.TimeUnit;

/**
 * Extend v0: the running lease ends the given millis from now. See {@link LeaseRequestHandler}.
 */
final class ExtendHandler extends LeaseRequestHandler
{
    ExtendHandler(final QueueOperations operations)
    {
        super(operations, "Extend", true);
    }

    @Override
    protected boolean apply(
        final DirectBuffer buffer, final int offset, final int length, final long leaseId, final long leaseMillis)
    {
        return operations.extend(
            buffer, offset, length, leaseId, TimeUnit.MILLISECONDS.toNanos(leaseMillis), System.nanoTime());
    }
}
