package org.swarmjvm.protocol.dht.codec;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.NodeListRequestDecoder;
import org.swarmjvm.protocol.dht.HashRange;

import java.util.List;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Decodes Redistribute: the receiving node's new range, then the nodes to move records to.
 * <pre>
 *   i32 command | u64 new min | u64 new max
 *   repeat:  ARRAY(address) | u16 port | u64 min | u64 max
 *   ARRAY("")                                    an empty address ends the list
 * </pre>
 * Redistribute is rare and long; its target list is materialised as objects.
 */
public final class RedistributeRequestDecoder extends NodeListRequestDecoder<RedistributeRequestDecoder.Target>
{
    /**
     * One node to forward records to.
     *
     * @param address IPv4 address as text.
     * @param port    legacy port.
     * @param range   the target's hash range.
     */
    public record Target(String address, int port, HashRange range)
    {
    }

    private HashRange newRange;

    /** A decoder, reused for every request of a connection. */
    public RedistributeRequestDecoder()
    {
        super(2 * Long.BYTES, Short.BYTES + 2 * Long.BYTES);
    }

    @Override
    protected void decodeHead(final DirectBuffer buffer, final int offset)
    {
        newRange =
            new HashRange(buffer.getLong(offset, LITTLE_ENDIAN), buffer.getLong(offset + Long.BYTES, LITTLE_ENDIAN));
    }

    @Override
    protected Target node(final String address, final DirectBuffer buffer, final int offset)
    {
        return new Target(
            address,
            buffer.getShort(offset, LITTLE_ENDIAN) & 0xffff,
            new HashRange(
                buffer.getLong(offset + Short.BYTES, LITTLE_ENDIAN),
                buffer.getLong(offset + Short.BYTES + Long.BYTES, LITTLE_ENDIAN)));
    }

    /**
     * @return the range the node is to keep.
     */
    public HashRange newRange()
    {
        return newRange;
    }

    /**
     * @return the nodes to forward to, in request order.
     */
    public List<Target> targets()
    {
        return nodes();
    }
}
