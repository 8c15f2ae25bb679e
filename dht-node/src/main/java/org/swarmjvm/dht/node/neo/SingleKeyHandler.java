package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
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
    protected void onStart(final DirectBuffer buffer, final int offset, final int length)
    {
        reader.wrap(buffer, offset, length);
        if (!reader.readArray())
        {
            malformed(engine.names()[code]);
            return;
        }
        final int channelOffset = reader.arrayOffset();
        final int channelLength = reader.arrayLength();
        final boolean validChannel = isValidChannel();
        if (!reader.hasLong())
        {
            malformed(engine.names()[code]);
            return;
        }
        final long key = reader.readLong();
        switch (code)
        {
            case DhtNeoRequest.PUT:
                put(validChannel, buffer, channelOffset, channelLength, key);
                break;
            case DhtNeoRequest.GET:
                get(validChannel, buffer, channelOffset, channelLength, key);
                break;
            case DhtNeoRequest.EXISTS:
                exists(validChannel, buffer, channelOffset, channelLength, key);
                break;
            default:
                remove(validChannel, buffer, channelOffset, channelLength, key);
                break;
        }
    }

    private void put(
        final boolean validChannel, final DirectBuffer buffer, final int channelOffset, final int channelLength,
        final long key)
    {
        if (!reader.readArray())
        {
            malformed("Put");
            return;
        }
        final int valueLength = reader.arrayLength();
        if (!validChannel)
        {
            answer(DhtNeoRequest.PUT_ERROR);
            return;
        }
        if (!storage.isResponsibleFor(key))
        {
            answer(DhtNeoRequest.PUT_WRONG_NODE);
            return;
        }
        if (0 == valueLength || valueLength > DhtNeoRequest.MAX_RECORD_SIZE ||
            storage.wouldExceedSizeLimit(valueLength))
        {
            answer(DhtNeoRequest.PUT_ERROR);
            return;
        }
        final DhtChannel channel = storage.getOrCreateChannel(buffer, channelOffset, channelLength);
        if (!channel.put(key, buffer, reader.arrayOffset(), valueLength))
        {
            answer(DhtNeoRequest.PUT_ERROR);
            return;
        }
        channel.notifyPut(key);
        answer(DhtNeoRequest.PUT_OK);
    }

    private void get(
        final boolean validChannel, final DirectBuffer buffer, final int channelOffset, final int channelLength,
        final long key)
    {
        if (!validChannel)
        {
            answer(DhtNeoRequest.GET_ERROR);
            return;
        }
        if (!storage.isResponsibleFor(key))
        {
            answer(DhtNeoRequest.GET_WRONG_NODE);
            return;
        }
        final DhtChannel channel = storage.channel(buffer, channelOffset, channelLength);
        if (null == channel || !channel.exists(key))
        {
            answer(DhtNeoRequest.GET_NO_RECORD);
            return;
        }
        sendByte(DhtNeoRequest.GET_GOT);
        final int offset = beginMessage();
        endMessage(channel.writeValueArray(key, out(), offset));
        finish();
    }

    private void exists(
        final boolean validChannel, final DirectBuffer buffer, final int channelOffset, final int channelLength,
        final long key)
    {
        if (!validChannel)
        {
            answer(DhtNeoRequest.EXISTS_ERROR);
            return;
        }
        if (!storage.isResponsibleFor(key))
        {
            answer(DhtNeoRequest.EXISTS_WRONG_NODE);
            return;
        }
        final DhtChannel channel = storage.channel(buffer, channelOffset, channelLength);
        answer(null != channel && channel.exists(key) ?
            DhtNeoRequest.EXISTS_RECORD_EXISTS : DhtNeoRequest.EXISTS_NO_RECORD);
    }

    private void remove(
        final boolean validChannel, final DirectBuffer buffer, final int channelOffset, final int channelLength,
        final long key)
    {
        if (0 != reader.remaining())
        {
            malformed("Remove");
            return;
        }
        if (!validChannel)
        {
            answer(DhtNeoRequest.REMOVE_ERROR);
            return;
        }
        if (!storage.isResponsibleFor(key))
        {
            answer(DhtNeoRequest.REMOVE_WRONG_NODE);
            return;
        }
        final DhtChannel channel = storage.channel(buffer, channelOffset, channelLength);
        if (null == channel || !channel.remove(key))
        {
            answer(DhtNeoRequest.REMOVE_NO_RECORD);
            return;
        }
        channel.notifyRemove(key);
        answer(DhtNeoRequest.REMOVE_REMOVED);
    }
}
