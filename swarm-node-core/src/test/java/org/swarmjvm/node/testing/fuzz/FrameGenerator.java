package org.swarmjvm.node.testing.fuzz;

import org.swarmjvm.protocol.SwarmStatus;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * A protocol's part of the fuzzer: valid frames from its spec, and the check of the node's replies to them.
 */
public interface FrameGenerator
{
    /**
     * @return the protocol's name, for reports.
     */
    String protocol();

    /**
     * @param random drives every choice, so a seed reproduces the frame.
     * @param last   true for the last frame of a connection; only a last frame may start an endless stream.
     * @return a valid request.
     */
    FuzzFrame validFrame(SplittableRandom random, boolean last);

    /**
     * @param random drives the choice.
     * @return a command code the protocol does not have.
     */
    int unknownCode(SplittableRandom random);

    /**
     * An unknown command code, half the time near the known ones (the removed and skipped codes among them), half
     * the time any int.
     *
     * @param random  drives the choice.
     * @param maxCode the protocol's largest code.
     * @param isKnown true for the protocol's codes.
     * @return a code the protocol does not have.
     */
    static int unknownCode(final SplittableRandom random, final int maxCode, final IntPredicate isKnown)
    {
        int code;
        do
        {
            code = random.nextBoolean() ? random.nextInt(maxCode + 16) - 8 : random.nextInt();
        }
        while (isKnown.test(code));
        return code;
    }

    /**
     * @param random drives the choice.
     * @param good   valid channel names.
     * @param bad    invalid ones, picked one time in sixteen.
     * @return a channel name for a request.
     */
    static String channel(final SplittableRandom random, final String[] good, final String[] bad)
    {
        return 0 == random.nextInt(16) ? bad[random.nextInt(bad.length)] : good[random.nextInt(good.length)];
    }

    /**
     * @param random drives the digits.
     * @param length of the value.
     * @return a value of ASCII digits, so that substring filters find some.
     */
    static byte[] digits(final SplittableRandom random, final int length)
    {
        final byte[] value = new byte[length];
        for (int i = 0; i < length; i++)
        {
            value[i] = (byte)('0' + random.nextInt(10));
        }
        return value;
    }

    /**
     * @param commandCode the first four bytes of a (possibly mutated) frame.
     * @return true when the fuzzer must not send a frame with this code, e.g. one that hands the node's data to
     *     other nodes; mutations that produce it are redone.
     */
    boolean isForbidden(int commandCode);

    /**
     * Reads the complete reply to a valid, non-streaming frame sent earlier on the connection, or to an endless
     * stream until the end of input, and fails when it is not one the spec allows.
     *
     * @param frame sent.
     * @param in    the connection's input, positioned at the reply.
     * @throws IOException    when the connection ends before the reply does.
     * @throws AssertionError when the reply breaks the spec.
     */
    void readReply(FuzzFrame frame, WireInput in) throws IOException;

    /**
     * @param status the first four bytes a node sent in answer to a mutated frame, as a little-endian int.
     * @return true when the protocol has this status; every legacy protocol has all of {@link SwarmStatus} but
     *     Undefined.
     */
    default boolean isStatus(final int status)
    {
        final SwarmStatus known = SwarmStatus.of(status);
        return null != known && SwarmStatus.UNDEFINED != known;
    }
}
