package org.swarmjvm.dht.node.storage;

import java.util.Locale;

/**
 * How a channel stores its values in its map: as the client sent them, or LZ4-compressed (docs/dht.md, "Value
 * compression"). Clients, iterations and dumps see the values as sent either way.
 */
public enum ValueCompression
{
    /** Values stored as sent. */
    NONE,
    /** Values stored as an LZ4 block behind a header, or as sent behind a header when they do not shrink. */
    LZ4;

    /**
     * @param value of a config key: {@code none} or {@code lz4}, in any case.
     * @return the compression it names.
     * @throws IllegalArgumentException for any other value.
     */
    public static ValueCompression parse(final String value)
    {
        try
        {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("must be none or lz4", ex);
        }
    }
}
