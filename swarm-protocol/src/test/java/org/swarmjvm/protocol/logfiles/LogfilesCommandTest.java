package org.swarmjvm.protocol.logfiles;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Command codes and labels as the original defines them.
 */
class LogfilesCommandTest
{
    @Test
    void shouldMapEveryCodeOfTheOriginal()
    {
        assertEquals(LogfilesCommand.PUT, LogfilesCommand.of(3));
        assertEquals(LogfilesCommand.GET_CHANNELS, LogfilesCommand.of(0x11));
        assertEquals(LogfilesCommand.REMOVE_CHANNEL, LogfilesCommand.of(0x16));
        assertEquals(LogfilesCommand.GET_NUM_CONNECTIONS, LogfilesCommand.of(0x17));
        assertEquals(LogfilesCommand.GET_VERSION, LogfilesCommand.of(0x18));
        assertEquals(LogfilesCommand.GET_RANGE, LogfilesCommand.of(0x1c));
        assertEquals(LogfilesCommand.GET_ALL, LogfilesCommand.of(0x1d));
        assertEquals(LogfilesCommand.GET_ALL_FILTER, LogfilesCommand.of(0x1f));
        assertEquals(LogfilesCommand.GET_RANGE_FILTER, LogfilesCommand.of(0x20));
        assertEquals(LogfilesCommand.GET_RANGE_REGEX, LogfilesCommand.of(0x22));
        assertEquals(LogfilesCommand.REDISTRIBUTE, LogfilesCommand.of(0x23));
        assertEquals(LogfilesCommand.PUT_BATCH, LogfilesCommand.of(0x24));
    }

    @Test
    void shouldReturnNullWhenTheCodeIsUnknown()
    {
        for (final int code : new int[] {0, 1, 18, 19, 30, 33, 37, 0x103, -1})
        {
            assertNull(LogfilesCommand.of(code), Integer.toString(code));
        }
    }

    @Test
    void shouldLabelInCamelCase()
    {
        assertEquals("GetRangeRegex", LogfilesCommand.GET_RANGE_REGEX.label());
        assertEquals("Put", LogfilesCommand.PUT.label());
    }
}
