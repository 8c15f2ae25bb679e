package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

/**
 * RemoveChannel: only the client {@code admin} may (others get {@code NotPermitted}, which the original never
 * sent); drops the channel, ends its Listen and Mirror requests, moves its dump file to {@code deleted/} on the
 * blocking worker, then answers {@code ChannelRemoved} (also for a missing channel).
 */
final class RemoveChannelHandler extends DhtNeoHandler
{
    /** The one client allowed to remove channels. */
    static final String ADMIN = "admin";

    private final NodeServices services;
    private volatile boolean fileMoved;
    private boolean waiting;

    RemoveChannelHandler(final DhtNeoEngine engine, final NodeServices services)
    {
        super(engine);
        this.services = services;
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!readChannel("RemoveChannel"))
        {
            return;
        }
        if (!ADMIN.equals(clientName()))
        {
            answer(DhtNeoRequest.REMOVE_CHANNEL_NOT_PERMITTED);
            return;
        }
        if (!isValidChannel())
        {
            answer(DhtNeoRequest.REMOVE_CHANNEL_ERROR);
            return;
        }
        final String name = buffer.getStringWithoutLengthAscii(channelOffset(), channelLength());
        fileMoved = false;
        if (!operations.removeChannel(name, services.worker(), () ->
        {
            fileMoved = true;
            wake();
        }))
        {
            answer(DhtNeoRequest.REMOVE_CHANNEL_REMOVED);
            return;
        }
        waiting = true;
    }

    @Override
    protected void onWoken()
    {
        if (waiting && fileMoved)
        {
            waiting = false;
            answer(DhtNeoRequest.REMOVE_CHANNEL_REMOVED);
        }
    }

    @Override
    protected void onEnd()
    {
        waiting = false;
    }
}
