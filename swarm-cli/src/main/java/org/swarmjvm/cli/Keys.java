package org.swarmjvm.cli;

import org.swarmjvm.protocol.dht.HexKey;

/**
 * Record keys as the command line takes them: 1 to 16 hex digits (an {@code 0x} prefix allowed), or with
 * {@code --hash} any string, hashed with {@link Fnv1a64} over its UTF-8 bytes.
 */
public final class Keys
{
    private Keys()
    {
    }

    /**
     * @param text the KEY argument.
     * @param hash whether the text is a string to hash rather than hex digits.
     * @return the key.
     * @throws CliException (usage) when the text is not 1 to 16 hex digits and not to be hashed.
     */
    public static long parse(final String text, final boolean hash)
    {
        if (hash)
        {
            return Fnv1a64.hash(text);
        }
        final String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() > HexKey.LENGTH || !digits.chars().allMatch(Keys::isHexDigit))
        {
            throw new CliException(ExitCode.USAGE, "key \"" + text + "\" is not 1 to 16 hex digits " +
                "(--hash takes any string and uses its FNV-1a 64 hash)");
        }
        return Long.parseUnsignedLong(digits, 16);
    }

    /**
     * @param key a record key.
     * @return its 16 lower-case hex digits, as on the wire.
     */
    public static String format(final long key)
    {
        return HexKey.toString(key);
    }

    private static boolean isHexDigit(final int c)
    {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
