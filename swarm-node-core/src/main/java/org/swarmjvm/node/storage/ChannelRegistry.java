package org.swarmjvm.node.storage;

import org.agrona.DirectBuffer;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The channels of a node by name. Lookups take the name's bytes from the request without copying them; a name is
 * copied into a {@link String} only when a channel is created. Safe for the poller thread and the blocking worker
 * to use at once.
 *
 * @param <C> the engine's channel type.
 */
public final class ChannelRegistry<C>
{
    private final ConcurrentHashMap<Object, C> channels = new ConcurrentHashMap<>();
    private final ChannelNameFlyweight lookupKey = new ChannelNameFlyweight();
    private final Function<String, C> factory;

    /**
     * @param factory creates a channel for a new name.
     */
    public ChannelRegistry(final Function<String, C> factory)
    {
        this.factory = factory;
    }

    /**
     * Finds a channel; for the poller thread only (the lookup key is shared).
     *
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return the channel, or {@code null} when there is none of that name.
     */
    public C get(final DirectBuffer buffer, final int offset, final int length)
    {
        return channels.get(lookupKey.wrap(buffer, offset, length));
    }

    /**
     * Finds a channel by name.
     *
     * @param name of the channel.
     * @return the channel, or {@code null}.
     */
    public C get(final String name)
    {
        return channels.get(name);
    }

    /**
     * Finds or creates a channel; for the poller thread only.
     *
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return the channel.
     */
    public C getOrCreate(final DirectBuffer buffer, final int offset, final int length)
    {
        final C existing = get(buffer, offset, length);
        return null != existing ? existing : getOrCreate(buffer.getStringWithoutLengthAscii(offset, length));
    }

    /**
     * Finds or creates a channel by name.
     *
     * @param name of the channel.
     * @return the channel.
     */
    public C getOrCreate(final String name)
    {
        return getOrCreate(name, factory);
    }

    /**
     * Finds or creates a channel by name, made by another factory than the registry's when it is missing.
     *
     * @param name    of the channel.
     * @param creator makes the channel when it is missing.
     * @return the channel.
     */
    public C getOrCreate(final String name, final Function<String, C> creator)
    {
        return channels.computeIfAbsent(name, key -> creator.apply((String)key));
    }

    /**
     * Removes a channel from the registry; closing it is the caller's business.
     *
     * @param name of the channel.
     * @return the removed channel, or {@code null}.
     */
    public C remove(final String name)
    {
        return channels.remove(name);
    }

    /**
     * @return a live view of the channels.
     */
    public Collection<C> channels()
    {
        return channels.values();
    }
}
