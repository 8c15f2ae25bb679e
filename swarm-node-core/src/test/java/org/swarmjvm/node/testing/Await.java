package org.swarmjvm.node.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waiting by polling a condition until a deadline, never by sleeping a fixed time.
 */
public final class Await
{
    /** Long enough for anything a loaded build machine does in these tests. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final long POLL_INTERVAL_NANOS = 1_000_000;

    private Await()
    {
    }

    /**
     * Polls until the condition holds.
     *
     * @param what      the condition, for the failure message.
     * @param condition polled.
     */
    public static void until(final String what, final BooleanSupplier condition)
    {
        until(what, condition, DEFAULT_TIMEOUT);
    }

    /**
     * Polls until the condition holds.
     *
     * @param what      the condition, for the failure message.
     * @param condition polled.
     * @param timeout   how long to poll.
     */
    public static void until(final String what, final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out after " + timeout + " waiting until " + what);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NANOS);
        }
    }
}
