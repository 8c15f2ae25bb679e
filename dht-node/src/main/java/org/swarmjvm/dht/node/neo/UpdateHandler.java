package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

/**
 * Update: read-modify-write with optimistic concurrency. Path A ({@code GetRecord}): the value is sent, then the
 * client's {@code UpdateRecord} (written only if the FNV-1a 64 of the stored value still equals the hash),
 * {@code LeaveRecord} or {@code RemoveRecord} is answered {@code Ok} or {@code UpdateConflict}. Path B
 * ({@code UpdateRecord} first): the same conflict rule, a missing record is simply written.
 */
final class UpdateHandler extends DhtNeoHandler
{
    private String channelName;
    private long key;
    private boolean waiting;

    UpdateHandler(final DhtNeoEngine engine)
    {
        super(engine);
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        final int type = readU8("Update");
        if (type < 0 || !readChannel("Update") || !hasLong("Update"))
        {
            return;
        }
        final int channelOffset = channelOffset();
        final int channelLength = channelLength();
        key = reader.readLong();
        waiting = false;
        if (!isValidChannel())
        {
            answer(DhtNeoRequest.UPDATE_ERROR);
            return;
        }
        if (!storage.isResponsibleFor(key))
        {
            answer(DhtNeoRequest.UPDATE_WRONG_NODE);
            return;
        }
        channelName = buffer.getStringWithoutLengthAscii(channelOffset, channelLength);
        if (DhtNeoRequest.UPDATE_GET_RECORD == type)
        {
            final DhtChannel channel = operations.channelHolding(buffer, channelOffset, channelLength, key);
            if (null == channel)
            {
                answer(DhtNeoRequest.UPDATE_NO_RECORD);
                return;
            }
            final int payload = beginMessage();
            out().putByte(payload, (byte)DhtNeoRequest.UPDATE_RECORD_VALUE);
            endMessage(1 + channel.writeValueArray(key, out(), payload + 1));
            waiting = true;
            return;
        }
        if (DhtNeoRequest.UPDATE_UPDATE_RECORD == type)
        {
            updateRecord();
            return;
        }
        protocolError("Update started with message type " + type);
    }

    @Override
    protected void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!waiting)
        {
            protocolError("unexpected Update message");
            return;
        }
        waiting = false;
        reader.wrap(buffer, offset, length);
        final int type = reader.readU8();
        switch (type)
        {
            case DhtNeoRequest.UPDATE_UPDATE_RECORD:
                updateRecord();
                break;
            case DhtNeoRequest.UPDATE_LEAVE_RECORD:
                answer(DhtNeoRequest.UPDATE_OK);
                break;
            case DhtNeoRequest.UPDATE_REMOVE_RECORD:
                operations.remove(lookup(), key);
                answer(DhtNeoRequest.UPDATE_OK);
                break;
            default:
                protocolError("unexpected Update message type " + type);
                break;
        }
    }

    private DhtChannel lookup()
    {
        for (final DhtChannel channel : storage.channels())
        {
            if (channel.name().equals(channelName))
            {
                return channel;
            }
        }
        return null;
    }

    private void updateRecord()
    {
        if (!hasLong("Update"))
        {
            return;
        }
        final long hash = reader.readLong();
        if (!readArray("Update") || !hasExactly(0, "Update"))
        {
            return;
        }
        final int valueLength = reader.arrayLength();
        if (0 == valueLength || valueLength > DhtNeoRequest.MAX_RECORD_SIZE ||
            storage.wouldExceedSizeLimit(valueLength))
        {
            answer(DhtNeoRequest.UPDATE_ERROR);
            return;
        }
        final DhtChannel channel = storage.getOrCreateChannel(channelName);
        final ExpandableDirectByteBuffer stored = engine.valueScratch();
        final int storedLength = channel.writeValueArray(key, stored, 0) - Long.BYTES;
        if (storedLength > 0 && DhtNeoRequest.fnv1a64(stored, Long.BYTES, storedLength) != hash)
        {
            answer(DhtNeoRequest.UPDATE_CONFLICT);
            return;
        }
        if (!channel.put(key, reader.buffer(), reader.arrayOffset(), valueLength))
        {
            answer(DhtNeoRequest.UPDATE_ERROR);
            return;
        }
        channel.notifyPut(key);
        answer(DhtNeoRequest.UPDATE_OK);
    }
}
