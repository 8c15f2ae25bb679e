package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.ChannelList;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.storage.QueueOperations;

/**
 * Push v3: {@code u8 n | ARRAY(channel) x n | ARRAY(value)}; the record is appended to every listed channel (to
 * every subscriber storage of each), creating channels as needed. Every name is checked before anything is
 * stored, so an {@code Error} stores nothing. An empty value is refused with {@code Error} (the original answered
 * {@code Pushed} and lost it; legacy Push refuses it too). No channel at all answers {@code Pushed}.
 */
final class PushHandler extends QueueNeoHandler implements ChannelList
{
    /** The count is a u8. */
    private static final int MAX_CHANNELS = 255;

    private final int[] channelOffsets = new int[MAX_CHANNELS];
    private final int[] channelLengths = new int[MAX_CHANNELS];
    private DirectBuffer buffer;
    private int channelCount;

    PushHandler(final QueueOperations operations)
    {
        super(operations);
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        final int channels = readU8("Push");
        if (channels < 0)
        {
            return;
        }
        this.buffer = buffer;
        for (channelCount = 0; channelCount < channels; channelCount++)
        {
            if (!readArray("Push"))
            {
                return;
            }
            channelOffsets[channelCount] = reader.arrayOffset();
            channelLengths[channelCount] = reader.arrayLength();
        }
        if (!readArray("Push") || !hasExactly(0, "Push"))
        {
            return;
        }
        answer(QueueOperations.Outcome.OK == operations.pushToAll(this, buffer, reader.arrayOffset(),
            reader.arrayLength()) ? QueueNeoRequest.PUSH_PUSHED : QueueNeoRequest.PUSH_ERROR);
    }

    @Override
    public DirectBuffer buffer()
    {
        return buffer;
    }

    @Override
    public int channelCount()
    {
        return channelCount;
    }

    @Override
    public int channelOffset(final int index)
    {
        return channelOffsets[index];
    }

    @Override
    public int channelLength(final int index)
    {
        return channelLengths[index];
    }
}
