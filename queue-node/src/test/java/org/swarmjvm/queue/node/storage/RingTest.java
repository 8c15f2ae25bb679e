package org.swarmjvm.queue.node.storage;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
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

    @Test
    void shouldKeepTheRecordsBeforeADamagedLengthWhereverItLies()
    {
        final int[] starts = {58, 116, 0};
        for (int damaged = 0; damaged < starts.length; damaged++)
        {
            final UnsafeBuffer data = new UnsafeBuffer(new byte[200]);
            final Ring ring = wrapped(data);
            assertEquals(-1, ring.cutAtDamage(ring.capacity()), "an intact ring is left alone");
            data.putLong(starts[damaged], 1 == damaged ? -1 : 1000, LITTLE_ENDIAN);
            assertEquals(starts[damaged], ring.cutAtDamage(ring.capacity()));
            assertEquals(damaged, ring.items(), "the records before record " + damaged);
            assertTrue(push(ring, "new"), "pushes go on after the cut");
            final List<String> popped = new ArrayList<>();
            while (!ring.isEmpty())
            {
                popped.add(pop(ring).substring(0, 1));
            }
            final List<String> expected = new ArrayList<>(List.of("b", "c", "d").subList(0, damaged));
            expected.add("n");
            assertEquals(expected, popped);
        }
    }

    @Test
    void shouldCutARingAtTheFirstRecordPastTheBytesThatExist()
    {
        final Ring ring = wrapped(new UnsafeBuffer(new byte[200]));
        assertEquals(116, ring.cutAtDamage(150), "c at [116, 174) is not all there");
        assertEquals(1, ring.items());
        assertEquals(-1, ring.cutAtDamage(150), "and what is left is intact");
    }

    @Test
    void shouldAnswerDamagedInsteadOfReadingOutsideTheRing()
    {
        final UnsafeBuffer data = new UnsafeBuffer(new byte[200]);
        final Ring ring = wrapped(data);
        data.putLong(58, Long.MAX_VALUE, LITTLE_ENDIAN);
        assertEquals(Ring.DAMAGED, ring.peekLength());
        assertEquals(Ring.DAMAGED, ring.pop(out, 0));
        assertEquals(3, ring.items(), "unchanged");
    }

    /**
     * Three 58-byte records "b…", "c…", "d…" after a wrap: b at 58 and c at 116 in the upper segment (gap 174),
     * d at 0.
     */
    private Ring wrapped(final UnsafeBuffer data)
    {
        final Ring ring = new Ring(data);
        final String pad = "x".repeat(49);
        push(ring, "a" + pad);
        push(ring, "b" + pad);
        push(ring, "c" + pad);
        pop(ring);
        push(ring, "d" + pad);
        assertEquals(58, ring.readFrom());
        assertEquals(58, ring.writeTo());
        assertEquals(174, ring.gap());
        return ring;
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
