package org.swarmjvm.queue.node.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ring capacity per channel: the first {@code [ChannelSizeById]} prefix the channel name starts with, else
 * {@code [Server] channel_size_limit}. Every capacity is checked once, here, so a storage never fails to
 * allocate for a bad number.
 */
public final class ChannelSizes
{
    /** Smallest ring: one record with a one-byte payload. */
    public static final long MIN_CAPACITY = RingRecordDescriptor.HEADER_LENGTH + 1;

    /** Largest ring: one buffer indexed by an int, with room for the ring file's header. */
    public static final long MAX_CAPACITY = Integer.MAX_VALUE - StorageFileDescriptor.MAX_HEADER_LENGTH;

    private final int defaultCapacity;
    private final List<String> prefixes = new ArrayList<>();
    private final List<Integer> capacities = new ArrayList<>();

    /**
     * @param defaultCapacity ring bytes for a channel no prefix matches.
     * @param byPrefix        ring bytes per channel-name prefix; no prefix may be a prefix of another.
     */
    public ChannelSizes(final long defaultCapacity, final Map<String, Long> byPrefix)
    {
        this.defaultCapacity = check("channel_size_limit", defaultCapacity);
        for (final Map.Entry<String, Long> entry : byPrefix.entrySet())
        {
            final String prefix = entry.getKey();
            for (final String other : prefixes)
            {
                if (prefix.startsWith(other) || other.startsWith(prefix))
                {
                    throw new IllegalArgumentException("[ChannelSizeById] prefixes '" + other + "' and '" + prefix +
                        "' overlap");
                }
            }
            prefixes.add(prefix);
            capacities.add(check("[ChannelSizeById] " + prefix, entry.getValue()));
        }
    }

    /**
     * @param channel name.
     * @return the ring capacity in bytes for every storage of the channel.
     */
    public int capacityOf(final String channel)
    {
        for (int i = 0; i < prefixes.size(); i++)
        {
            if (channel.startsWith(prefixes.get(i)))
            {
                return capacities.get(i);
            }
        }
        return defaultCapacity;
    }

    private static int check(final String what, final long capacity)
    {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException(what + " = " + capacity + " is not a usable ring size: it must be " +
                MIN_CAPACITY + ".." + MAX_CAPACITY + " bytes");
        }
        return (int)capacity;
    }
}
