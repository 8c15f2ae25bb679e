package org.swarmjvm.protocol.queue.codec;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.ChannelList;
import org.swarmjvm.protocol.codec.RequestDecoder;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.queue.QueueConst;

/**
 * Decodes ProduceMulti: a channel list, that is channel arrays ended by one empty array.
 * <pre>
 *   i32 command | ARRAY(channel) ... | ARRAY("")
 * </pre>
 * An empty list is legal. The offsets of the names are kept in arrays preallocated for
 * {@link QueueConst#MAX_CHANNELS_PER_REQUEST} names; a longer list closes the connection.
 */
public class ChannelListRequestDecoder implements ChannelList, RequestDecoder
{
    private final int[] channelOffsets = new int[QueueConst.MAX_CHANNELS_PER_REQUEST];
    private final int[] channelLengths = new int[QueueConst.MAX_CHANNELS_PER_REQUEST];
    private DirectBuffer buffer;
    private int channelCount;

    /**
     * Decodes the request body that follows the command code.
     *
     * @param scanner wrapped over the received bytes.
     * @return a {@link RequestScanner} result: bytes taken, or what the connection must do.
     */
    @Override
    public int decode(final RequestScanner scanner)
    {
        final int result = scanChannelList(scanner);
        return result < 0 ? result : scanner.complete();
    }

    /**
     * Scans the channel list; subclasses call this first, then scan their own fields.
     *
     * @param scanner wrapped over the received bytes.
     * @return 0 when the list is complete, or a negative {@link RequestScanner} result.
     */
    protected final int scanChannelList(final RequestScanner scanner)
    {
        buffer = scanner.buffer();
        channelCount = 0;
        while (true)
        {
            if (!scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
            {
                return scanner.shortfall();
            }
            if (0 == scanner.fieldLength())
            {
                return 0;
            }
            if (channelCount == channelOffsets.length)
            {
                return RequestScanner.CLOSE_AFTER_DISCARD;
            }
            channelOffsets[channelCount] = scanner.fieldOffset();
            channelLengths[channelCount] = scanner.fieldLength();
            channelCount++;
        }
    }

    /**
     * @return the buffer the decoded fields lie in.
     */
    @Override
    public final DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return how many channels the list holds (a channel listed twice counts twice).
     */
    @Override
    public final int channelCount()
    {
        return channelCount;
    }

    /**
     * @param index of the channel in the list, from 0.
     * @return offset of that channel's name.
     */
    @Override
    public final int channelOffset(final int index)
    {
        return channelOffsets[index];
    }

    /**
     * @param index of the channel in the list, from 0.
     * @return length of that channel's name.
     */
    @Override
    public final int channelLength(final int index)
    {
        return channelLengths[index];
    }
}
