package org.swarmjvm.protocol.logfiles.codec;

import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.logfiles.FilterMode;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;

/**
 * Decodes the three range requests, one instance per command.
 * <pre>
 *   GetRange        i32 0x1c | ARRAY(channel) | ARRAY(lower) | ARRAY(upper)
 *   GetRangeFilter  i32 0x20 | ARRAY(channel) | ARRAY(lower) | ARRAY(upper) | ARRAY(filter)
 *   GetRangeRegex   i32 0x22 | ARRAY(channel) | ARRAY(lower) | ARRAY(upper) | u8 mode | ARRAY(filter)
 * </pre>
 * The bounds are taken as they come: the original parses them only when the channel exists (a missing channel
 * answers an empty stream even for garbage bounds), so whether they are valid keys is the handler's question.
 * The same goes for the mode byte.
 */
public final class GetRangeRequestDecoder extends ChannelRequestDecoder
{
    private final boolean hasFilter;
    private final boolean hasMode;
    private int lowerOffset;
    private int lowerLength;
    private int upperOffset;
    private int upperLength;
    private int modeByte;
    private int filterOffset;
    private int filterLength;

    /**
     * @param command GET_RANGE, GET_RANGE_FILTER or GET_RANGE_REGEX: the shape to decode.
     * @throws IllegalArgumentException for any other command.
     */
    public GetRangeRequestDecoder(final LogfilesCommand command)
    {
        switch (command)
        {
            case GET_RANGE:
                hasFilter = false;
                hasMode = false;
                break;
            case GET_RANGE_FILTER:
                hasFilter = true;
                hasMode = false;
                break;
            case GET_RANGE_REGEX:
                hasFilter = true;
                hasMode = true;
                break;
            default:
                throw new IllegalArgumentException(command + " is not a range request");
        }
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        modeByte = FilterMode.STRING_MATCH.code();
        filterOffset = 0;
        filterLength = 0;
        if (!scanChannel(scanner) || !scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
        {
            return scanner.shortfall();
        }
        lowerOffset = scanner.fieldOffset();
        lowerLength = scanner.fieldLength();
        if (!scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
        {
            return scanner.shortfall();
        }
        upperOffset = scanner.fieldOffset();
        upperLength = scanner.fieldLength();
        if (hasMode)
        {
            if (!scanner.fixed(Byte.BYTES))
            {
                return scanner.shortfall();
            }
            modeByte = scanner.buffer().getByte(scanner.fieldOffset()) & 0xff;
        }
        if (hasFilter)
        {
            if (!scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
            {
                return scanner.shortfall();
            }
            filterOffset = scanner.fieldOffset();
            filterLength = scanner.fieldLength();
        }
        return scanner.complete();
    }

    /**
     * @return true when both bounds are exactly 16 hex digits.
     */
    public boolean areBoundsValid()
    {
        return HexKey.isValid(buffer(), lowerOffset, lowerLength) && HexKey.isValid(buffer(), upperOffset, upperLength);
    }

    /**
     * @return the lower bound, inclusive; only meaningful when {@link #areBoundsValid()}.
     */
    public long lower()
    {
        return HexKey.parse(buffer(), lowerOffset);
    }

    /**
     * @return the upper bound, inclusive; only meaningful when {@link #areBoundsValid()}.
     */
    public long upper()
    {
        return HexKey.parse(buffer(), upperOffset);
    }

    /**
     * @return true for GetRangeFilter and GetRangeRegex.
     */
    public boolean hasFilter()
    {
        return hasFilter;
    }

    /**
     * @return the filter mode byte as sent, 0..255 (0, string match, for GetRangeFilter and GetRange).
     */
    public int modeByte()
    {
        return modeByte;
    }

    /**
     * @return the filter mode, or {@code null} when the mode byte is not a known mode.
     */
    public FilterMode mode()
    {
        return FilterMode.of(modeByte);
    }

    /**
     * @return offset of the filter.
     */
    public int filterOffset()
    {
        return filterOffset;
    }

    /**
     * @return length of the filter (0 for GetRange).
     */
    public int filterLength()
    {
        return filterLength;
    }
}
