package org.swarmjvm.protocol.dht.codec;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.RequestEncoder;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;

import java.util.List;

/**
 * Writes DHT requests as a legacy client sends them (dhtproto's client {@code IRequest}s): the command code, then
 * the fields back to back. One method per command; the caller sends the written bytes.
 */
public final class DhtRequestEncoder extends RequestEncoder<DhtCommand>
{
    /**
     * @param writer wrapped over the buffer requests are written into.
     */
    public DhtRequestEncoder(final WireWriter writer)
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
        return channelKey(DhtCommand.PUT, channel, key).array(value, offset, length);
    }

    /**
     * @param channel name.
     * @param key     record key.
     * @param value   the whole array is the value.
     * @return the writer, positioned after the request.
     */
    public WireWriter put(final String channel, final long key, final byte[] value)
    {
        return channelKey(DhtCommand.PUT, channel, key).array(value);
    }

    /**
     * @param channel name.
     * @param key     record key.
     * @return the writer, positioned after the request.
     */
    public WireWriter get(final String channel, final long key)
    {
        return channelKey(DhtCommand.GET, channel, key);
    }

    /**
     * @param channel name.
     * @param key     record key.
     * @return the writer, positioned after the request.
     */
    public WireWriter exists(final String channel, final long key)
    {
        return channelKey(DhtCommand.EXISTS, channel, key);
    }

    /**
     * @param channel name.
     * @param key     record key.
     * @return the writer, positioned after the request.
     */
    public WireWriter remove(final String channel, final long key)
    {
        return channelKey(DhtCommand.REMOVE, channel, key);
    }

    /**
     * @param channel name.
     * @param filter  substring the values must contain.
     * @return the writer, positioned after the request.
     */
    public WireWriter getAllFilter(final String channel, final byte[] filter)
    {
        return channelArray(DhtCommand.GET_ALL_FILTER, channel, filter);
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
        return channel(DhtCommand.PUT_BATCH, channel);
    }

    /**
     * @param newRange the receiving node's new range.
     * @param targets  nodes to move records to.
     * @return the writer, positioned after the request.
     */
    public WireWriter redistribute(final HashRange newRange, final List<RedistributeRequestDecoder.Target> targets)
    {
        writer.i32(DhtCommand.REDISTRIBUTE.code()).u64(newRange.min()).u64(newRange.max());
        for (final RedistributeRequestDecoder.Target target : targets)
        {
            writer.array(target.address()).u16(target.port()).u64(target.range().min()).u64(target.range().max());
        }
        return writer.emptyArray();
    }
}
