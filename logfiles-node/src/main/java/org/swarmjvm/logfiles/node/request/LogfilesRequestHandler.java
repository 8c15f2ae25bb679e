package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

/**
 * What the logfiles handlers share: the storage, the node's services, and the checks every command makes alike.
 */
abstract class LogfilesRequestHandler implements RequestHandler
{
    protected final LogfilesStorage storage;
    protected final NodeServices node;

    LogfilesRequestHandler(final LogfilesStorage storage, final NodeServices node)
    {
        this.storage = storage;
        this.node = node;
    }

    /**
     * @param request decoded.
     * @return true when the channel name is valid: 1 to 255 bytes of {@code [A-Za-z0-9_-]}.
     */
    static boolean hasValidChannel(final ChannelRequestDecoder request)
    {
        return ChannelName.isValid(
            request.buffer(), request.channelOffset(), request.channelLength(), LogfilesConst.MAX_CHANNEL_NAME_LENGTH);
    }

    /**
     * @param request decoded, with a valid channel name.
     * @return the channel name as text.
     */
    static String channelName(final ChannelRequestDecoder request)
    {
        return request.buffer().getStringWithoutLengthAscii(request.channelOffset(), request.channelLength());
    }

    /**
     * Writes a status alone.
     *
     * @param reply  to write to.
     * @param status to send.
     * @return {@link Progress#DONE}.
     */
    static Progress status(final Reply reply, final SwarmStatus status)
    {
        reply.begin().status(status);
        reply.end();
        return Progress.DONE;
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
