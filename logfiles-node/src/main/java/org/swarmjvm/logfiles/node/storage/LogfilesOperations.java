package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

/**
 * The logfiles storage rules that every protocol's requests follow, written once: which names are channels, which
 * values a Put may store, and the Put that needs no disk. The legacy and neo handlers decode their request, ask
 * here and map the outcome to their own statuses; what needs the disk runs as an append task on the worker.
 * Allocates nothing.
 */
public final class LogfilesOperations
{
    /** What the checks of a Put found. */
    public enum PutCheck
    {
        /** The value may be stored. */
        ACCEPTED,
        /** The value is over {@link LogfilesConst#MAX_PUT_VALUE_LENGTH} (nothing is stored). */
        VALUE_TOO_BIG,
        /**
         * The value is empty (nothing is stored): crash recovery takes an empty record for the zeros a torn write
         * leaves, and cuts the bucket there.
         */
        EMPTY_VALUE
    }

    private final LogfilesStorage storage;

    /**
     * @param storage the node's channels.
     */
    public LogfilesOperations(final LogfilesStorage storage)
    {
        this.storage = storage;
    }

    /**
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return true when the name is a valid channel name: 1 to 255 bytes of {@code [A-Za-z0-9_-]}, since it
     *     becomes a directory.
     */
    public static boolean isValidChannel(final DirectBuffer buffer, final int offset, final int length)
    {
        return ChannelName.isValid(buffer, offset, length, LogfilesConst.MAX_CHANNEL_NAME_LENGTH);
    }

    /**
     * The value checks of a Put, in the original's order.
     *
     * @param discarded whether the decoder already dropped the value as over the limit.
     * @param length    the value's length.
     * @return the outcome.
     */
    public static PutCheck checkPutValue(final boolean discarded, final int length)
    {
        if (discarded || length > LogfilesConst.MAX_PUT_VALUE_LENGTH)
        {
            return PutCheck.VALUE_TOO_BIG;
        }
        return 0 == length ? PutCheck.EMPTY_VALUE : PutCheck.ACCEPTED;
    }

    /**
     * The Put that needs no disk, on the network thread: a record of an existing channel whose bucket is open with
     * room in its write buffer is appended at once. Anything else (a new channel, a bucket to open, a full
     * buffer) is for the worker's append task.
     *
     * @param channel the channel's name, valid.
     * @param key     the record's key.
     * @param value   holding the value, checked by {@link #checkPutValue}.
     * @param offset  of the value.
     * @param length  of the value.
     * @return true when the record was appended.
     */
    public boolean appendBuffered(
        final String channel, final long key, final DirectBuffer value, final int offset, final int length)
    {
        final LogfilesChannel existing = storage.channel(channel);
        return null != existing && existing.tryAppendBuffered(key, value, offset, length);
    }
}
