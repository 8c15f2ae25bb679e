package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
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
    protected final DhtStorage storage;
    protected final NeoPayloadReader reader = new NeoPayloadReader();

    DhtNeoHandler(final DhtNeoEngine engine)
    {
        this.engine = engine;
        this.storage = engine.storage();
    }

    /**
     * @return true when the array read last is a valid channel name (the legacy rule).
     */
    protected final boolean isValidChannel()
    {
        return ChannelName.isValid(
            reader.buffer(), reader.arrayOffset(), reader.arrayLength(), DhtConst.MAX_CHANNEL_NAME_LENGTH);
    }

    /**
     * Sends a one-byte answer and ends the request.
     *
     * @param status the answer.
     */
    protected final void answer(final int status)
    {
        sendByte(status);
        finish();
    }

    /**
     * Closes the connection for arguments that do not parse.
     *
     * @param request name of the request.
     */
    protected final void malformed(final String request)
    {
        protocolError("malformed " + request + " arguments");
    }

    /**
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return the one-byte control message type, or -1 when the message is not exactly one byte.
     */
    protected static int controlType(final DirectBuffer buffer, final int offset, final int length)
    {
        return 1 == length ? buffer.getByte(offset) & 0xff : -1;
    }
}
