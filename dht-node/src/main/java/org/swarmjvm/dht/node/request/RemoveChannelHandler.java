package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * RemoveChannel (22): drops the channel's records, ends its Listen requests, and moves its dump file to
 * {@code deleted/} so it is not loaded again; 200 also for a missing channel. The file is moved on the blocking
 * worker, and 200 is sent once it has been.
 */
final class RemoveChannelHandler extends DhtChannelHandler<ChannelRequestDecoder>
{
    private final NodeServices node;
    private volatile boolean fileMoved;
    private boolean started;

    RemoveChannelHandler(final DhtOperations operations, final RefusalLog refusals, final NodeServices node)
    {
        super(operations, refusals, new ChannelRequestDecoder());
        this.node = node;
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        if (!started)
        {
            final String name = request.buffer().getStringWithoutLengthAscii(
                request.channelOffset(), request.channelLength());
            fileMoved = false;
            if (!operations.removeChannel(name, node.worker(), () ->
            {
                fileMoved = true;
                reply.wake();
            }))
            {
                return status(reply, SwarmStatus.OK);
            }
            started = true;
            return Progress.WAIT;
        }
        if (!fileMoved)
        {
            return Progress.WAIT;
        }
        started = false;
        return status(reply, SwarmStatus.OK);
    }

    @Override
    protected void onAbort()
    {
        started = false;
    }
}
