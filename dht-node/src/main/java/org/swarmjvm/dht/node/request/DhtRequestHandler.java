package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.codec.ChannelKeyRequestDecoder;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * What the DHT handlers share: the storage, and the checks every command makes in the same way.
 */
abstract class DhtRequestHandler implements RequestHandler
{
    protected final DhtStorage storage;
    private final String commandName;
    private RefusalLog refusals;

    DhtRequestHandler(final DhtStorage storage)
    {
        this.storage = storage;
        final String className = getClass().getSimpleName();
        this.commandName = className.endsWith("Handler") ?
            className.substring(0, className.length() - "Handler".length()) : className;
    }

    /**
     * @param refusals where this connection's refusals are logged.
     */
    final void refusals(final RefusalLog refusals)
    {
        this.refusals = refusals;
    }

    /**
     * @param request decoded.
     * @return true when the channel name is valid for this node.
     */
    static boolean hasValidChannel(final ChannelRequestDecoder request)
    {
        return ChannelName.isValid(
            request.buffer(), request.channelOffset(), request.channelLength(), DhtConst.MAX_CHANNEL_NAME_LENGTH);
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
     * Writes a status alone; a refusal (any status but OK) is logged.
     *
     * @param reply  to write to.
     * @param status to send.
     * @return {@link Progress#DONE}.
     */
    final Progress status(final Reply reply, final SwarmStatus status)
    {
        if (SwarmStatus.OK != status && null != refusals)
        {
            refusals.onRefused(commandName, status, reply);
        }
        reply.begin().status(status);
        reply.end();
        return Progress.DONE;
    }
}
