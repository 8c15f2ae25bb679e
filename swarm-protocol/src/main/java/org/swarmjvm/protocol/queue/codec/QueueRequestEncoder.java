package org.swarmjvm.protocol.queue.codec;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.RequestEncoder;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.queue.QueueCommand;

import java.util.List;

/**
 * Writes queue requests as a legacy client sends them (dmqproto's client {@code IRequest}s): the command code,
 * then the fields back to back. One method per command; the caller sends the written bytes.
 */
public final class QueueRequestEncoder extends RequestEncoder<QueueCommand>
{
    /**
     * @param writer wrapped over the buffer requests are written into.
     */
    public QueueRequestEncoder(final WireWriter writer)
    {
        super(writer);
    }

    /**
     * @param channel name.
     * @param value   buffer holding the record.
     * @param offset  of the record.
     * @param length  of the record.
     * @return the writer, positioned after the request.
     */
    public WireWriter push(final String channel, final DirectBuffer value, final int offset, final int length)
    {
        return writer.i32(QueueCommand.PUSH.code()).array(channel).array(value, offset, length);
    }

    /**
     * @param channel name.
     * @param value   the record.
     * @return the writer, positioned after the request.
     */
    public WireWriter push(final String channel, final byte[] value)
    {
        return writer.i32(QueueCommand.PUSH.code()).array(channel).array(value);
    }

    /**
     * @param channels names, in the order the node stores into them.
     * @param value    the record.
     * @return the writer, positioned after the request.
     */
    public WireWriter pushMulti(final List<String> channels, final byte[] value)
    {
        return channelList(QueueCommand.PUSH_MULTI, channels).array(value);
    }

    /**
     * @param channels names.
     * @return the writer, positioned after the request.
     */
    public WireWriter produceMulti(final List<String> channels)
    {
        return channelList(QueueCommand.PRODUCE_MULTI, channels);
    }

    /**
     * @return the writer, positioned after GetNumConnections, which has no fields.
     */
    public WireWriter getNumConnections()
    {
        return command(QueueCommand.GET_NUM_CONNECTIONS);
    }

    /**
     * One record of a Produce or ProduceMulti stream.
     *
     * @param record a non-empty record (an empty one would end the stream).
     * @return the writer, positioned after the element.
     */
    public WireWriter streamRecord(final byte[] record)
    {
        if (0 == record.length)
        {
            throw new IllegalArgumentException("an empty record would end the stream");
        }
        return writer.array(record);
    }

    /**
     * @return the writer, positioned after the empty array that ends a Produce stream.
     */
    public WireWriter endOfStream()
    {
        return writer.emptyArray();
    }

    private WireWriter channelList(final QueueCommand command, final List<String> channels)
    {
        writer.i32(command.code());
        for (final String channel : channels)
        {
            writer.array(channel);
        }
        return writer.emptyArray();
    }
}
