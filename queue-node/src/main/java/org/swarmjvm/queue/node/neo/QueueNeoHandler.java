package org.swarmjvm.queue.node.neo;

import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.protocol.neo.NeoPayloadReader;
import org.swarmjvm.queue.node.storage.QueueOperations;

/**
 * Base of the queue's neo request handlers: the store, a payload reader, and the name checks. The original does
 * not check names in neo requests; here channel and subscriber names follow the legacy channel-name rule (they
 * name the dump and overflow files), and a request with a bad name gets its {@code Error} answer.
 */
abstract class QueueNeoHandler extends NeoRequest
{
    protected final QueueOperations operations;
    protected final NeoPayloadReader reader = new NeoPayloadReader();

    QueueNeoHandler(final QueueOperations operations)
    {
        this.operations = operations;
    }

    /**
     * @return true when the array read last is a valid channel name.
     */
    protected final boolean isValidChannel()
    {
        return QueueOperations.isValidName(reader.buffer(), reader.arrayOffset(), reader.arrayLength());
    }
}
