package org.swarmjvm.protocol.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Record keys on the wire: a u64 rendered as exactly 16 hex digits, most significant nibble first. Parsing
 * accepts upper- and lower-case digits and nothing else (no {@code 0x}); rendering is always lower-case
 * (swarm's {@code Hash.isHash}, {@code toHexString}).
 */
public final class HexKey
{
    /** Digits in a key. */
    public static final int LENGTH = 16;

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HexKey()
    {
    }

    /**
     * Whether the bytes are a valid key.
     *
     * @param buffer holding the key.
     * @param offset of the first digit.
     * @param length of the key field.
     * @return true when exactly 16 hex digits.
     */
    public static boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != LENGTH)
        {
            return false;
        }
        for (int i = offset; i < offset + LENGTH; i++)
        {
            if (digit(buffer.getByte(i)) < 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a key that {@link #isValid(DirectBuffer, int, int)} accepted.
     *
     * @param buffer holding the key.
     * @param offset of the first digit.
     * @return the key.
     */
    public static long parse(final DirectBuffer buffer, final int offset)
    {
        return (long)parseEightDigits(buffer.getLong(offset, BIG_ENDIAN)) << 32 |
            parseEightDigits(buffer.getLong(offset + Long.BYTES, BIG_ENDIAN)) & 0xffff_ffffL;
    }

    /**
     * Eight valid hex digits at once (every request carries a key: a digit at a time was 8 % of the DHT
     * node's Java samples at 16 pipelined Puts): a digit's value is its low nibble, plus 9 for a letter (bit 6 set),
     * then the nibbles are packed pairwise into bytes, bytes into 16-bit halves, halves into the 32 bits.
     *
     * @param digits the digits' ASCII bytes, the first one most significant.
     * @return their value.
     */
    private static int parseEightDigits(final long digits)
    {
        long nibbles = (digits & 0x0f0f_0f0f_0f0f_0f0fL) + 9 * ((digits >>> 6) & 0x0101_0101_0101_0101L);
        nibbles = (nibbles | nibbles >>> 4) & 0x00ff_00ff_00ff_00ffL;
        nibbles = (nibbles | nibbles >>> 8) & 0x0000_ffff_0000_ffffL;
        return (int)(nibbles | nibbles >>> 16);
    }

    /**
     * Parses a key given as text.
     *
     * @param text 16 hex digits.
     * @return the key.
     * @throws IllegalArgumentException when the text is not 16 hex digits.
     */
    public static long parse(final CharSequence text)
    {
        if (text.length() != LENGTH)
        {
            throw new IllegalArgumentException("a key is 16 hex digits, not \"" + text + "\"");
        }
        long key = 0;
        for (int i = 0; i < LENGTH; i++)
        {
            final char c = text.charAt(i);
            final int d = c > 0x7f ? -1 : digit((byte)c);
            if (d < 0)
            {
                throw new IllegalArgumentException("a key is 16 hex digits, not \"" + text + "\"");
            }
            key = (key << 4) | d;
        }
        return key;
    }

    /**
     * Writes a key as 16 lower-case hex digits.
     *
     * @param key    to render.
     * @param buffer to write into.
     * @param offset of the first digit.
     */
    public static void put(final long key, final MutableDirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < LENGTH; i++)
        {
            buffer.putByte(offset + i, DIGITS[(int)(key >>> (60 - 4 * i)) & 0xf]);
        }
    }

    /**
     * Renders a key as text.
     *
     * @param key to render.
     * @return 16 lower-case hex digits.
     */
    public static String toString(final long key)
    {
        final String hex = Long.toHexString(key);
        return "0000000000000000".substring(hex.length()) + hex;
    }

    private static int digit(final byte b)
    {
        if (b >= '0' && b <= '9')
        {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f')
        {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F')
        {
            return b - 'A' + 10;
        }
        return -1;
    }
}
