package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.storage.QueueOperations;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Pop v1: {@code ARRAY(channel)}, parsed exactly. {@code Popped | ARRAY(value)} with the oldest record, copied
 * straight from the ring (or the disk) into the message; {@code Empty}; {@code Subscribed} once a Consume has
 * subscribed to the channel; {@code Error} for a bad name. A missing channel is created, as by the original (the
 * legacy Pop does not create it).
 */
final class PopHandler extends QueueNeoHandler
{
    PopHandler(final QueueOperations operations)
    {
        super(operations);
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!readChannel("Pop") || !hasExactly(0, "Pop"))
        {
            return;
        }
        if (!isValidChannel())
        {
            answer(QueueNeoRequest.POP_ERROR);
            return;
        }
        final int payload = beginMessage();
        final int popped =
            operations.pop(buffer, channelOffset(), channelLength(), true, out(), payload + 1 + Long.BYTES);
        if (QueueOperations.SUBSCRIBED == popped)
        {
            answer(QueueNeoRequest.POP_SUBSCRIBED);
            return;
        }
        if (popped < 0)
        {
            out().putByte(payload, (byte)QueueNeoRequest.POP_EMPTY);
            endMessage(1);
        }
        else
        {
            out().putByte(payload, (byte)QueueNeoRequest.POP_POPPED);
            out().putLong(payload + 1, popped, LITTLE_ENDIAN);
            endMessage(1 + Long.BYTES + popped);
        }
        finish();
    }
}
