package org.swarmjvm.protocol.dht.codec;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.RequestDecoder;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.dht.HashRange;

import java.util.ArrayList;
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
public final class RedistributeRequestDecoder implements RequestDecoder
{
    /** Most targets accepted in one request; a longer list closes the connection. */
    public static final int MAX_TARGETS = 1024;

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

    private final List<Target> targets = new ArrayList<>();
    private HashRange newRange;

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
        if (!scanner.fixed(2 * Long.BYTES))
        {
            return scanner.shortfall();
        }
        final DirectBuffer buffer = scanner.buffer();
        newRange = new HashRange(
            buffer.getLong(scanner.fieldOffset(), LITTLE_ENDIAN),
            buffer.getLong(scanner.fieldOffset() + Long.BYTES, LITTLE_ENDIAN));
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
            if (!scanner.fixed(Short.BYTES + 2 * Long.BYTES))
            {
                return scanner.shortfall();
            }
            final int at = scanner.fieldOffset();
            targets.add(new Target(
                address,
                buffer.getShort(at, LITTLE_ENDIAN) & 0xffff,
                new HashRange(
                    buffer.getLong(at + Short.BYTES, LITTLE_ENDIAN),
                    buffer.getLong(at + Short.BYTES + Long.BYTES, LITTLE_ENDIAN))));
        }
        return RequestScanner.CLOSE_AFTER_DISCARD;
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
        return targets;
    }
}
