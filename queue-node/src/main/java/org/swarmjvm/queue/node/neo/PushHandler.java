package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.swarmjvm.protocol.codec.ChannelList;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.storage.QueueOperations;

import java.util.concurrent.Executor;

/**
 * Push v3: {@code u8 n | ARRAY(channel) x n | ARRAY(value)}; the record is appended to every listed channel (to
 * every subscriber storage of each), creating channels as needed. Every name is checked before anything is
 * stored, so an {@code Error} stores nothing. An empty value is refused with {@code Error} (the original answered
 * {@code Pushed} and lost it; legacy Push refuses it too). No channel at all answers {@code Pushed}. A record
 * whose ring pages are not on disk yet waits for the blocking worker to back them (its arguments copied, since
 * the message's buffer does not outlive the call); when the disk cannot, {@code Error}, nothing stored.
 */
final class PushHandler extends QueueNeoHandler implements ChannelList
{
    /** The count is a u8. */
    private static final int MAX_CHANNELS = 255;

    private final int[] channelOffsets = new int[MAX_CHANNELS];
    private final int[] channelLengths = new int[MAX_CHANNELS];
    private final Executor worker;
    /** Wakes this Push: from the worker once the tasks given to it before have run, or when its turn comes. */
    private final Runnable wakeUp = this::wake;
    /** The arguments of a Push that waits for the worker; grows to the largest that waited, then is reused. */
    private final ExpandableArrayBuffer kept = new ExpandableArrayBuffer(0);
    private DirectBuffer buffer;
    private int channelCount;
    private int valueOffset;
    private int valueLength;
    private boolean waiting;

    PushHandler(final QueueOperations operations, final Executor worker)
    {
        super(operations);
        this.worker = worker;
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
        valueOffset = reader.arrayOffset();
        valueLength = reader.arrayLength();
        if (push())
        {
            // Keep what the Push needs past this call: the names and the value, at the same places after offset.
            kept.putBytes(0, buffer, offset, length);
            for (int i = 0; i < channelCount; i++)
            {
                channelOffsets[i] -= offset;
            }
            valueOffset -= offset;
            this.buffer = kept;
        }
    }

    @Override
    protected void onWoken()
    {
        if (waiting)
        {
            push();
        }
    }

    @Override
    protected void onEnd()
    {
        if (waiting)
        {
            waiting = false;
            operations.pushEnded(wakeUp);
        }
    }

    /**
     * @return true when the Push waits (for the worker, or behind another push); else it was answered.
     */
    private boolean push()
    {
        final QueueOperations.Outcome outcome =
            operations.pushToAll(this, buffer, valueOffset, valueLength, worker, wakeUp);
        waiting = QueueOperations.Outcome.WAITING == outcome;
        if (waiting)
        {
            return true;
        }
        answer(QueueOperations.Outcome.OK == outcome ? QueueNeoRequest.PUSH_PUSHED : QueueNeoRequest.PUSH_ERROR);
        return false;
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
