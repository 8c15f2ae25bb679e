package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteOrder;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * GetHashRange: the node's range as {@code u64 min | u64 max} (no message type), then a {@code ChangeHashRange}
 * whenever it changes and a {@code NewNode} (big-endian IPv4 address and neo port = legacy port + 100, then the
 * range) for each node a Redistribute names; lasts as long as the connection. Arguments are ignored.
 */
final class GetHashRangeHandler extends DhtNeoHandler
{
    private static final Logger LOG = System.getLogger(GetHashRangeHandler.class.getName());

    private HashRange sent;

    GetHashRangeHandler(final DhtNeoEngine engine)
    {
        super(engine);
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
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

    void onNewNode(final Target node)
    {
        final long address = ipv4(node.address());
        if (address < 0)
        {
            LOG.log(Level.WARNING, "GetHashRange cannot announce node {0}: not a dotted IPv4 address",
                node.address());
            return;
        }
        final int payload = beginMessage();
        out().putByte(payload, (byte)DhtNeoRequest.HASH_RANGE_NEW_NODE);
        out().putInt(payload + 1, (int)address, ByteOrder.BIG_ENDIAN);
        out().putShort(payload + 1 + Integer.BYTES, (short)(node.port() + DhtNodeContext.NEO_PORT_OFFSET),
            ByteOrder.BIG_ENDIAN);
        out().putLong(payload + 1 + Integer.BYTES + Short.BYTES, node.range().min(), LITTLE_ENDIAN);
        out().putLong(payload + 1 + Integer.BYTES + Short.BYTES + Long.BYTES, node.range().max(), LITTLE_ENDIAN);
        endMessage(1 + Integer.BYTES + Short.BYTES + 2 * Long.BYTES);
        requestWrite();
    }

    /**
     * @param text an address as a Redistribute names it.
     * @return the address as an unsigned 32-bit value, or -1 when the text is not four decimal octets.
     */
    static long ipv4(final String text)
    {
        long address = 0;
        int octets = 0;
        int value = -1;
        for (int i = 0, length = text.length(); i <= length; i++)
        {
            final char c = i < length ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9')
            {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255)
                {
                    return -1;
                }
            }
            else if ('.' == c && value >= 0 && octets < 4)
            {
                address = address << 8 | value;
                octets++;
                value = -1;
            }
            else
            {
                return -1;
            }
        }
        return 4 == octets ? address : -1;
    }

    @Override
    protected void onEnd()
    {
        engine.hashRangeRequests().remove(this);
    }
}
