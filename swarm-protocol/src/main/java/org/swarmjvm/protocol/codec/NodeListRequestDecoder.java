package org.swarmjvm.protocol.codec;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a request made of fixed head fields and a list of nodes, each an address and fixed fields (the legacy
 * Redistribute of the DHT and of logfiles).
 * <pre>
 *   head fields (fixed length)
 *   repeat:  ARRAY(address) | node fields (fixed length)
 *   ARRAY("")                                    an empty address ends the list, no fields follow it
 * </pre>
 * Such requests are rare and long; the list is materialised as objects.
 *
 * @param <T> a node of the list.
 */
public abstract class NodeListRequestDecoder<T> implements RequestDecoder
{
    /** Most nodes accepted in one request; a longer list closes the connection. */
    public static final int MAX_NODES = 1024;

    private final List<T> nodes = new ArrayList<>();
    private final int headLength;
    private final int nodeFieldsLength;

    /**
     * @param headLength       bytes of the fixed fields before the list.
     * @param nodeFieldsLength bytes of the fixed fields after each node's address.
     */
    protected NodeListRequestDecoder(final int headLength, final int nodeFieldsLength)
    {
        this.headLength = headLength;
        this.nodeFieldsLength = nodeFieldsLength;
    }

    /**
     * Decodes the request body that follows the command code.
     *
     * @param scanner wrapped over the received bytes.
     * @return a {@link RequestScanner} result.
     */
    @Override
    public final int decode(final RequestScanner scanner)
    {
        nodes.clear();
        if (!scanner.fixed(headLength))
        {
            return scanner.shortfall();
        }
        final DirectBuffer buffer = scanner.buffer();
        decodeHead(buffer, scanner.fieldOffset());
        while (nodes.size() <= MAX_NODES)
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
            if (!scanner.fixed(nodeFieldsLength))
            {
                return scanner.shortfall();
            }
            nodes.add(node(address, buffer, scanner.fieldOffset()));
        }
        return RequestScanner.CLOSE_AFTER_DISCARD;
    }

    /**
     * @return the nodes of the list, in request order.
     */
    public final List<T> nodes()
    {
        return nodes;
    }

    /**
     * Reads the head fields.
     *
     * @param buffer holding the request.
     * @param offset of the head fields.
     */
    protected abstract void decodeHead(DirectBuffer buffer, int offset);

    /**
     * Makes one node of the list.
     *
     * @param address the node's address as text.
     * @param buffer  holding the request.
     * @param offset  of the node's fixed fields.
     * @return the node.
     */
    protected abstract T node(String address, DirectBuffer buffer, int offset);
}
