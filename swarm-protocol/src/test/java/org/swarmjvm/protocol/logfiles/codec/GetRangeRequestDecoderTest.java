package org.swarmjvm.protocol.logfiles.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.logfiles.FilterMode;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;
import org.swarmjvm.protocol.fixtures.Fixtures;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.fixtures.WireTranscript;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The range decoders on the requests the original's clients sent.
 */
class GetRangeRequestDecoderTest
{
    private final RequestScanner scanner = new RequestScanner();

    private static List<byte[]> requests(final String transcript, final LogfilesCommand command)
    {
        return WireTranscript.parse(Fixtures.path("wire/logfiles/" + transcript)).steps().stream()
            .filter((step) -> step instanceof WireTranscript.Send)
            .map((step) -> ((WireTranscript.Send)step).bytes())
            .filter((b) -> new UnsafeBuffer(b).getInt(0, ByteOrder.LITTLE_ENDIAN) == command.code())
            .toList();
    }

    private int decode(final GetRangeRequestDecoder decoder, final byte[] request, final int limit)
    {
        return decoder.decode(scanner.wrap(new UnsafeBuffer(request), Integer.BYTES, limit));
    }

    @Test
    void shouldDecodeBoundsWhenGetRangeIsComplete()
    {
        final GetRangeRequestDecoder decoder = new GetRangeRequestDecoder(LogfilesCommand.GET_RANGE);
        final byte[] request = requests("getrange.txt", LogfilesCommand.GET_RANGE).get(0);
        assertEquals(request.length - Integer.BYTES, decode(decoder, request, request.length));
        assertTrue(decoder.areBoundsValid());
        assertEquals(0x60000ff0L, decoder.lower());
        assertEquals(0x60001010L, decoder.upper());
        assertEquals("fx_bulk", decoder.buffer().getStringWithoutLengthAscii(decoder.channelOffset(), 7));
        assertFalse(decoder.hasFilter());
    }

    @Test
    void shouldReportInvalidBoundsWhenNotHex()
    {
        final GetRangeRequestDecoder decoder = new GetRangeRequestDecoder(LogfilesCommand.GET_RANGE);
        final List<byte[]> all = requests("getrange.txt", LogfilesCommand.GET_RANGE);
        final byte[] request = all.get(all.size() - 1);
        assertEquals(request.length - Integer.BYTES, decode(decoder, request, request.length));
        assertFalse(decoder.areBoundsValid());
    }

    @Test
    void shouldBeIncompleteWhenAnyByteIsMissing()
    {
        final GetRangeRequestDecoder decoder = new GetRangeRequestDecoder(LogfilesCommand.GET_RANGE_REGEX);
        final byte[] request = requests("getrangeregex.txt", LogfilesCommand.GET_RANGE_REGEX).get(1);
        for (int limit = Integer.BYTES; limit < request.length; limit++)
        {
            assertEquals(RequestScanner.INCOMPLETE, decode(decoder, request, limit), "limit " + limit);
        }
        assertEquals(request.length - Integer.BYTES, decode(decoder, request, request.length));
    }

    @Test
    void shouldDecodeModeAndFilterWhenGetRangeRegex()
    {
        final GetRangeRequestDecoder decoder = new GetRangeRequestDecoder(LogfilesCommand.GET_RANGE_REGEX);
        final List<byte[]> all = requests("getrangeregex.txt", LogfilesCommand.GET_RANGE_REGEX);
        final int[] modes = {0, 1, 1, 2, 1, 1};
        for (int i = 0; i < all.size(); i++)
        {
            final byte[] request = all.get(i);
            assertEquals(request.length - Integer.BYTES, decode(decoder, request, request.length));
            assertEquals(modes[i], decoder.modeByte());
            assertEquals(FilterMode.of(modes[i]), decoder.mode());
        }
        assertEquals("x", decoder.buffer().getStringWithoutLengthAscii(decoder.filterOffset(), 1));
    }

    @Test
    void shouldReportUnknownModeWhenModeByteIsThree()
    {
        final GetRangeRequestDecoder decoder = new GetRangeRequestDecoder(LogfilesCommand.GET_RANGE_REGEX);
        final byte[] request = requests("getrangeregex-bad-mode.txt", LogfilesCommand.GET_RANGE_REGEX).get(0);
        assertEquals(request.length - Integer.BYTES, decode(decoder, request, request.length));
        assertEquals(3, decoder.modeByte());
        assertNull(decoder.mode());
        assertTrue(decoder.areBoundsValid());
        assertEquals(-1L, decoder.upper());
    }

    @Test
    void shouldDecodeFilterWhenGetRangeFilter()
    {
        final GetRangeRequestDecoder decoder = new GetRangeRequestDecoder(LogfilesCommand.GET_RANGE_FILTER);
        for (final byte[] request : requests("getrangefilter.txt", LogfilesCommand.GET_RANGE_FILTER))
        {
            assertEquals(request.length - Integer.BYTES, decode(decoder, request, request.length));
            assertTrue(decoder.hasFilter());
            assertEquals(FilterMode.STRING_MATCH, decoder.mode());
        }
    }

    @Test
    void shouldCloseWhenALengthPrefixIsAbsurd()
    {
        final GetRangeRequestDecoder decoder = new GetRangeRequestDecoder(LogfilesCommand.GET_RANGE);
        final byte[] request = Hex.parse("1c000000 0100000000000000 61 ffffffffffffff7f");
        assertEquals(RequestScanner.CLOSE_AFTER_DISCARD, decode(decoder, request, request.length));
    }

    @Test
    void shouldRefuseCommandsThatAreNotRanges()
    {
        assertThrows(IllegalArgumentException.class, () -> new GetRangeRequestDecoder(LogfilesCommand.GET_ALL));
    }
}
