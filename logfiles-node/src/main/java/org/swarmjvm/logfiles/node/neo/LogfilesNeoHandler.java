package org.swarmjvm.logfiles.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.logfiles.node.request.ActionCounters;
import org.swarmjvm.logfiles.node.request.ChannelNameCopy;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.node.work.BlockingWorker;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.logfiles.LogfilesConst;
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

    LogfilesNeoHandler(final LogfilesStorage storage, final BlockingWorker worker, final ActionCounters counters)
    {
        this.storage = storage;
        this.worker = worker;
        this.counters = counters;
    }

    /**
     * Copies the channel name if it is valid: the legacy rule, since the name becomes a directory (the original's
     * neo requests checked nothing).
     *
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return false when the name is invalid.
     */
    protected final boolean copyValidChannel(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!ChannelName.isValid(buffer, offset, length, LogfilesConst.MAX_CHANNEL_NAME_LENGTH))
        {
            return false;
        }
        channelName.copy(buffer, offset, length);
        return true;
    }
}
