package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;

/**
 * RemoveChannel (22): drops the channel's records, ends its Listen requests, and moves its dump file to
 * {@code deleted/} so it is not loaded again; 200 also for a missing channel. The file is moved on the blocking
 * worker, and 200 is sent once it has been.
 */
final class RemoveChannelHandler extends DhtChannelHandler<ChannelRequestDecoder>
{
    private final NodeServices node;
    private final DumpDirectory dumpDirectory;
    private volatile boolean fileMoved;
    private boolean started;

    RemoveChannelHandler(
        final DhtOperations operations, final RefusalLog refusals, final NodeServices node,
        final DumpDirectory dumpDirectory)
    {
        super(operations, refusals, new ChannelRequestDecoder());
        this.node = node;
        this.dumpDirectory = dumpDirectory;
    }

    @Override
    protected Progress executeOnValidChannel(final Reply reply)
    {
        if (!started)
        {
            final String name = request.buffer().getStringWithoutLengthAscii(
                request.channelOffset(), request.channelLength());
            if (!storage.removeChannel(name))
            {
                return status(reply, SwarmStatus.OK);
            }
            started = true;
            fileMoved = false;
            node.worker().submit(() ->
            {
                dumpDirectory.moveToDeleted(name);
                fileMoved = true;
                reply.wake();
            });
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
