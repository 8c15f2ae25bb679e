package org.swarmjvm.protocol.queue.codec;

import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.codec.RequestScanner;

/**
 * Decodes Push.
 * <pre>
 *   i32 command | ARRAY(channel) | ARRAY(value)
 * </pre>
 * The queue has no ValueTooBig: a value over the 10 MiB array limit is discarded as it arrives and the
 * connection is then closed without a status, as the original does.
 */
public final class PushRequestDecoder extends ChannelRequestDecoder
{
    private int valueOffset;
    private int valueLength;

    @Override
    public int decode(final RequestScanner scanner)
    {
        if (!scanChannel(scanner) || !scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
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
