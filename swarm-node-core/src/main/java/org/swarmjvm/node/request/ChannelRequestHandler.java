package org.swarmjvm.node.request;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * Base of the commands that carry a channel, in every protocol of the legacy framing (swarm's
 * {@code SingleChannel} request model): decodes the request, answers BadChannelName for an invalid name before
 * anything else, and leaves the rest to the command, which may take several steps (streams, work on the blocking
 * worker).
 *
 * @param <D> the command's request decoder.
 */
public abstract class ChannelRequestHandler<D extends ChannelRequestDecoder> extends DecodingRequestHandler<D>
{
    private final int maxChannelNameLength;
    private boolean running;

    /**
     * @param request              decoder of the command's fields, reused for every request.
     * @param maxChannelNameLength the longest channel name the node accepts.
     */
    protected ChannelRequestHandler(final D request, final int maxChannelNameLength)
    {
        super(request);
        this.maxChannelNameLength = maxChannelNameLength;
    }

    @Override
    public final Progress execute(final Reply reply)
    {
        if (!running)
        {
            if (!ChannelName.isValid(
                request.buffer(), request.channelOffset(), request.channelLength(), maxChannelNameLength))
            {
                return status(reply, SwarmStatus.BAD_CHANNEL_NAME);
            }
            running = true;
        }
        final Progress progress = executeOnValidChannel(reply);
        if (Progress.DONE == progress)
        {
            running = false;
        }
        return progress;
    }

    @Override
    public final void abort()
    {
        running = false;
        onAbort();
    }

    /**
     * Does the command's work once the channel name is known to be valid; called again while it answers
     * {@link Progress#MORE}, {@link Progress#WAIT} or {@link Progress#INPUT}.
     *
     * @param reply the connection's reply side.
     * @return whether the request is done.
     */
    protected abstract Progress executeOnValidChannel(Reply reply);

    /**
     * The connection closed while the request was running; release what it holds.
     */
    protected void onAbort()
    {
    }

    /**
     * Answers a status alone; an engine that tells the operator about refusals does it here.
     *
     * @param reply  to write to.
     * @param status to send.
     * @return {@link Progress#DONE}.
     */
    protected Progress status(final Reply reply, final SwarmStatus status)
    {
        return reply.status(status);
    }
}
