package org.swarmjvm.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.neo.NeoPayloadReader;

/**
 * A neo request that reads arguments: a payload reader, field reads that close the connection as
 * {@link #malformed} when the field is missing (so a handler's opening is one condition of reads), and the
 * channel array, checked by the engine's name rule, which every engine reads the same way.
 */
public abstract class ArgumentsRequest extends NeoRequest
{
    /** Reads the arguments: wrapped on them before {@link #onArguments} is called. */
    protected final NeoPayloadReader reader = new NeoPayloadReader();
    private int channelOffset;
    private int channelLength;

    @Override
    protected final void onStart(final DirectBuffer buffer, final int offset, final int length)
    {
        reader.wrap(buffer, offset, length);
        onArguments(buffer, offset, length);
    }

    /**
     * The first message, with {@link #reader} wrapped on its arguments.
     *
     * @param buffer holding the arguments; valid during the call only.
     * @param offset of the arguments (after code and version).
     * @param length of the arguments.
     */
    protected abstract void onArguments(DirectBuffer buffer, int offset, int length);

    /**
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return true when the engine accepts the name as a channel's.
     */
    protected abstract boolean isValidChannelName(DirectBuffer buffer, int offset, int length);

    /**
     * Reads the channel's {@code ARRAY}: its bytes are then at {@link #channelOffset()}, {@link #channelLength()}.
     *
     * @param request name of the request, for the log of a malformed one.
     * @return false, after closing the connection, when the array is cut short.
     */
    protected final boolean readChannel(final String request)
    {
        if (!readArray(request))
        {
            return false;
        }
        channelOffset = reader.arrayOffset();
        channelLength = reader.arrayLength();
        return true;
    }

    /**
     * @return true when the channel name read by {@link #readChannel} is valid; ask while the arguments' buffer is.
     */
    protected final boolean isValidChannel()
    {
        return isValidChannelName(reader.buffer(), channelOffset, channelLength);
    }

    /**
     * @return offset of the channel name read by {@link #readChannel}.
     */
    protected final int channelOffset()
    {
        return channelOffset;
    }

    /**
     * @return length of the channel name read by {@link #readChannel}.
     */
    protected final int channelLength()
    {
        return channelLength;
    }

    /**
     * Reads an {@code ARRAY}: its bytes are then at the reader's {@code arrayOffset()}, {@code arrayLength()}.
     *
     * @param request name of the request, for the log of a malformed one.
     * @return false, after closing the connection, when the array is cut short.
     */
    protected final boolean readArray(final String request)
    {
        return parsed(reader.readArray(), request);
    }

    /**
     * Reads a u8.
     *
     * @param request name of the request, for the log of a malformed one.
     * @return the value, or -1 after closing the connection when it is missing.
     */
    protected final int readU8(final String request)
    {
        final int value = reader.readU8();
        parsed(value >= 0, request);
        return value;
    }

    /**
     * @param request name of the request, for the log of a malformed one.
     * @return true when a u64 follows; false, after closing the connection, when it is missing.
     */
    protected final boolean hasLong(final String request)
    {
        return parsed(reader.hasLong(), request);
    }

    /**
     * @param length bytes the arguments must still hold.
     * @param request name of the request, for the log of a malformed one.
     * @return true when exactly that many are left; false, after closing the connection, otherwise.
     */
    protected final boolean hasExactly(final int length, final String request)
    {
        return parsed(length == reader.remaining(), request);
    }

    private boolean parsed(final boolean parsed, final String request)
    {
        if (!parsed)
        {
            malformed(request);
        }
        return parsed;
    }
}
