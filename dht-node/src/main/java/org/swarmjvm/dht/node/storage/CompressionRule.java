package org.swarmjvm.dht.node.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which channels compress their values: a default and channel-name prefixes that override it, the longest matching
 * prefix winning ({@code [Compression]} of the config: {@code default = none}, {@code lz4_prefix = json_, log_}).
 * A channel's compression is chosen when it is created and kept while it lives; its dump holds the values as sent,
 * so a change applies at the next start.
 */
public final class CompressionRule
{
    /** No channel compresses: the node's behaviour without a {@code [Compression]} section. */
    public static final CompressionRule NONE = new CompressionRule(ValueCompression.NONE, Map.of());

    private final ValueCompression defaultCompression;
    private final List<String> prefixes = new ArrayList<>();
    private final List<ValueCompression> compressions = new ArrayList<>();

    /**
     * @param defaultCompression of channels that no prefix names.
     * @param prefixes           channel-name prefix to the compression of the channels it names.
     */
    public CompressionRule(final ValueCompression defaultCompression, final Map<String, ValueCompression> prefixes)
    {
        this.defaultCompression = defaultCompression;
        prefixes.entrySet().stream()
            .sorted((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()))
            .forEach(entry ->
            {
                this.prefixes.add(entry.getKey());
                this.compressions.add(entry.getValue());
            });
    }

    /**
     * @param channel name.
     * @return how that channel stores its values.
     */
    public ValueCompression compressionOf(final String channel)
    {
        for (int i = 0; i < prefixes.size(); i++)
        {
            if (channel.startsWith(prefixes.get(i)))
            {
                return compressions.get(i);
            }
        }
        return defaultCompression;
    }

    /**
     * @return true when some channel may compress.
     */
    public boolean compressesAny()
    {
        return ValueCompression.NONE != defaultCompression || compressions.contains(ValueCompression.LZ4);
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("default ").append(defaultCompression);
        for (int i = 0; i < prefixes.size(); i++)
        {
            text.append(", ").append(prefixes.get(i)).append("* ").append(compressions.get(i));
        }
        return text.toString();
    }
}
