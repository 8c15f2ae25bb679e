package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Keeps values in which a regular expression matches anywhere (GetRangeRegex modes 1 and 2).
 * <p>
 * The original uses libpcre in 8-bit mode without UTF-8; here {@code java.util.regex} matches the value with each
 * byte taken as one character (ISO-8859-1), so byte-oriented expressions behave alike. Syntax beyond the common
 * Perl subset (possessive and atomic groups exist in both; PCRE-only verbs and callouts do not) may differ;
 * case-insensitive mode folds ASCII letters only, as PCRE without UTF-8 does. PCRE's {@code match_limit} of
 * 10 000 has no Java counterpart, so the number of character reads per value is bounded instead; a value over the
 * bound ends the scan like the original's match-limit error does. One filter per request; it reuses its matcher.
 */
public final class RegexFilter implements RecordFilter
{
    /** Character reads allowed per value: enough for any sane expression on a 64 KiB value. */
    public static final long DEFAULT_READ_LIMIT = 50_000_000L;

    private final ByteChars chars;
    private final Matcher matcher;

    private RegexFilter(final Pattern pattern, final long readLimit)
    {
        this.chars = new ByteChars(readLimit);
        this.matcher = pattern.matcher(chars);
    }

    /**
     * Compiles an expression.
     *
     * @param buffer          holding the expression's bytes.
     * @param offset          of the expression.
     * @param length          of the expression.
     * @param caseInsensitive true for mode 2.
     * @return the filter.
     * @throws PatternSyntaxException when the expression does not compile (the node answers 500).
     */
    public static RegexFilter compile(
        final DirectBuffer buffer, final int offset, final int length, final boolean caseInsensitive)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return compile(bytes, caseInsensitive, DEFAULT_READ_LIMIT);
    }

    /**
     * Compiles an expression.
     *
     * @param expression      the expression's bytes.
     * @param caseInsensitive true for mode 2.
     * @param readLimit       character reads allowed per value.
     * @return the filter.
     * @throws PatternSyntaxException when the expression does not compile.
     */
    public static RegexFilter compile(final byte[] expression, final boolean caseInsensitive, final long readLimit)
    {
        final String text = new String(expression, StandardCharsets.ISO_8859_1);
        return new RegexFilter(Pattern.compile(text, caseInsensitive ? Pattern.CASE_INSENSITIVE : 0), readLimit);
    }

    @Override
    public boolean matches(final DirectBuffer buffer, final int offset, final int length)
    {
        chars.wrap(buffer, offset, length);
        matcher.reset(chars);
        return matcher.find();
    }

    /**
     * A value's bytes as characters 0..255, counting every read.
     */
    private static final class ByteChars implements CharSequence
    {
        private final long readLimit;
        private DirectBuffer buffer;
        private int offset;
        private int length;
        private long reads;

        ByteChars(final long readLimit)
        {
            this.readLimit = readLimit;
        }

        void wrap(final DirectBuffer buffer, final int offset, final int length)
        {
            this.buffer = buffer;
            this.offset = offset;
            this.length = length;
            this.reads = 0;
        }

        @Override
        public int length()
        {
            return length;
        }

        @Override
        public char charAt(final int index)
        {
            if (++reads > readLimit)
            {
                throw new MatchLimitExceededException(readLimit);
            }
            return (char)(buffer.getByte(offset + index) & 0xff);
        }

        @Override
        public CharSequence subSequence(final int start, final int end)
        {
            final StringBuilder builder = new StringBuilder(end - start);
            for (int i = start; i < end; i++)
            {
                builder.append((char)(buffer.getByte(offset + i) & 0xff));
            }
            return builder;
        }

        @Override
        public String toString()
        {
            return subSequence(0, length).toString();
        }
    }
}
