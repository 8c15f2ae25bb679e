package org.swarmjvm.queue.node.storage;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingTest
{
    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer();

    @Test
    void shouldPopInPushOrderWhenRecordsFit()
    {
        final Ring ring = new Ring(new UnsafeBuffer(new byte[100]));
        assertTrue(push(ring, "a"));
        assertTrue(push(ring, "bb"));
        assertEquals(2, ring.items());
        assertEquals(9 + 10, ring.usedSpace());
        assertEquals("a", pop(ring));
        assertEquals("bb", pop(ring));
        assertEquals(-1, ring.pop(out, 0));
        assertEquals(0, ring.readFrom());
        assertEquals(0, ring.writeTo());
    }

    @Test
    void shouldRefuseRecordWhenItDoesNotFitAsTheSpecExampleShows()
    {
        final Ring ring = new Ring(new UnsafeBuffer(new byte[200]));
        final String value = "x".repeat(50);
        assertTrue(push(ring, value));
        assertTrue(push(ring, value));
        assertTrue(push(ring, value));
        assertFalse(push(ring, value), "a fourth 58-byte record does not fit in 200 bytes");
        assertEquals(174, ring.usedSpace());
        pop(ring);
        assertTrue(push(ring, value), "after one pop the head has room: the record wraps to offset 0");
        assertEquals(58, ring.writeTo());
        assertEquals(174, ring.gap());
        assertFalse(push(ring, "y"), "between writeTo and readFrom there is no room left");
    }

    @Test
    void shouldRefuseRecordLargerThanCapacity()
    {
        final Ring ring = new Ring(new UnsafeBuffer(new byte[16]));
        assertTrue(ring.fits(8));
        assertFalse(ring.fits(9));
    }

    @Test
    void shouldKeepOrderAndAccountingWhenWrappingRandomly()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Ring ring = new Ring(new UnsafeBuffer(new byte[1000]));
        final List<String> model = new ArrayList<>();
        int counter = 0;
        for (int step = 0; step < 20_000; step++)
        {
            if (random.nextInt(3) > 0)
            {
                final String value = counter++ + ":" + "z".repeat(random.nextInt(120));
                if (push(ring, value))
                {
                    model.add(value);
                }
            }
            else if (!model.isEmpty())
            {
                assertEquals(model.remove(0), pop(ring), "seed " + seed);
            }
            long used = 0;
            for (final String value : model)
            {
                used += 8 + value.length();
            }
            assertEquals(used, ring.usedSpace(), "seed " + seed);
            assertEquals(model.size(), ring.items(), "seed " + seed);
            final List<String> visited = new ArrayList<>();
            ring.forEach((buffer, offset, length) -> visited.add(buffer.getStringWithoutLengthAscii(offset, length)));
            assertEquals(model, visited, "seed " + seed);
        }
    }

    private static boolean push(final Ring ring, final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        return ring.push(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private String pop(final Ring ring)
    {
        final int length = ring.pop(out, 0);
        return out.getStringWithoutLengthAscii(0, length);
    }
}
