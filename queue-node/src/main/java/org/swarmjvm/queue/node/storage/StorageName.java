package org.swarmjvm.queue.node.storage;

/**
 * Names of storages: {@code <channel>} for a channel without subscribers, {@code <subscriber>@<channel>} for a
 * subscriber's storage, {@code @<channel>} for the default subscriber (the empty name, used by the legacy
 * Consume). They name the {@code .rq} dumps and the lines of {@code ofchannels.csv}.
 */
public final class StorageName
{
    /** Separates the subscriber from the channel. */
    public static final char SEPARATOR = '@';

    /**
     * Longest storage name: the longest file named after a storage, its dump's temporary file
     * {@code <storage>.rq.tmp}, must fit the file systems' 255 bytes. A channel name of
     * {@link org.swarmjvm.protocol.queue.QueueConst#MAX_CHANNEL_NAME_LENGTH} leaves room for the default
     * subscriber's {@code @}; a named subscriber must fit what is left.
     */
    public static final int MAX_LENGTH =
        QueueStore.MAX_FILE_NAME_LENGTH - RingDumpFile.SUFFIX.length() - RingDumpFile.TEMPORARY_SUFFIX.length();

    private StorageName()
    {
    }

    /**
     * The storage name for a channel and subscriber.
     *
     * @param channel    name.
     * @param subscriber name, or {@code null} for the channel's plain storage.
     * @return the storage name.
     */
    public static String of(final String channel, final String subscriber)
    {
        return null == subscriber ? channel : subscriber + SEPARATOR + channel;
    }

    /**
     * Whether a name is a valid storage name, as the original checks dump file base names and index names:
     * ASCII letters, digits, {@code '_'} and {@code '-'}, with at most one {@code '@'} that is not the last
     * character (a leading one is the default subscriber).
     *
     * @param name to check.
     * @return true when valid.
     */
    public static boolean isValid(final String name)
    {
        final int length = name.length();
        if (0 == length)
        {
            return false;
        }
        int separators = 0;
        for (int i = 0; i < length; i++)
        {
            final char c = name.charAt(i);
            if (SEPARATOR == c)
            {
                separators++;
                if (separators > 1 || i == length - 1)
                {
                    return false;
                }
            }
            else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param channelLength    bytes of a valid channel name.
     * @param subscriberLength bytes of a valid subscriber name ({@code 0} for the default subscriber).
     * @return true when the subscriber's storage name fits {@link #MAX_LENGTH}.
     */
    public static boolean fits(final int channelLength, final int subscriberLength)
    {
        return subscriberLength + 1 + channelLength <= MAX_LENGTH;
    }

    /**
     * @param storageName a valid storage name.
     * @return the channel part.
     */
    public static String channelOf(final String storageName)
    {
        return storageName.substring(storageName.indexOf(SEPARATOR) + 1);
    }

    /**
     * @param storageName a valid storage name.
     * @return the subscriber part ({@code ""} for the default subscriber), or {@code null} for a plain storage.
     */
    public static String subscriberOf(final String storageName)
    {
        final int at = storageName.indexOf(SEPARATOR);
        return at < 0 ? null : storageName.substring(0, at);
    }
}
