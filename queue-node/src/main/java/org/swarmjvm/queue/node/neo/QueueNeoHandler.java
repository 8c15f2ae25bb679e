package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.neo.ArgumentsRequest;
import org.swarmjvm.queue.node.storage.QueueOperations;

/**
 * Base of the queue's neo request handlers: the store and the name rule. The original does
 * not check names in neo requests; here channel and subscriber names follow the legacy channel-name rule (they
 * name the dump and overflow files), and a request with a bad name gets its {@code Error} answer.
 */
abstract class QueueNeoHandler extends ArgumentsRequest
{
    protected final QueueOperations operations;

    QueueNeoHandler(final QueueOperations operations)
    {
        this.operations = operations;
    }

    @Override
    protected final boolean isValidChannelName(final DirectBuffer buffer, final int offset, final int length)
    {
        return QueueOperations.isValidName(buffer, offset, length);
    }
}
