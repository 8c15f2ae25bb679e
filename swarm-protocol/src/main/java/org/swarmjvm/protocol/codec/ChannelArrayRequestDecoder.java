package org.swarmjvm.protocol.codec;

/**
 * Decodes requests with a channel and one more array: GetAllFilter (the filter) and PutBatch (the compressed
 * batch).
 * <pre>
 *   i32 command | ARRAY(channel) | ARRAY(filter or compressed batch)
 * </pre>
 */
public final class ChannelArrayRequestDecoder extends ChannelRequestDecoder
{
    private int arrayOffset;
    private int arrayLength;

    @Override
    public int decode(final RequestScanner scanner)
    {
        if (!scanChannel(scanner) || !scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
        {
            return scanner.shortfall();
        }
        arrayOffset = scanner.fieldOffset();
        arrayLength = scanner.fieldLength();
        return scanner.complete();
    }

    /**
     * @return offset of the second array.
     */
    public int arrayOffset()
    {
        return arrayOffset;
    }

    /**
     * @return length of the second array.
     */
    public int arrayLength()
    {
        return arrayLength;
    }
}
