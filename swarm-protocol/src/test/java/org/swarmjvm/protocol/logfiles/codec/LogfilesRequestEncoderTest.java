package org.swarmjvm.protocol.logfiles.codec;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.codec.PutRequestDecoder;
import org.swarmjvm.protocol.logfiles.FilterMode;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;
import org.swarmjvm.protocol.logfiles.LogfilesConst;
import org.swarmjvm.protocol.fixtures.Hex;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests the encoder writes, byte for byte against requests of the original's transcripts, and the shared
 * decoders the node uses for the shapes the logfiles protocol has in common with the DHT.
 */
class LogfilesRequestEncoderTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
    private final WireWriter writer = new WireWriter().wrap(buffer, 0);
    private final LogfilesRequestEncoder encoder = new LogfilesRequestEncoder(writer);

    private String written()
    {
        final byte[] bytes = new byte[writer.position()];
        buffer.getBytes(0, bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String hex(final String transcriptLine)
    {
        return HexFormat.of().formatHex(Hex.parse(transcriptLine));
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldWritePutAsTheOriginalClient()
    {
        final byte[] value = ascii("first");
        encoder.put("fx_put", 0x60000001L, new UnsafeBuffer(value), 0, value.length);
        assertEquals(hex("03000000 0600000000000000 66785f707574 1000000000000000 " +
            "30303030303030303630303030303031 0500000000000000 6669727374"), written());
    }

    @Test
    void shouldWriteGetRangeRegexAsTheOriginalClient()
    {
        encoder.getRangeRegex("fx_bulk", 0x60000000L, 0x600003ffL, FilterMode.PCRE_CASE_INSENSITIVE,
            ascii("RECORD-0001[0-5]"));
        assertEquals(hex("22000000 0700000000000000 66785f62756c6b 1000000000000000 " +
            "30303030303030303630303030303030 1000000000000000 30303030303030303630303030336666 02 " +
            "1000000000000000 5245434f52442d303030315b302d355d"), written());
    }

    @Test
    void shouldWriteChannelOnlyAndFieldlessRequests()
    {
        encoder.channel(LogfilesCommand.REMOVE_CHANNEL, "fx_rm");
        encoder.command(LogfilesCommand.GET_VERSION);
        encoder.getAllFilter("fx_bulk", ascii("RECORD"));
        encoder.getRange("fx_bulk", "hello", "world");
        assertEquals(hex("16000000 0500000000000000 66785f726d") + hex("18000000") +
            hex("1f000000 0700000000000000 66785f62756c6b 0600000000000000 5245434f5244") +
            hex("1c000000 0700000000000000 66785f62756c6b 0500000000000000 68656c6c6f 0500000000000000 776f726c64"),
            written());
    }

    @Test
    void shouldDiscardPutValueWhenOverTheLimit()
    {
        final PutRequestDecoder decoder = new PutRequestDecoder(LogfilesConst.MAX_PUT_VALUE_LENGTH);
        final RequestScanner scanner = new RequestScanner();
        final byte[] atLimit = new byte[LogfilesConst.MAX_PUT_VALUE_LENGTH];
        encoder.put("fx_size", 0x60000000L, new UnsafeBuffer(atLimit), 0, atLimit.length);
        final int length = writer.position();
        assertEquals(length - Integer.BYTES, decoder.decode(scanner.wrap(buffer, Integer.BYTES, length)));
        assertEquals(atLimit.length, decoder.valueLength());

        writer.wrap(buffer, 0);
        final byte[] overLimit = new byte[LogfilesConst.MAX_PUT_VALUE_LENGTH + 1];
        encoder.put("fx_size", 0x60000000L, new UnsafeBuffer(overLimit), 0, overLimit.length);
        assertEquals(RequestScanner.EXECUTE_AFTER_DISCARD,
            decoder.decode(scanner.wrap(buffer, Integer.BYTES, writer.position())));
        assertTrue(decoder.isValueTooBig());
        assertEquals(overLimit.length, scanner.discardLength());
    }
}
