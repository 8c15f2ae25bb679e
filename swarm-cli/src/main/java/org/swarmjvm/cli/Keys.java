package org.swarmjvm.cli;

import org.swarmjvm.protocol.codec.HexKey;

/**
 * Record keys as the command line takes them: 1 to 16 hex digits (an {@code 0x} prefix allowed); for the DHT with
 * {@code --hash} any string, hashed with {@link Fnv1a64} over its UTF-8 bytes; for logfiles with {@code --decimal}
 * a decimal number (a Unix time in seconds).
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
        return parseHex(text, " (--hash takes any string and uses its FNV-1a 64 hash)");
    }

    /**
     * @param text a key argument.
     * @param hint what to add to the message when the text is bad, such as the option that takes other text.
     * @return the key.
     * @throws CliException (usage) when the text is not 1 to 16 hex digits.
     */
    public static long parseHex(final String text, final String hint)
    {
        final String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() > HexKey.LENGTH || !digits.chars().allMatch(Keys::isHexDigit))
        {
            throw new CliException(ExitCode.USAGE, "key \"" + text + "\" is not 1 to 16 hex digits" + hint);
        }
        return Long.parseUnsignedLong(digits, 16);
    }

    /**
     * @param text a key argument.
     * @return the key.
     * @throws CliException (usage) when the text is not a decimal number from 0 to 2^64 - 1.
     */
    public static long parseDecimal(final String text)
    {
        try
        {
            if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9'))
            {
                return Long.parseUnsignedLong(text);
            }
        }
        catch (final NumberFormatException ex)
        {
            // over 2^64 - 1: reported below like any other bad number
        }
        throw new CliException(ExitCode.USAGE, "key \"" + text + "\" is not a decimal number from 0 to " +
            Long.toUnsignedString(-1L));
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
