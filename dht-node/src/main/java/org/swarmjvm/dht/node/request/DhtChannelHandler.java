package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.request.ChannelRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelKeyRequestDecoder;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.dht.DhtConst;

/**
 * The DHT's commands that carry a channel: the core's channel template over the storage operations, with the
 * refusals logged.
 *
 * @param <D> the command's request decoder.
 */
abstract class DhtChannelHandler<D extends ChannelRequestDecoder> extends ChannelRequestHandler<D>
{
    protected final DhtOperations operations;
    protected final DhtStorage storage;
    private final RefusalLog refusals;
    private final String commandName = RefusalLog.commandName(getClass());

    DhtChannelHandler(final DhtOperations operations, final RefusalLog refusals, final D request)
    {
        super(request, DhtConst.MAX_CHANNEL_NAME_LENGTH);
        this.operations = operations;
        this.storage = operations.storage();
        this.refusals = refusals;
    }

    @Override
    protected final Progress status(final Reply reply, final SwarmStatus status)
    {
        return refusals.answer(commandName, reply, status);
    }

    /**
     * The key of a command that parses it always (Put, Remove, PutBatch): an invalid key breaks the connection,
     * as in the original.
     *
     * @param request decoded.
     * @return the key.
     * @throws SwarmProtocolException when the key is not 16 hex digits.
     */
    static long requireKey(final ChannelKeyRequestDecoder request)
    {
        if (!request.isKeyValid())
        {
            throw new SwarmProtocolException("key of " + request.keyLength() + " bytes is not 16 hex digits");
        }
        return request.key();
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
