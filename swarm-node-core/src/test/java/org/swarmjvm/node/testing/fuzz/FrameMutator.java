package org.swarmjvm.node.testing.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns a valid frame into a damaged one, as a {@link Mutation} says; every choice comes from the given random, so
 * a seed reproduces the bytes.
 */
public final class FrameMutator
{
    private static final int COMMAND_LENGTH = Integer.BYTES;
    private static final int MAX_FLIPS = 8;
    private static final int MAX_GARBAGE = 256;

    private FrameMutator()
    {
    }

    /**
     * @param frame     valid.
     * @param mutation  to apply; {@link Mutation#HUGE_LENGTH} and {@link Mutation#NEGATIVE_LENGTH} need a frame with
     *                  at least one array.
     * @param random    drives every choice.
     * @param generator of the protocol, for unknown codes.
     * @return the bytes to send; for {@link Mutation#DISCONNECT} and {@link Mutation#TRUNCATE} a strict prefix.
     */
    public static byte[] mutate(
        final FuzzFrame frame, final Mutation mutation, final SplittableRandom random, final FrameGenerator generator)
    {
        final byte[] bytes = frame.bytes().clone();
        switch (mutation)
        {
            case NONE:
                return bytes;
            case FLIP_BYTES:
                final int flips = 1 + random.nextInt(MAX_FLIPS);
                for (int i = 0; i < flips; i++)
                {
                    final int at = random.nextInt(bytes.length);
                    bytes[at] = (byte)(bytes[at] ^ (1 + random.nextInt(255)));
                }
                return bytes;
            case TRUNCATE:
            case DISCONNECT:
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case HUGE_LENGTH:
                putLong(bytes, pickLengthOffset(frame, random), (1L << 32) + random.nextLong(1L << 62));
                return bytes;
            case NEGATIVE_LENGTH:
                putLong(bytes, pickLengthOffset(frame, random), random.nextLong() | Long.MIN_VALUE);
                return bytes;
            case UNKNOWN_CODE:
                putInt(bytes, 0, generator.unknownCode(random));
                return bytes;
            case GARBAGE:
                final byte[] garbage = new byte[COMMAND_LENGTH + random.nextInt(MAX_GARBAGE)];
                System.arraycopy(bytes, 0, garbage, 0, COMMAND_LENGTH);
                for (int i = COMMAND_LENGTH; i < garbage.length; i++)
                {
                    garbage[i] = (byte)random.nextInt(256);
                }
                return garbage;
            default:
                throw new IllegalArgumentException(mutation.name());
        }
    }

    /**
     * @param bytes of a frame.
     * @return its first four bytes as a little-endian int, or 0 when it is shorter.
     */
    public static int commandCode(final byte[] bytes)
    {
        if (bytes.length < COMMAND_LENGTH)
        {
            return 0;
        }
        return (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
    }

    private static int pickLengthOffset(final FuzzFrame frame, final SplittableRandom random)
    {
        final int[] offsets = frame.lengthOffsets();
        if (0 == offsets.length)
        {
            throw new IllegalArgumentException(frame.name() + " has no array to declare a length for");
        }
        return offsets[random.nextInt(offsets.length)];
    }

    private static void putInt(final byte[] bytes, final int offset, final int value)
    {
        for (int i = 0; i < Integer.BYTES; i++)
        {
            bytes[offset + i] = (byte)(value >>> (8 * i));
        }
    }

    private static void putLong(final byte[] bytes, final int offset, final long value)
    {
        for (int i = 0; i < Long.BYTES; i++)
        {
            bytes[offset + i] = (byte)(value >>> (8 * i));
        }
    }
}
