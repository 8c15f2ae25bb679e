package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.ChannelRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

/**
 * What the logfiles commands that carry a channel share, on the core's channel template: the storage, the node's
 * services, the channel name as text, and the hand-over of disk work to the worker.
 *
 * @param <D> the command's request decoder.
 */
abstract class LogfilesChannelHandler<D extends ChannelRequestDecoder> extends ChannelRequestHandler<D>
{
    protected final LogfilesStorage storage;
    protected final NodeServices node;

    LogfilesChannelHandler(final D request, final LogfilesStorage storage, final NodeServices node)
    {
        super(request, LogfilesConst.MAX_CHANNEL_NAME_LENGTH);
        this.storage = storage;
        this.node = node;
    }

    /**
     * @return the request's channel name as text, valid once the template checked it.
     */
    final String channelName()
    {
        return request.buffer().getStringWithoutLengthAscii(request.channelOffset(), request.channelLength());
    }

    /**
     * Queues a task on the blocking worker.
     *
     * @param task  to run.
     * @param reply to wake when it is done.
     * @return {@link Progress#WAIT}.
     */
    final Progress submit(final DiskTask task, final Reply reply)
    {
        task.queued(reply);
        node.worker().submit(task);
        return Progress.WAIT;
    }
}
