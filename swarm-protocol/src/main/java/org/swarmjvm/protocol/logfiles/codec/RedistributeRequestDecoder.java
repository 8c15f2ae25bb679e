package org.swarmjvm.protocol.logfiles.codec;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.RequestDecoder;
import org.swarmjvm.protocol.codec.RequestScanner;

import java.util.ArrayList;
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
public final class RedistributeRequestDecoder implements RequestDecoder
{
    /** Most targets accepted in one request; a longer list closes the connection. */
    public static final int MAX_TARGETS = 1024;

    /**
     * One node to forward buckets to.
     *
     * @param address the node's address as text.
     * @param port    its legacy port.
     */
    public record Target(String address, int port)
    {
    }

    private final List<Target> targets = new ArrayList<>();
    private float fraction;

    /**
     * Decodes the request body that follows the command code.
     *
     * @param scanner wrapped over the received bytes.
     * @return a {@link RequestScanner} result.
     */
    @Override
    public int decode(final RequestScanner scanner)
    {
        targets.clear();
        if (!scanner.fixed(Float.BYTES))
        {
            return scanner.shortfall();
        }
        final DirectBuffer buffer = scanner.buffer();
        fraction = buffer.getFloat(scanner.fieldOffset(), LITTLE_ENDIAN);
        while (targets.size() <= MAX_TARGETS)
        {
            if (!scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
            {
                return scanner.shortfall();
            }
            if (0 == scanner.fieldLength())
            {
                return scanner.complete();
            }
            final String address = buffer.getStringWithoutLengthAscii(scanner.fieldOffset(), scanner.fieldLength());
            if (!scanner.fixed(Short.BYTES))
            {
                return scanner.shortfall();
            }
            targets.add(new Target(address, buffer.getShort(scanner.fieldOffset(), LITTLE_ENDIAN) & 0xffff));
        }
        return RequestScanner.CLOSE_AFTER_DISCARD;
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
        return targets;
    }
}
