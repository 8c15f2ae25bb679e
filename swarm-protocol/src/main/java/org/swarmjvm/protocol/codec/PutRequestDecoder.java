package org.swarmjvm.protocol.codec;

/**
 * Decodes Put.
 * <pre>
 *   i32 command | ARRAY(channel) | ARRAY(key) | ARRAY(value)
 * </pre>
 * A value longer than the record limit is not kept: it is discarded as it arrives and {@link #isValueTooBig()}
 * tells the handler to answer ValueTooBig; the connection stays usable (dhtproto's {@code readArrayLimit}).
 */
public final class PutRequestDecoder extends ChannelKeyRequestDecoder
{
    private final int maxValueLength;
    private int valueOffset;
    private int valueLength;
    private boolean valueTooBig;

    /**
     * @param maxValueLength longest value kept: the node's {@code batch_size - 32}.
     */
    public PutRequestDecoder(final int maxValueLength)
    {
        this.maxValueLength = maxValueLength;
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        if (!scanChannel(scanner) || !scanKey(scanner) || !scanner.arrayOrDiscard(maxValueLength))
        {
            return scanner.shortfall();
        }
        valueOffset = scanner.fieldOffset();
        valueLength = scanner.fieldLength();
        valueTooBig = scanner.isDiscarding();
        return scanner.complete();
    }

    /**
     * @return offset of the value.
     */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * @return length of the value (0 when too big: it was discarded).
     */
    public int valueLength()
    {
        return valueLength;
    }

    /**
     * @return true when the value was over the record limit and discarded.
     */
    public boolean isValueTooBig()
    {
        return valueTooBig;
    }
}
