package org.swarmjvm.protocol.logfiles.codec;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.RequestEncoder;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.logfiles.FilterMode;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;

import java.util.List;

/**
 * Writes logfiles requests as a legacy client sends them (dlsproto's client requests): the command code, then the
 * fields back to back. Keys and bounds are rendered as 16 lower-case hex digits, as the D client does. One method
 * per request shape; the caller sends the written bytes.
 */
public final class LogfilesRequestEncoder extends RequestEncoder<LogfilesCommand>
{
    /**
     * @param writer wrapped over the buffer requests are written into.
     */
    public LogfilesRequestEncoder(final WireWriter writer)
    {
        super(writer);
    }

    /**
     * @param channel name.
     * @param key     record key.
     * @param value   buffer holding the value.
     * @param offset  of the value.
     * @param length  of the value.
     * @return the writer, positioned after the request.
     */
    public WireWriter put(
        final String channel, final long key, final DirectBuffer value, final int offset, final int length)
    {
        return channelKey(LogfilesCommand.PUT, channel, key).array(value, offset, length);
    }

    /**
     * @param channel name.
     * @param filter  substring the values must contain.
     * @return the writer, positioned after the request.
     */
    public WireWriter getAllFilter(final String channel, final byte[] filter)
    {
        return channelArray(LogfilesCommand.GET_ALL_FILTER, channel, filter);
    }

    /**
     * @param channel name.
     * @param lower   smallest key, inclusive.
     * @param upper   largest key, inclusive.
     * @return the writer, positioned after the request.
     */
    public WireWriter getRange(final String channel, final long lower, final long upper)
    {
        return channelKey(LogfilesCommand.GET_RANGE, channel, lower).hexKey(upper);
    }

    /**
     * GetRange with the bounds as given, for bounds a well-behaved client would not send (upper-case, non-hex).
     *
     * @param channel name.
     * @param lower   lower bound as sent.
     * @param upper   upper bound as sent.
     * @return the writer, positioned after the request.
     */
    public WireWriter getRange(final String channel, final String lower, final String upper)
    {
        return writer.i32(LogfilesCommand.GET_RANGE.code()).array(channel).array(lower).array(upper);
    }

    /**
     * @param channel name.
     * @param lower   smallest key, inclusive.
     * @param upper   largest key, inclusive.
     * @param filter  substring the values must contain.
     * @return the writer, positioned after the request.
     */
    public WireWriter getRangeFilter(final String channel, final long lower, final long upper, final byte[] filter)
    {
        return channelKey(LogfilesCommand.GET_RANGE_FILTER, channel, lower).hexKey(upper).array(filter);
    }

    /**
     * @param channel name.
     * @param lower   smallest key, inclusive.
     * @param upper   largest key, inclusive.
     * @param mode    how the filter is matched.
     * @param filter  substring or regular expression.
     * @return the writer, positioned after the request.
     */
    public WireWriter getRangeRegex(
        final String channel, final long lower, final long upper, final FilterMode mode, final byte[] filter)
    {
        return getRangeRegex(channel, lower, upper, mode.code(), filter);
    }

    /**
     * GetRangeRegex with any mode byte, including invalid ones.
     *
     * @param channel  name.
     * @param lower    smallest key, inclusive.
     * @param upper    largest key, inclusive.
     * @param modeByte the u8 mode as sent.
     * @param filter   substring or regular expression.
     * @return the writer, positioned after the request.
     */
    public WireWriter getRangeRegex(
        final String channel, final long lower, final long upper, final int modeByte, final byte[] filter)
    {
        return channelKey(LogfilesCommand.GET_RANGE_REGEX, channel, lower).hexKey(upper).u8(modeByte)
            .array(filter);
    }

    /**
     * PutBatch: the batch array is written by the caller right after, with
     * {@link org.swarmjvm.protocol.batch.RecordBatchWriter#writeArray}.
     *
     * @param channel name.
     * @return the writer, positioned where the batch array goes.
     */
    public WireWriter putBatchHeader(final String channel)
    {
        return channel(LogfilesCommand.PUT_BATCH, channel);
    }

    /**
     * @param fraction of the buckets to move, {@code 0 < fraction <= 1}.
     * @param targets  nodes to move them to.
     * @return the writer, positioned after the request.
     */
    public WireWriter redistribute(final float fraction, final List<RedistributeRequestDecoder.Target> targets)
    {
        writer.i32(LogfilesCommand.REDISTRIBUTE.code());
        writer.buffer().putFloat(writer.position(), fraction, java.nio.ByteOrder.LITTLE_ENDIAN);
        writer.position(writer.position() + Float.BYTES);
        for (final RedistributeRequestDecoder.Target target : targets)
        {
            writer.array(target.address()).u16(target.port());
        }
        return writer.emptyArray();
    }
}
