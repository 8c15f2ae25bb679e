package org.swarmjvm.protocol.neo;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.fixtures.Hex;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The credentials file rules of the spec (§4.4) and the HMAC of the worked example (§11).
 */
class NeoCredentialsTest
{
    private static final String ZEROS = "0".repeat(256);

    private static Map<String, byte[]> parse(final String text)
    {
        return NeoCredentials.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldParseNamesAndKeysWhenFileIsValid()
    {
        final Map<String, byte[]> credentials = parse("\n\nadmin:" + ZEROS + "\r\n  other : " +
            "0001" + "f".repeat(252) + " \nadmin:" + "A".repeat(256));
        assertEquals(2, credentials.size());
        assertEquals((byte)0xaa, credentials.get("admin")[0]);
        assertEquals(0x01, credentials.get("other")[1]);
        assertEquals((byte)0xff, credentials.get("other")[127]);
        assertTrue(parse("").isEmpty());
    }

    @Test
    void shouldRejectWholeFileWhenAnElementIsInvalid()
    {
        assertEquals("Invalid key length 10 (should be 256) in registry file  at line 1",
            assertThrows(IllegalArgumentException.class, () -> parse("admin:0123456789")).getMessage());
        assertEquals("Empty name in registry file  at line 2",
            assertThrows(IllegalArgumentException.class, () -> parse("a:" + ZEROS + "\n:" + ZEROS)).getMessage());
        assertEquals("Name too long in registry file  at line 1",
            assertThrows(IllegalArgumentException.class, () -> parse("n".repeat(101) + ":" + ZEROS)).getMessage());
        assertEquals("Invalid name letter at position 2 in registry file  at line 1",
            assertThrows(IllegalArgumentException.class, () -> parse("ab\u00e9:" + ZEROS)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("admin"));
        assertThrows(IllegalArgumentException.class, () -> parse("admin:" + "g" + "0".repeat(255)));
    }

    @Test
    void shouldComputeTheWorkedExampleHmac()
    {
        final byte[] key = new byte[128];
        for (int i = 0; i < key.length; i++)
        {
            key[i] = (byte)i;
        }
        final byte[] code = new NeoHmac().code(NeoHmac.keySpec(key), 1_700_000_000L, Hex.parse("deadbeef"));
        assertArrayEquals(Hex.parse("2fedee5b1cd346335b92ae0253c442a1e3f20c463b9d7d9ec7b9ee19ac05b9c2" +
            "19f53d4d5f224ad5247431645febd527ffa6eeffe9e095362feeef8336ce64ca"), code);
    }

    @Test
    void shouldWriteHeaderParityAsInTheSpec()
    {
        final org.agrona.concurrent.UnsafeBuffer header = new org.agrona.concurrent.UnsafeBuffer(new byte[10]);
        NeoHeader.write(header, 0, 2, 8);
        assertEquals("0208000000000000000a", Hex.toHex(header.byteArray()));
        NeoHeader.write(header, 0, 2, 0x52);
        assertEquals(0x50, header.getByte(9));
        NeoHeader.write(header, 0, 1, 9);
        assertEquals(0x08, header.getByte(9));
        assertTrue(NeoHeader.isParityValid(header, 0));
    }
}
