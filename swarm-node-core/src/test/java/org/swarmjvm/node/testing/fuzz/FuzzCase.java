package org.swarmjvm.node.testing.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one fuzzing connection sends, derived from one seed: up to seven valid requests, then a last one damaged
 * by a {@link Mutation}, all back to back and cut into one to four writes at random points.
 *
 * @param seed     it was derived from; {@link #generate(long, FrameGenerator)} with it gives the same case.
 * @param prefix   valid requests answered before the last one.
 * @param last     the valid request the last frame was made from.
 * @param mutation applied to it.
 * @param lastSent the bytes of the last frame as sent.
 * @param writes   the whole byte stream, cut into the writes the client makes.
 */
public record FuzzCase(
    long seed, List<FuzzFrame> prefix, FuzzFrame last, Mutation mutation, byte[] lastSent, List<byte[]> writes)
{
    private static final int MAX_PREFIX = 7;
    private static final int MAX_WRITES = 4;
    private static final int ATTEMPTS = 32;
    /** Weights of the mutations, in {@link Mutation} order. */
    private static final int[] WEIGHTS = {10, 25, 15, 10, 10, 10, 10, 10};
    private static final int TOTAL_WEIGHT = 100;

    /**
     * @param seed      of the case.
     * @param generator of the protocol.
     * @return the case.
     */
    public static FuzzCase generate(final long seed, final FrameGenerator generator)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<FuzzFrame> prefix = new ArrayList<>();
        for (int i = random.nextInt(MAX_PREFIX + 1); i > 0; i--)
        {
            prefix.add(generator.validFrame(random, false));
        }
        Mutation mutation = pickMutation(random);
        FuzzFrame last = generator.validFrame(random, true);
        final boolean needsArray = Mutation.HUGE_LENGTH == mutation || Mutation.NEGATIVE_LENGTH == mutation;
        for (int attempt = 0; needsArray && 0 == last.lengthOffsets().length && attempt < ATTEMPTS; attempt++)
        {
            last = generator.validFrame(random, true);
        }
        if (needsArray && 0 == last.lengthOffsets().length)
        {
            mutation = Mutation.UNKNOWN_CODE;
        }
        byte[] lastSent = FrameMutator.mutate(last, mutation, random, generator);
        for (int attempt = 0; generator.isForbidden(FrameMutator.commandCode(lastSent)); attempt++)
        {
            lastSent = attempt < ATTEMPTS ? FrameMutator.mutate(last, mutation, random, generator) :
                FrameMutator.mutate(last, Mutation.UNKNOWN_CODE, random, generator);
        }
        return new FuzzCase(seed, prefix, last, mutation, lastSent, cut(random, prefix, lastSent));
    }

    /**
     * @return how many frames the case sends, the damaged one included.
     */
    public int frames()
    {
        return prefix.size() + 1;
    }

    /**
     * @return true when the damage lies in the stream the client sends after the node's first answer to the last
     *     request (see {@link FuzzFrame#streamStart()}): the node gives that answer before it finds the damage.
     */
    public boolean isDamagedInStream()
    {
        final byte[] valid = last.bytes();
        final int common = Math.min(valid.length, lastSent.length);
        int firstDifference = 0;
        while (firstDifference < common && valid[firstDifference] == lastSent[firstDifference])
        {
            firstDifference++;
        }
        return firstDifference >= last.streamStart() && firstDifference < valid.length;
    }

    /**
     * @return the case in words and hex, for a failure report.
     */
    public String describe()
    {
        final StringBuilder text = new StringBuilder()
            .append("seed 0x").append(Long.toHexString(seed)).append(": ");
        for (final FuzzFrame frame : prefix)
        {
            text.append(frame.name()).append(", ");
        }
        text.append(mutation).append(' ').append(last.name()).append("; sent ");
        final HexFormat hex = HexFormat.of();
        for (final byte[] write : writes)
        {
            text.append('[').append(hex.formatHex(write, 0, Math.min(write.length, 512)))
                .append(write.length > 512 ? "..." : "").append(']');
        }
        return text.toString();
    }

    private static Mutation pickMutation(final SplittableRandom random)
    {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (int i = 0; i < WEIGHTS.length; i++)
        {
            pick -= WEIGHTS[i];
            if (pick < 0)
            {
                return Mutation.values()[i];
            }
        }
        return Mutation.NONE;
    }

    private static List<byte[]> cut(final SplittableRandom random, final List<FuzzFrame> prefix, final byte[] last)
    {
        int total = last.length;
        for (final FuzzFrame frame : prefix)
        {
            total += frame.bytes().length;
        }
        final byte[] stream = new byte[total];
        int position = 0;
        for (final FuzzFrame frame : prefix)
        {
            System.arraycopy(frame.bytes(), 0, stream, position, frame.bytes().length);
            position += frame.bytes().length;
        }
        System.arraycopy(last, 0, stream, position, last.length);
        final List<byte[]> writes = new ArrayList<>();
        int from = 0;
        for (int i = 1 + random.nextInt(MAX_WRITES); i > 1 && from < total; i--)
        {
            final int to = from + random.nextInt(total - from + 1);
            writes.add(Arrays.copyOfRange(stream, from, to));
            from = to;
        }
        writes.add(Arrays.copyOfRange(stream, from, total));
        return writes;
    }
}
