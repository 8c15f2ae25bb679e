package org.swarmjvm.protocol.queue.codec;

import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.RequestScanner;

/**
 * Decodes PushMulti: one value for several channels.
 * <pre>
 *   i32 command | ARRAY(channel) ... | ARRAY("") | ARRAY(value)
 * </pre>
 */
public final class PushMultiRequestDecoder extends ChannelListRequestDecoder
{
    private int valueOffset;
    private int valueLength;

    @Override
    public int decode(final RequestScanner scanner)
    {
        final int result = scanChannelList(scanner);
        if (result < 0)
        {
            return result;
        }
        if (!scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
        {
            return scanner.shortfall();
        }
        valueOffset = scanner.fieldOffset();
        valueLength = scanner.fieldLength();
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
     * @return length of the value; 0 is answered EmptyValue.
     */
    public int valueLength()
    {
        return valueLength;
    }
}
