package org.swarmjvm.protocol.logfiles;

/**
 * The filter mode byte of GetRangeRegex ({@code DlsConst.FilterMode}). Any other byte is invalid: the original
 * aborted the whole process on it.
 */
public enum FilterMode
{
    /** The value contains the filter as a byte substring, case-sensitive. */
    STRING_MATCH(0),
    /** The filter is a regular expression matched anywhere in the value, case-sensitive. */
    PCRE(1),
    /** The filter is a regular expression matched anywhere in the value, ignoring ASCII case. */
    PCRE_CASE_INSENSITIVE(2);

    private final int code;

    FilterMode(final int code)
    {
        this.code = code;
    }

    /**
     * @return the u8 as it travels on the wire.
     */
    public int code()
    {
        return code;
    }

    /**
     * The mode for a wire byte.
     *
     * @param code the u8 read from the wire, 0..255.
     * @return the mode, or {@code null} when the byte is not a known mode.
     */
    public static FilterMode of(final int code)
    {
        switch (code)
        {
            case 0: return STRING_MATCH;
            case 1: return PCRE;
            case 2: return PCRE_CASE_INSENSITIVE;
            default: return null;
        }
    }
}
