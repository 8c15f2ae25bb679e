package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * Base of the commands that carry a channel (dhtproto's {@code SingleChannel} model): decodes the request, answers
 * BadChannelName for an invalid name before anything else, and leaves the rest to the command, which may take
 * several steps (streams, work on the blocking worker).
 *
 * @param <D> the command's request decoder.
 */
abstract class ChannelRequestHandler<D extends ChannelRequestDecoder> extends DhtRequestHandler
{
    protected final D request;
    private boolean running;

    ChannelRequestHandler(final DhtStorage storage, final D request)
    {
        super(storage);
        this.request = request;
    }

    @Override
    public final int decode(final RequestScanner scanner)
    {
        return request.decode(scanner);
    }

    @Override
    public final Progress execute(final Reply reply)
    {
        if (!running)
        {
            if (!hasValidChannel(request))
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
     * {@link Progress#MORE} or {@link Progress#WAIT}.
     *
     * @param reply the connection's reply side.
     * @return whether the request is done.
     */
    abstract Progress executeOnValidChannel(Reply reply);

    /**
     * The connection closed while the request was running; release what it holds.
     */
    void onAbort()
    {
    }

    /**
     * @return the request's channel, or {@code null} when it does not exist (it is not created).
     */
    final DhtChannel existingChannel()
    {
        return storage.channel(request.buffer(), request.channelOffset(), request.channelLength());
    }

    /**
     * @return the request's channel, created if missing.
     */
    final DhtChannel channelCreatedIfMissing()
    {
        return storage.getOrCreateChannel(request.buffer(), request.channelOffset(), request.channelLength());
    }
}
