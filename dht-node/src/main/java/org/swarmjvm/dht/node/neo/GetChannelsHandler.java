package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * GetChannels: one {@code ChannelName} message per channel, then {@code Finished}; arguments are ignored.
 */
final class GetChannelsHandler extends DhtNeoHandler
{
    GetChannelsHandler(final DhtNeoEngine engine)
    {
        super(engine);
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        for (final DhtChannel channel : storage.channels())
        {
            final String name = channel.name();
            final int payload = beginMessage();
            out().putByte(payload, (byte)DhtNeoRequest.GET_CHANNELS_NAME);
            out().putLong(payload + 1, name.length(), LITTLE_ENDIAN);
            out().putStringWithoutLengthAscii(payload + 1 + Long.BYTES, name);
            endMessage(1 + Long.BYTES + name.length());
        }
        answer(DhtNeoRequest.GET_CHANNELS_FINISHED);
    }
}
