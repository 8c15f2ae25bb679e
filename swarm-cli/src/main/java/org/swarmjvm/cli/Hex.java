package org.swarmjvm.cli;

/**
 * Hex text of byte strings and keys, as the command line reads and prints them.
 */
public final class Hex
{
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex()
    {
    }

    /**
     * @param bytes to render.
     * @return two lower-case digits per byte.
     */
    public static String encode(final byte[] bytes)
    {
        final char[] text = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++)
        {
            text[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            text[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(text);
    }

    /**
     * @param text an even number of hex digits, either case; spaces and an {@code 0x} prefix are ignored.
     * @return the bytes.
     * @throws CliException (usage) when the text is not hex.
     */
    public static byte[] decode(final String text)
    {
        String digits = text.replace(" ", "");
        if (digits.startsWith("0x") || digits.startsWith("0X"))
        {
            digits = digits.substring(2);
        }
        if (digits.length() % 2 != 0)
        {
            throw new CliException(ExitCode.USAGE, "hex value has an odd number of digits: \"" + text + "\"");
        }
        final byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            final int high = Character.digit(digits.charAt(2 * i), 16);
            final int low = Character.digit(digits.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0)
            {
                throw new CliException(ExitCode.USAGE, "not a hex value: \"" + text + "\"");
            }
            bytes[i] = (byte)((high << 4) | low);
        }
        return bytes;
    }
}
