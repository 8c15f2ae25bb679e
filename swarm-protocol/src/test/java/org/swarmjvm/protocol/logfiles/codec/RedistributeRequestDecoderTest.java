package org.swarmjvm.protocol.logfiles.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.fixtures.Hex;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redistribute requests as the original's redistribution tool sends them.
 */
class RedistributeRequestDecoderTest
{
    private final RequestScanner scanner = new RequestScanner();
    private final RedistributeRequestDecoder decoder = new RedistributeRequestDecoder();

    private int decode(final byte[] request, final int limit)
    {
        return decoder.decode(scanner.wrap(new UnsafeBuffer(request), Integer.BYTES, limit));
    }

    @Test
    void shouldDecodeFractionAndTargets()
    {
        final byte[] request = Hex.parse("23000000 0000803f 0900000000000000 3132372e302e302e31 4c27 0000000000000000");
        assertEquals(request.length - Integer.BYTES, decode(request, request.length));
        assertEquals(1.0f, decoder.fraction());
        assertTrue(decoder.isFractionValid());
        assertEquals(List.of(new RedistributeRequestDecoder.Target("127.0.0.1", 10060)), decoder.targets());
        for (int limit = Integer.BYTES; limit < request.length; limit++)
        {
            assertEquals(RequestScanner.INCOMPLETE, decode(request, limit), "limit " + limit);
        }
    }

    @Test
    void shouldRefuseFractionWhenZeroOrOverOneOrNan()
    {
        for (final String fraction : new String[] {"00000000", "0000c03f", "0000c07f", "000080bf"})
        {
            final byte[] request = Hex.parse("23000000 " + fraction + " 0000000000000000");
            assertEquals(request.length - Integer.BYTES, decode(request, request.length));
            assertFalse(decoder.isFractionValid(), fraction);
            assertEquals(List.of(), decoder.targets());
        }
    }

    @Test
    void shouldEncodeWhatItDecodes()
    {
        final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer();
        final org.swarmjvm.protocol.codec.WireWriter writer = new org.swarmjvm.protocol.codec.WireWriter();
        new LogfilesRequestEncoder(writer.wrap(buffer, 0)).redistribute(
            0.5f, List.of(new RedistributeRequestDecoder.Target("10.0.0.2", 10000)));
        final byte[] request = new byte[writer.position()];
        buffer.getBytes(0, request);
        assertEquals(
            "23000000" + "0000003f" + "0800000000000000" + "31302e302e302e32" + "1027" + "0000000000000000",
            java.util.HexFormat.of().formatHex(request));
    }
}
