package org.swarmjvm.node.testing.fuzz;

import org.swarmjvm.protocol.SwarmStatus;

import java.io.IOException;
import java.util.Set;

/**
 * What every protocol's reply check does: read a status and see that the spec allows it, and fail with a message.
 */
public final class ReplyCheck
{
    private ReplyCheck()
    {
    }

    /**
     * Reads a status and checks it.
     *
     * @param command label of the command answered, for the message.
     * @param in      the connection's input.
     * @param allowed the statuses the spec allows for the command.
     * @return the status read.
     * @throws IOException    when the connection ends first.
     * @throws AssertionError when the status is not allowed.
     */
    public static SwarmStatus status(final String command, final WireInput in, final Set<SwarmStatus> allowed)
        throws IOException
    {
        final int code = in.readInt();
        final SwarmStatus status = SwarmStatus.of(code);
        expect(null != status && allowed.contains(status), command + " answered status " + code +
            ", the spec allows " + allowed);
        return status;
    }

    /**
     * Reads an endless sequence of arrays up to its empty terminator, each at most {@code limit} bytes.
     *
     * @param in    the connection's input.
     * @param limit longest array allowed.
     * @return how many non-empty arrays came before the terminator.
     * @throws IOException when the connection ends first.
     */
    public static long arraysUntilEmpty(final WireInput in, final int limit) throws IOException
    {
        long arrays = 0;
        while (in.readArray(limit).length > 0)
        {
            arrays++;
        }
        return arrays;
    }

    /**
     * @param condition that must hold.
     * @param otherwise the failure message.
     * @throws AssertionError when the condition does not hold.
     */
    public static void expect(final boolean condition, final String otherwise)
    {
        if (!condition)
        {
            throw new AssertionError(otherwise);
        }
    }
}
