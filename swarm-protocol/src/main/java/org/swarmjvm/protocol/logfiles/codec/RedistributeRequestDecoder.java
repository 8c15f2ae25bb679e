package org.swarmjvm.protocol.logfiles.codec;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.NodeListRequestDecoder;

import java.util.List;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Decodes the logfiles Redistribute: the fraction of buckets to move, then the nodes to move them to.
 * <pre>
 *   i32 0x23 | f32 fraction
 *   repeat:  ARRAY(address) | u16 port
 *   ARRAY("")                              an empty address ends the list, no port follows it
 * </pre>
 * Redistribute is rare and long; its target list is materialised as objects.
 */
public final class RedistributeRequestDecoder extends NodeListRequestDecoder<RedistributeRequestDecoder.Target>
{
    /**
     * One node to forward buckets to.
     *
     * @param address the node's address as text.
     * @param port    its legacy port.
     */
    public record Target(String address, int port)
    {
    }

    private float fraction;

    /** A decoder, reused for every request of a connection. */
    public RedistributeRequestDecoder()
    {
        super(Float.BYTES, Short.BYTES);
    }

    @Override
    protected void decodeHead(final DirectBuffer buffer, final int offset)
    {
        fraction = buffer.getFloat(offset, LITTLE_ENDIAN);
    }

    @Override
    protected Target node(final String address, final DirectBuffer buffer, final int offset)
    {
        return new Target(address, buffer.getShort(offset, LITTLE_ENDIAN) & 0xffff);
    }

    /**
     * @return the fraction of buckets to move, as sent (the node refuses {@code <= 0} and {@code > 1}).
     */
    public float fraction()
    {
        return fraction;
    }

    /**
     * @return true when {@code 0 < fraction <= 1}; NaN is refused too, unlike the original.
     */
    public boolean isFractionValid()
    {
        return fraction > 0 && fraction <= 1;
    }

    /**
     * @return the nodes to forward to, in request order.
     */
    public List<Target> targets()
    {
        return nodes();
    }
}
