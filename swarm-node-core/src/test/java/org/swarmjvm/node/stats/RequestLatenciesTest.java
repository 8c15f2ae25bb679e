package org.swarmjvm.node.stats;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestLatenciesTest
{
    private static final int PUT = 1;
    private static final int GET = 2;
    private static final String[] NAMES = {null, "Put", "Get"};

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final RequestLatencies latencies = new RequestLatencies(NAMES, clock::get);
    private final Histogram window = RequestLatencies.newHistogram();

    @Test
    void shouldGivePercentilesWithinOnePercentWhenValuesAreRecorded()
    {
        for (int micros = 1; micros <= 1000; micros++)
        {
            latencies.record(PUT, micros * 1000L);
        }
        assertWithinOnePercent(500_000, latencies.intervalValueAtPercentile(PUT, 50.0));
        assertWithinOnePercent(990_000, latencies.intervalValueAtPercentile(PUT, 99.0));
        assertWithinOnePercent(1_000_000, latencies.intervalMax(PUT));
        assertEquals(0, latencies.intervalMax(GET), "each command has its own histogram");
    }

    @Test
    void shouldStartEmptyWhenIntervalIsReset()
    {
        latencies.record(PUT, 5_000_000);
        latencies.resetInterval(PUT);
        assertEquals(0, latencies.intervalValueAtPercentile(PUT, 50.0));
        latencies.record(PUT, 7_000_000);
        assertWithinOnePercent(7_000_000, latencies.intervalMax(PUT));
        latencies.windowInto(PUT, window);
        assertEquals(2, window.getTotalCount(), "resetting the interval keeps the window");
    }

    @Test
    void shouldForgetValuesWhenTheyLeaveTheWindow()
    {
        latencies.record(GET, 3_000_000);
        latencies.drainAll();
        clock.addAndGet((RequestLatencies.WINDOW_SLOTS - 1) * RequestLatencies.SLOT_SECONDS * 1000L);
        latencies.record(GET, 4_000_000);
        latencies.windowInto(GET, window);
        assertEquals(2, window.getTotalCount());

        clock.addAndGet(RequestLatencies.SLOT_SECONDS * 1000L);
        latencies.windowInto(GET, window);
        assertEquals(1, window.getTotalCount(), "the oldest slot aged out");
        assertWithinOnePercent(4_000_000, window.getMaxValue());

        clock.addAndGet(RequestLatencies.WINDOW_SLOTS * RequestLatencies.SLOT_SECONDS * 1000L);
        latencies.windowInto(GET, window);
        assertEquals(0, window.getTotalCount());
    }

    @Test
    void shouldClampValuesWhenOutOfRange()
    {
        latencies.record(PUT, Long.MAX_VALUE);
        latencies.record(PUT, -5);
        assertWithinOnePercent(RequestLatencies.HIGHEST_NANOS, latencies.intervalMax(PUT));
        assertEquals(0, latencies.intervalValueAtPercentile(PUT, 1.0) / 1000);
    }

    @Test
    void shouldIgnoreCodesWhenTheyAreNoCommand()
    {
        latencies.record(0, 1_000_000);
        latencies.record(99, 1_000_000);
        assertFalse(latencies.isTracked(0));
        assertFalse(latencies.isTracked(99));
        assertTrue(latencies.isTracked(PUT));
    }

    private static void assertWithinOnePercent(final long expected, final long actual)
    {
        assertTrue(Math.abs(actual - expected) <= expected / 100, "expected about " + expected + ", got " + actual);
    }
}
