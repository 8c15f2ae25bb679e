package org.swarmjvm.queue.node.storage;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelSizesTest
{
    @Test
    void shouldUseFirstMatchingPrefixWhenOneMatches()
    {
        final ChannelSizes sizes = new ChannelSizes(10_000, Map.of("ovf", 1000L, "admedia", 4000L));
        assertEquals(1000, sizes.capacityOf("ovf_fifo"));
        assertEquals(4000, sizes.capacityOf("admedia_x"));
        assertEquals(10_000, sizes.capacityOf("plain"));
    }

    @Test
    void shouldRejectOverlappingPrefixes()
    {
        final Map<String, Long> prefixes = new LinkedHashMap<>();
        prefixes.put("ad", 100L);
        prefixes.put("admedia", 100L);
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> new ChannelSizes(1000, prefixes));
        assertTrue(ex.getMessage().contains("overlap"), ex.getMessage());
    }

    @Test
    void shouldRejectCapacityWithAPlainMessageWhenOutOfRange()
    {
        final IllegalArgumentException tooSmall =
            assertThrows(IllegalArgumentException.class, () -> new ChannelSizes(8, Map.of()));
        assertTrue(tooSmall.getMessage().contains("channel_size_limit = 8"), tooSmall.getMessage());
        final IllegalArgumentException tooBig =
            assertThrows(IllegalArgumentException.class, () -> new ChannelSizes(1000, Map.of("x", 1L << 32)));
        assertTrue(tooBig.getMessage().contains("[ChannelSizeById] x = 4294967296"), tooBig.getMessage());
    }
}
