package org.swarmjvm.logfiles.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.logfiles.node.request.ActionCounters;
import org.swarmjvm.logfiles.node.request.ChannelNameCopy;
import org.swarmjvm.logfiles.node.storage.LogfilesOperations;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.node.work.BlockingWorker;
import org.swarmjvm.protocol.neo.NeoPayloadReader;

/**
 * Base of the logfiles node's neo request handlers: what they share with the legacy requests (storage, worker,
 * counters), a payload reader, and the channel name check and copy.
 */
abstract class LogfilesNeoHandler extends NeoRequest
{
    protected final LogfilesStorage storage;
    protected final BlockingWorker worker;
    protected final ActionCounters counters;
    protected final NeoPayloadReader reader = new NeoPayloadReader();
    protected final ChannelNameCopy channelName = new ChannelNameCopy();
    private int channelOffset;
    private int channelLength;

    LogfilesNeoHandler(final LogfilesStorage storage, final BlockingWorker worker, final ActionCounters counters)
    {
        this.storage = storage;
        this.worker = worker;
        this.counters = counters;
    }

    /**
     * Starts reading a request's arguments, which begin with {@code ARRAY(channel)}.
     *
     * @param buffer holding the arguments.
     * @param offset of the arguments.
     * @param length of the arguments.
     * @return false when the channel array is cut short; {@link #reader} is then at the next argument.
     */
    protected final boolean readChannel(final DirectBuffer buffer, final int offset, final int length)
    {
        reader.wrap(buffer, offset, length);
        if (!reader.readArray())
        {
            return false;
        }
        channelOffset = reader.arrayOffset();
        channelLength = reader.arrayLength();
        return true;
    }

    /**
     * Copies the channel name read by {@link #readChannel} if it is valid: the legacy rule, since the name becomes
     * a directory (the original's neo requests checked nothing).
     *
     * @return false when the name is invalid.
     */
    protected final boolean copyValidChannel()
    {
        final DirectBuffer buffer = reader.buffer();
        if (!LogfilesOperations.isValidChannel(buffer, channelOffset, channelLength))
        {
            return false;
        }
        channelName.copy(buffer, channelOffset, channelLength);
        return true;
    }
}
