package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.neo.ArgumentsRequest;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.dht.DhtConst;

/**
 * Base of the DHT's neo request handlers: the storage and the channel name rule every request shares.
 * Arguments that fail to parse after the {@code fd} status close the connection (the original silently abandoned
 * the request, leaving the client waiting).
 */
abstract class DhtNeoHandler extends ArgumentsRequest
{
    protected final DhtNeoEngine engine;
    protected final DhtOperations operations;
    protected final DhtStorage storage;

    DhtNeoHandler(final DhtNeoEngine engine)
    {
        this.engine = engine;
        this.operations = engine.operations();
        this.storage = operations.storage();
    }

    /**
     * The legacy rule.
     */
    @Override
    protected final boolean isValidChannelName(final DirectBuffer buffer, final int offset, final int length)
    {
        return ChannelName.isValid(buffer, offset, length, DhtConst.MAX_CHANNEL_NAME_LENGTH);
    }
}
