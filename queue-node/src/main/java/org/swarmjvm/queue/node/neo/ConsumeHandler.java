package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.storage.QueueOperations;
import org.swarmjvm.queue.node.storage.QueueStorage;
import org.swarmjvm.queue.node.storage.StorageConsumer;
import org.swarmjvm.queue.node.storage.StorageName;


import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Consume v4: {@code ARRAY(channel) | ARRAY(subscriber)}, parsed exactly; {@code ""} is the default subscriber
 * the legacy Consume uses. Subscribes to {@code subscriber@channel} (the first subscriber takes over the
 * channel's records), answers {@code Started}, then sends {@code Records} batches of {@code u64 length | value},
 * one at a time: after each batch it waits for the client's {@code Continue} (send the next) or {@code Stop}
 * (answered {@code Stopped}, the request ends). While no batch is outstanding only {@code Stop} is valid.
 * <p>
 * Records are popped straight into the outgoing message until it holds at least 100 000 bytes or the storage is
 * empty; a partial batch goes out as soon as the storage is empty (the original waited for its next flush tick,
 * {@code write_flush_ms}). Popped records are gone even if the client never reads them (at most once, as in the
 * original). The channel's removal ends the request with {@code ChannelRemoved}, which the client does not
 * acknowledge.
 */
final class ConsumeHandler extends QueueNeoHandler implements StorageConsumer
{
    private static final String DEFAULT_SUBSCRIBER = "";

    private enum State
    {
        /** No batch outstanding: collect records and send them. */
        SENDING,
        /** A batch was sent: wait for {@code Continue} or {@code Stop}. */
        AWAITING_ANSWER,
        /** The channel was removed: say so, then end. */
        REMOVED
    }

    private QueueStorage storage;
    private State state;

    ConsumeHandler(final QueueOperations operations)
    {
        super(operations);
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!readChannel("Consume") || !readArray("Consume") || !hasExactly(0, "Consume"))
        {
            return;
        }
        final int subscriberLength = reader.arrayLength();
        if (!isValidChannel() || (subscriberLength > 0 &&
            !QueueOperations.isValidName(buffer, reader.arrayOffset(), subscriberLength)) ||
            !StorageName.fits(channelLength(), subscriberLength))
        {
            answer(QueueNeoRequest.CONSUME_ERROR);
            return;
        }
        final String subscriber = 0 == subscriberLength ? DEFAULT_SUBSCRIBER :
            buffer.getStringWithoutLengthAscii(reader.arrayOffset(), subscriberLength);
        storage = operations.subscribe(buffer, channelOffset(), channelLength(), subscriber, this);
        state = State.SENDING;
        sendByte(QueueNeoRequest.CONSUME_STARTED);
        requestWrite();
    }

    @Override
    public boolean onRecordPushed()
    {
        if (State.SENDING == state)
        {
            requestWrite();
            return true;
        }
        return false;
    }

    @Override
    public void onStorageRemoved()
    {
        storage = null;
        state = State.REMOVED;
        requestWrite();
    }

    @Override
    protected void onWritable()
    {
        if (State.REMOVED == state)
        {
            answer(QueueNeoRequest.CONSUME_CHANNEL_REMOVED);
        }
        else if (State.SENDING == state && !storage.isEmpty())
        {
            if (hasRoom())
            {
                sendBatch();
            }
            else
            {
                requestWrite();
            }
        }
    }

    private void sendBatch()
    {
        final int payload = beginMessage();
        final int batchStart = payload + 1 + Long.BYTES;
        int position = batchStart;
        while (position - batchStart < QueueNeoRequest.CONSUME_BATCH_SIZE)
        {
            final int popped = storage.pop(out(), position + Long.BYTES);
            if (popped < 0)
            {
                break;
            }
            out().putLong(position, popped, LITTLE_ENDIAN);
            position += Long.BYTES + popped;
        }
        out().putByte(payload, (byte)QueueNeoRequest.CONSUME_RECORDS);
        out().putLong(payload + 1, position - batchStart, LITTLE_ENDIAN);
        endMessage(position - payload);
        state = State.AWAITING_ANSWER;
    }

    @Override
    protected void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int type = controlType(buffer, offset, length);
        if (QueueNeoRequest.CONSUME_STOP == type)
        {
            answer(QueueNeoRequest.CONSUME_STOPPED);
        }
        else if (QueueNeoRequest.CONSUME_CONTINUE == type && State.AWAITING_ANSWER == state)
        {
            state = State.SENDING;
            requestWrite();
        }
        else if (QueueNeoRequest.CONSUME_CONTINUE != type || State.REMOVED != state)
        {
            // A Continue crossing the removal notice is harmless; anything else breaks the protocol (spec 8.3).
            protocolError("unexpected Consume message type " + type + " while " + state);
        }
    }

    @Override
    protected void onEnd()
    {
        if (null != storage)
        {
            storage.removeConsumer(this);
        }
        storage = null;
        state = null;
    }
}
