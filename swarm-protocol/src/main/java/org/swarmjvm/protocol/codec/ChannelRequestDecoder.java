package org.swarmjvm.protocol.codec;

import org.agrona.DirectBuffer;

/**
 * Decodes requests whose only field is the channel, in every protocol: DHT RemoveChannel, GetChannelSize, Listen,
 * GetAll, GetAllKeys; queue Pop, Consume, Produce, RemoveChannel; logfiles GetAll, RemoveChannel. Decoders with
 * more fields extend it and scan the channel first.
 * <pre>
 *   i32 command | ARRAY(channel)
 * </pre>
 * A flyweight: the offsets point into the connection's read buffer and are valid until the request has been
 * handled. Whether the name is valid (charset, and each protocol's own maximum length) is the handler's question (it
 * answers BadChannelName); a name longer than the array limit closes the connection after its bytes were
 * discarded, as in the original.
 */
public class ChannelRequestDecoder implements RequestDecoder
{
    private DirectBuffer buffer;
    private int channelOffset;
    private int channelLength;

    /**
     * Decodes the request body that follows the command code.
     *
     * @param scanner wrapped over the received bytes.
     * @return a {@link RequestScanner} result: bytes taken, or what the connection must do.
     */
    @Override
    public int decode(final RequestScanner scanner)
    {
        if (!scanChannel(scanner))
        {
            return scanner.shortfall();
        }
        return scanner.complete();
    }

    /**
     * Scans the channel field; subclasses call this first, then scan their own fields.
     *
     * @param scanner wrapped over the received bytes.
     * @return false when the scanner came short.
     */
    protected final boolean scanChannel(final RequestScanner scanner)
    {
        buffer = scanner.buffer();
        if (!scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
        {
            return false;
        }
        channelOffset = scanner.fieldOffset();
        channelLength = scanner.fieldLength();
        return true;
    }

    /**
     * @return the buffer the decoded fields lie in.
     */
    public final DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the channel name.
     */
    public final int channelOffset()
    {
        return channelOffset;
    }

    /**
     * @return length of the channel name.
     */
    public final int channelLength()
    {
        return channelLength;
    }
}
