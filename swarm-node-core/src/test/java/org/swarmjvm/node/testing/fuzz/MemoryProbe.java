package org.swarmjvm.node.testing.fuzz;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Memory a node in this JVM holds: heap in use after a full collection plus direct buffers.
 */
public final class MemoryProbe
{
    private static final long SETTLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SETTLE_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private MemoryProbe()
    {
    }

    /**
     * @return bytes of heap in use after {@code System.gc()}, plus bytes of direct buffers once the buffers that
     *     collection found unreachable are freed.
     */
    public static long usedAfterGc()
    {
        System.gc();
        // The collection finds unreachable direct buffers, but the reference handler thread frees their memory a
        // moment later, and later still on a busy machine: read until the figure settles, or the 32 MiB read buffers
        // a node has just given back count as held.
        long direct = directUsed();
        final long deadline = System.nanoTime() + SETTLE_TIMEOUT_NANOS;
        while (System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(SETTLE_POLL_NANOS);
            final long again = directUsed();
            if (again == direct)
            {
                break;
            }
            direct = again;
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + direct;
    }

    /**
     * @return bytes of direct buffers allocated now, freed ones not yet released included.
     */
    public static long directUsed()
    {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }
}
