package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * RemoveChannel (22): closes the channel's buckets and deletes its directory with everything in it, then answers
 * 200 (also for a missing channel). The original queued its 200 before deleting and lost it when deleting failed;
 * here a failure closes the connection without a status, which the client sees the same way.
 */
final class RemoveChannelHandler extends DiskTaskHandler<ChannelRequestDecoder, RemoveChannelHandler.RemoveTask>
{
    RemoveChannelHandler(final LogfilesStorage storage, final NodeServices node)
    {
        super(new ChannelRequestDecoder(), storage, node);
    }

    @Override
    Progress start(final Reply reply)
    {
        final String name = channelName();
        if (null == storage.channel(name))
        {
            return reply.status(SwarmStatus.OK);
        }
        task().name = name;
        return submitTask(reply);
    }

    @Override
    Progress finish(final RemoveTask finished, final Reply reply)
    {
        if (null != finished.failure())
        {
            throw new SwarmProtocolException("RemoveChannel " + finished.name + " failed: " + finished.failure());
        }
        return reply.status(SwarmStatus.OK);
    }

    @Override
    RemoveTask newTask()
    {
        return new RemoveTask(storage);
    }

    /**
     * Deletes the channel on the worker.
     */
    static final class RemoveTask extends DiskTask
    {
        private final LogfilesStorage storage;
        private volatile String name;

        RemoveTask(final LogfilesStorage storage)
        {
            this.storage = storage;
        }

        @Override
        protected void work() throws Exception
        {
            storage.removeChannel(name);
        }
    }
}
