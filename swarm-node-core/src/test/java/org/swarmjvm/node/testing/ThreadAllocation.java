package org.swarmjvm.node.testing;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks that a node thread allocates nothing per request in the steady state, with the JVM's per-thread
 * allocation counter.
 * <p>
 * The steady state comes when the JIT has compiled the request path with escape analysis; on a busy machine the
 * compiler threads get there late, and a fixed warm-up then measures interpreted code. So the rounds run in
 * windows until one window stays within the bound: a real per-request allocation shows in every window and fails.
 */
public final class ThreadAllocation
{
    /** Most windows run before the check fails. */
    public static final int MAX_WINDOWS = 10;

    private ThreadAllocation()
    {
    }

    /**
     * One round of requests, run on the test thread, the node's thread doing the work.
     */
    @FunctionalInterface
    public interface Round
    {
        /**
         * @param i the round's number within its window.
         * @throws Exception on a failed round.
         */
        void run(int i) throws Exception;
    }

    /**
     * @param threadName        the node thread to watch, e.g. {@code dht-node-poller}.
     * @param rounds            rounds per window.
     * @param maxBytesPerRound  slack for the JVM's own work on the thread.
     * @param round             one round of requests.
     * @throws Exception from a round.
     */
    public static void assertSteadyStateAllocatesNothing(
        final String threadName, final int rounds, final long maxBytesPerRound, final Round round) throws Exception
    {
        final Thread thread = Thread.getAllStackTraces().keySet().stream()
            .filter(candidate -> candidate.getName().equals(threadName))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no thread " + threadName));
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final StringBuilder windows = new StringBuilder();
        for (int window = 0; window < MAX_WINDOWS; window++)
        {
            final long before = threads.getThreadAllocatedBytes(thread.getId());
            assertTrue(before > 0, "the JVM counts the thread's allocations (it allocated at start-up)");
            for (int i = 0; i < rounds; i++)
            {
                round.run(i);
            }
            final long allocated = threads.getThreadAllocatedBytes(thread.getId()) - before;
            if (allocated <= maxBytesPerRound * rounds)
            {
                return;
            }
            windows.append(' ').append(allocated);
        }
        throw new AssertionError(threadName + " allocated, per window of " + rounds + " rounds, bytes:" + windows);
    }
}
