package org.swarmjvm.protocol.codec;

/**
 * Base of the legacy protocols' request encoders (as a client sends requests: the command code, then the fields
 * back to back): the writer, and the request shapes every protocol has, written once. The caller sends the
 * written bytes.
 *
 * @param <C> the protocol's command enum, so that an encoder writes only its own protocol's commands.
 */
public abstract class RequestEncoder<C extends CommandCode>
{
    /** Where the requests are written. */
    protected final WireWriter writer;

    /**
     * @param writer wrapped over the buffer requests are written into.
     */
    protected RequestEncoder(final WireWriter writer)
    {
        this.writer = writer;
    }

    /**
     * A request without fields, such as GetChannels, GetNumConnections or GetVersion.
     *
     * @param command to send.
     * @return the writer, positioned after the request.
     */
    public final WireWriter command(final C command)
    {
        return writer.i32(command.code());
    }

    /**
     * A request with the channel as its only field, such as RemoveChannel or GetAll; also the header of a request
     * whose next field the caller writes (PutBatch's batch).
     *
     * @param command to send.
     * @param channel name.
     * @return the writer, positioned after the request.
     */
    public final WireWriter channel(final C command, final String channel)
    {
        return writer.i32(command.code()).array(channel);
    }

    /**
     * A request with the channel and a key as 16 lower-case hex digits, such as the DHT's Get; also the start of a
     * request whose further fields the caller writes (Put's value, GetRange's upper bound).
     *
     * @param command to send.
     * @param channel name.
     * @param key     record key or lower bound.
     * @return the writer, positioned after the key.
     */
    protected final WireWriter channelKey(final C command, final String channel, final long key)
    {
        return writer.i32(command.code()).array(channel).hexKey(key);
    }

    /**
     * A request with the channel and one more array, such as GetAllFilter.
     *
     * @param command to send.
     * @param channel name.
     * @param array   the second field.
     * @return the writer, positioned after the request.
     */
    protected final WireWriter channelArray(final C command, final String channel, final byte[] array)
    {
        return writer.i32(command.code()).array(channel).array(array);
    }
}
