package org.swarmjvm.queue.node.request;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.queue.QueueConst;
import org.swarmjvm.queue.node.storage.QueueStore;

/**
 * What the queue handlers share: the store, and the checks every command makes in the same way.
 */
abstract class QueueRequestHandler implements RequestHandler
{
    protected final QueueStore store;

    QueueRequestHandler(final QueueStore store)
    {
        this.store = store;
    }

    /**
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return true when the channel name is valid for the queue node.
     */
    static boolean isValidChannel(final DirectBuffer buffer, final int offset, final int length)
    {
        return ChannelName.isValid(buffer, offset, length, QueueConst.MAX_CHANNEL_NAME_LENGTH);
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
}
