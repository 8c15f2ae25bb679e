package org.swarmjvm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeysTest
{
    @Test
    void shouldHashWithFnv1a64WhenAskedToHash()
    {
        // Published FNV-1a 64 test vectors.
        assertEquals(0xcbf29ce484222325L, Fnv1a64.hash(""));
        assertEquals(0xaf63dc4c8601ec8cL, Fnv1a64.hash("a"));
        assertEquals(0x85944171f73967e8L, Fnv1a64.hash("foobar"));
        assertEquals(Fnv1a64.hash("foobar"), Keys.parse("foobar", true));
    }

    @Test
    void shouldReadHexWhenGivenOneToSixteenDigits()
    {
        assertEquals(0xa0L, Keys.parse("00000000000000a0", false));
        assertEquals(0xa0L, Keys.parse("A0", false));
        assertEquals(0xa0L, Keys.parse("0xa0", false));
        assertEquals(-1L, Keys.parse("ffffffffffffffff", false));
        assertEquals("00000000000000a0", Keys.format(0xa0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "xyz", "00000000000000000", "12 4"})
    void shouldRefuseTheKeyWhenNotHex(final String text)
    {
        final CliException ex = assertThrows(CliException.class, () -> Keys.parse(text, false));
        assertEquals(ExitCode.USAGE, ex.exitCode());
    }

    @Test
    void shouldRoundTripHexValues()
    {
        assertEquals("00ff10", Hex.encode(Hex.decode("00FF10")));
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class, () -> Hex.decode("abc")).exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class, () -> Hex.decode("zz")).exitCode());
    }
}
