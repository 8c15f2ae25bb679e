package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.storage.QueueStore;

/**
 * Push v3: {@code u8 n | ARRAY(channel) x n | ARRAY(value)}; the record is appended to every listed channel (to
 * every subscriber storage of each), creating channels as needed. Every name is checked before anything is
 * stored, so an {@code Error} stores nothing. An empty value is refused with {@code Error} (the original answered
 * {@code Pushed} and lost it; legacy Push refuses it too). No channel at all answers {@code Pushed}.
 */
final class PushHandler extends QueueNeoHandler
{
    PushHandler(final QueueStore store)
    {
        super(store);
    }

    @Override
    protected void onStart(final DirectBuffer buffer, final int offset, final int length)
    {
        reader.wrap(buffer, offset, length);
        final int channels = reader.readU8();
        if (channels < 0)
        {
            malformed("Push");
            return;
        }
        boolean valid = true;
        for (int i = 0; i < channels; i++)
        {
            if (!reader.readArray())
            {
                malformed("Push");
                return;
            }
            valid &= isValidChannel();
        }
        if (!reader.readArray() || 0 != reader.remaining())
        {
            malformed("Push");
            return;
        }
        final int valueOffset = reader.arrayOffset();
        final int valueLength = reader.arrayLength();
        if (!valid || 0 == valueLength)
        {
            answer(QueueNeoRequest.PUSH_ERROR);
            return;
        }
        reader.wrap(buffer, offset + 1, length - 1);
        for (int i = 0; i < channels; i++)
        {
            reader.readArray();
            store.getOrCreate(buffer, reader.arrayOffset(), reader.arrayLength())
                .push(buffer, valueOffset, valueLength);
        }
        answer(QueueNeoRequest.PUSH_PUSHED);
    }
}
