package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

/**
 * Update: read-modify-write with optimistic concurrency. Path A ({@code GetRecord}): the value is sent, then the
 * client's {@code UpdateRecord} (written only if the FNV-1a 64 of the stored value still equals the hash),
 * {@code LeaveRecord} or {@code RemoveRecord} is answered {@code Ok} or {@code UpdateConflict}. Path B
 * ({@code UpdateRecord} first): the same conflict rule, a missing record is simply written.
 */
final class UpdateHandler extends DhtNeoHandler
{
    /** The channel's name, kept for the messages after the first (whose buffer is gone by then). */
    private final UnsafeBuffer channelName = new UnsafeBuffer(new byte[DhtConst.MAX_CHANNEL_NAME_LENGTH]);
    private int channelNameLength;
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
        channelName.putBytes(0, buffer, channelOffset, channelLength);
        channelNameLength = channelLength;
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
                operations.remove(storage.channel(channelName, 0, channelNameLength), key);
                answer(DhtNeoRequest.UPDATE_OK);
                break;
            default:
                protocolError("unexpected Update message type " + type);
                break;
        }
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
        final DhtChannel channel = storage.getOrCreateChannel(channelName, 0, channelNameLength);
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
