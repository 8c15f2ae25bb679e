package org.swarmjvm.dht.node.neo;

import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.neo.NeoPayloadReader;

/**
 * Base of the DHT's neo request handlers: the storage, a payload reader, and the checks every request shares.
 * Arguments that fail to parse after the {@code fd} status close the connection (the original silently abandoned
 * the request, leaving the client waiting).
 */
abstract class DhtNeoHandler extends NeoRequest
{
    protected final DhtNeoEngine engine;
    protected final DhtOperations operations;
    protected final DhtStorage storage;
    protected final NeoPayloadReader reader = new NeoPayloadReader();

    DhtNeoHandler(final DhtNeoEngine engine)
    {
        this.engine = engine;
        this.operations = engine.operations();
        this.storage = operations.storage();
    }

    /**
     * @return true when the array read last is a valid channel name (the legacy rule).
     */
    protected final boolean isValidChannel()
    {
        return ChannelName.isValid(
            reader.buffer(), reader.arrayOffset(), reader.arrayLength(), DhtConst.MAX_CHANNEL_NAME_LENGTH);
    }
}
