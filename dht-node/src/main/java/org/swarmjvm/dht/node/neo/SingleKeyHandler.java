package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

/**
 * Put, Get, Exists and Remove: {@code ARRAY(channel) | u64 key [| ARRAY(value)]}, one answer. Invalid channel
 * names and empty or oversized values are answered {@code Error}; reads never create a channel.
 */
final class SingleKeyHandler extends DhtNeoHandler
{
    private final int code;

    SingleKeyHandler(final DhtNeoEngine engine, final int code)
    {
        super(engine);
        this.code = code;
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        final String request = engine.names()[code];
        if (!readChannel(request) || !hasLong(request))
        {
            return;
        }
        final long key = reader.readLong();
        switch (code)
        {
            case DhtNeoRequest.PUT:
                put(buffer, key);
                break;
            case DhtNeoRequest.GET:
                get(buffer, key);
                break;
            case DhtNeoRequest.EXISTS:
                exists(buffer, key);
                break;
            default:
                remove(buffer, key);
                break;
        }
    }

    private void put(final DirectBuffer buffer, final long key)
    {
        if (!readArray("Put"))
        {
            return;
        }
        final int valueLength = reader.arrayLength();
        if (!isValidChannel())
        {
            answer(DhtNeoRequest.PUT_ERROR);
            return;
        }
        final DhtOperations.Outcome outcome = operations.put(buffer, channelOffset(), channelLength(), key, buffer,
            reader.arrayOffset(), valueLength, valueLength > DhtNeoRequest.MAX_RECORD_SIZE);
        answer(DhtOperations.Outcome.OK == outcome ? DhtNeoRequest.PUT_OK :
            DhtOperations.Outcome.WRONG_NODE == outcome ? DhtNeoRequest.PUT_WRONG_NODE : DhtNeoRequest.PUT_ERROR);
    }

    private void get(final DirectBuffer buffer, final long key)
    {
        if (!isValidChannel())
        {
            answer(DhtNeoRequest.GET_ERROR);
            return;
        }
        if (!storage.isResponsibleFor(key))
        {
            answer(DhtNeoRequest.GET_WRONG_NODE);
            return;
        }
        final DhtChannel channel = operations.channelHolding(buffer, channelOffset(), channelLength(), key);
        if (null == channel)
        {
            answer(DhtNeoRequest.GET_NO_RECORD);
            return;
        }
        sendByte(DhtNeoRequest.GET_GOT);
        final int offset = beginMessage();
        endMessage(channel.writeValueArray(key, out(), offset));
        finish();
    }

    private void exists(final DirectBuffer buffer, final long key)
    {
        if (!isValidChannel())
        {
            answer(DhtNeoRequest.EXISTS_ERROR);
            return;
        }
        if (!storage.isResponsibleFor(key))
        {
            answer(DhtNeoRequest.EXISTS_WRONG_NODE);
            return;
        }
        answer(null != operations.channelHolding(buffer, channelOffset(), channelLength(), key) ?
            DhtNeoRequest.EXISTS_RECORD_EXISTS : DhtNeoRequest.EXISTS_NO_RECORD);
    }

    private void remove(final DirectBuffer buffer, final long key)
    {
        if (!hasExactly(0, "Remove"))
        {
            return;
        }
        if (!isValidChannel())
        {
            answer(DhtNeoRequest.REMOVE_ERROR);
            return;
        }
        final DhtOperations.Outcome outcome = operations.remove(buffer, channelOffset(), channelLength(), key);
        answer(DhtOperations.Outcome.OK == outcome ? DhtNeoRequest.REMOVE_REMOVED :
            DhtOperations.Outcome.WRONG_NODE == outcome ? DhtNeoRequest.REMOVE_WRONG_NODE :
            DhtNeoRequest.REMOVE_NO_RECORD);
    }
}
