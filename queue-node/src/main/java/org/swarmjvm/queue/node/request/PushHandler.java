package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.ChannelRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelArrayRequestDecoder;
import org.swarmjvm.protocol.queue.QueueConst;
import org.swarmjvm.queue.node.storage.QueueOperations;

import java.util.concurrent.Executor;

/**
 * Push (1): checks the name (409), gets or creates the channel <em>before</em> checking the value, as the
 * original does (so a refused empty Push still creates the channel), refuses an empty value (408), then stores
 * the record in every storage of the channel (200). A record whose ring pages are not on disk yet waits for the
 * blocking worker to back them; when the disk cannot, 407 (OutOfMemory, the protocol's "channel full"), nothing
 * stored.
 */
final class PushHandler extends ChannelRequestHandler<ChannelArrayRequestDecoder>
{
    private final QueueOperations operations;
    private final WaitingPush wait;

    PushHandler(final QueueOperations operations, final Executor worker)
    {
        super(new ChannelArrayRequestDecoder(), QueueConst.MAX_CHANNEL_NAME_LENGTH);
        this.operations = operations;
        this.wait = new WaitingPush(worker);
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        switch (operations.push(request.buffer(), request.channelOffset(), request.channelLength(),
            request.arrayOffset(), request.arrayLength(), wait.asking(reply), wait))
        {
            case WAITING:
                return wait.park();
            case DISK_FULL:
                return reply.status(SwarmStatus.OUT_OF_MEMORY);
            case EMPTY_VALUE:
                return reply.status(SwarmStatus.EMPTY_VALUE);
            default:
                return reply.status(SwarmStatus.OK);
        }
    }

    @Override
    protected void onAbort()
    {
        wait.ended();
        operations.pushEnded(wait);
    }

    @Override
    public boolean isWaitingForWork()
    {
        return wait.isParked();
    }
}
