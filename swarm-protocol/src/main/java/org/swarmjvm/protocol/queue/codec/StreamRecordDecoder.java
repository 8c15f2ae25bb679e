package org.swarmjvm.protocol.queue.codec;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.RequestDecoder;
import org.swarmjvm.protocol.codec.RequestScanner;

/**
 * Decodes one element of a Produce or ProduceMulti stream, which the client sends after the node's OK.
 * <pre>
 *   ARRAY(record)        a record to store
 *   ARRAY("")            the end of the stream; the node then reads commands again
 * </pre>
 * There is no command code before an element, so the scanner is wrapped at the element's first byte.
 */
public final class StreamRecordDecoder implements RequestDecoder
{
    private DirectBuffer buffer;
    private int recordOffset;
    private int recordLength;

    /**
     * Decodes one stream element.
     *
     * @param scanner wrapped over the received bytes.
     * @return a {@link RequestScanner} result: bytes taken, or what the connection must do.
     */
    @Override
    public int decode(final RequestScanner scanner)
    {
        buffer = scanner.buffer();
        if (!scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
        {
            return scanner.shortfall();
        }
        recordOffset = scanner.fieldOffset();
        recordLength = scanner.fieldLength();
        return scanner.complete();
    }

    /**
     * @return true when the element was the empty array that ends the stream.
     */
    public boolean isEndOfStream()
    {
        return 0 == recordLength;
    }

    /**
     * @return the buffer the record lies in.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the record.
     */
    public int recordOffset()
    {
        return recordOffset;
    }

    /**
     * @return length of the record.
     */
    public int recordLength()
    {
        return recordLength;
    }
}
