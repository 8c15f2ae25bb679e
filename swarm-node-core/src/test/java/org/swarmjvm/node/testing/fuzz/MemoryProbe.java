package org.swarmjvm.node.testing.fuzz;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Memory a node in this JVM holds: heap in use after a full collection plus direct buffers.
 */
public final class MemoryProbe
{
    private MemoryProbe()
    {
    }

    /**
     * @return bytes of heap in use after {@code System.gc()}, plus bytes of direct buffers.
     */
    public static long usedAfterGc()
    {
        System.gc();
        final long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = 0;
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                direct = pool.getMemoryUsed();
            }
        }
        return heap + direct;
    }
}
