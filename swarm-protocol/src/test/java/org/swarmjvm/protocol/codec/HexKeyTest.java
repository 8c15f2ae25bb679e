package org.swarmjvm.protocol.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HexKeyTest
{
    @Test
    void parsesWhatItRendersAndUpperCaseDigits()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[3 + HexKey.LENGTH]);
        final SplittableRandom random = new SplittableRandom(15);
        final long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL, 0xfedcba9876543210L};
        for (int i = 0; i < edges.length + 10_000; i++)
        {
            final long key = i < edges.length ? edges[i] : random.nextLong();
            HexKey.put(key, buffer, 3);
            assertEquals(key, HexKey.parse(buffer, 3), HexKey.toString(key));
            buffer.putBytes(3, HexKey.toString(key).toUpperCase().getBytes(StandardCharsets.US_ASCII));
            assertEquals(key, HexKey.parse(buffer, 3), HexKey.toString(key).toUpperCase());
            assertEquals(key, HexKey.parse(HexKey.toString(key)));
        }
    }
}
