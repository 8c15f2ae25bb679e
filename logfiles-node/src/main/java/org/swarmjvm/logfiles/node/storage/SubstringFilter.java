package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;

/**
 * Keeps values that contain a byte string, case-sensitive ({@code ocean.text.Search}); an empty string matches
 * every value, as in the original.
 */
public final class SubstringFilter implements RecordFilter
{
    private final byte[] needle;

    /**
     * @param needle the bytes to look for; copied.
     */
    public SubstringFilter(final byte[] needle)
    {
        this.needle = needle.clone();
    }

    /**
     * @param buffer holding the bytes to look for.
     * @param offset of the first byte.
     * @param length of the string.
     * @return a filter for a copy of those bytes.
     */
    public static SubstringFilter of(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new SubstringFilter(bytes);
    }

    @Override
    public boolean matches(final DirectBuffer buffer, final int offset, final int length)
    {
        final int n = needle.length;
        if (0 == n)
        {
            return true;
        }
        final byte first = needle[0];
        for (int i = offset, last = offset + length - n; i <= last; i++)
        {
            if (buffer.getByte(i) != first)
            {
                continue;
            }
            int j = 1;
            while (j < n && buffer.getByte(i + j) == needle[j])
            {
                j++;
            }
            if (j == n)
            {
                return true;
            }
        }
        return false;
    }
}
