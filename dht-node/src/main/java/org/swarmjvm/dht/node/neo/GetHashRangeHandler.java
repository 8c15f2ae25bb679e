package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * GetHashRange: the node's range as {@code u64 min | u64 max} (no message type), then a {@code ChangeHashRange}
 * whenever it changes; lasts as long as the connection. Arguments are ignored.
 */
final class GetHashRangeHandler extends DhtNeoHandler
{
    private HashRange sent;

    GetHashRangeHandler(final DhtNeoEngine engine)
    {
        super(engine);
    }

    @Override
    protected void onStart(final DirectBuffer buffer, final int offset, final int length)
    {
        sent = storage.range();
        final int payload = beginMessage();
        out().putLong(payload, sent.min(), LITTLE_ENDIAN);
        out().putLong(payload + Long.BYTES, sent.max(), LITTLE_ENDIAN);
        endMessage(2 * Long.BYTES);
        engine.hashRangeRequests().add(this);
    }

    void onRangeChanged(final HashRange range)
    {
        if (range.equals(sent))
        {
            return;
        }
        sent = range;
        final int payload = beginMessage();
        out().putByte(payload, (byte)DhtNeoRequest.HASH_RANGE_CHANGED);
        out().putLong(payload + 1, range.min(), LITTLE_ENDIAN);
        out().putLong(payload + 1 + Long.BYTES, range.max(), LITTLE_ENDIAN);
        endMessage(1 + 2 * Long.BYTES);
        requestWrite();
    }

    @Override
    protected void onEnd()
    {
        engine.hashRangeRequests().remove(this);
    }
}
