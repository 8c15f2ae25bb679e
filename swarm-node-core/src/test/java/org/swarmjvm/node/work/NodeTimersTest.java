package org.swarmjvm.node.work;

import org.agrona.concurrent.AgentInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.QuietLoggers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The timers run each task at its deadlines, at a fixed rate, on a clock the test moves: driven by an
 * {@link AgentInvoker}, a tick runs exactly the tasks that are due.
 */
@Timeout(60)
class NodeTimersTest
{
    private static final long FLUSH_PERIOD = 100;
    private static final long STATS_PERIOD = 250;

    private long now = 1_000;

    @Test
    void shouldRunEachTaskAtItsDeadlinesAtAFixedRate()
    {
        final AtomicInteger flushes = new AtomicInteger();
        final AtomicInteger lines = new AtomicInteger();
        final NodeTimers timers = new NodeTimers("test", () -> now, error -> { throw new AssertionError(error); });
        timers.schedule(flushes::incrementAndGet, FLUSH_PERIOD);
        timers.schedule(lines::incrementAndGet, STATS_PERIOD);
        final AgentInvoker invoker = new AgentInvoker(Throwable::printStackTrace, null, timers);
        invoker.start();

        now += FLUSH_PERIOD - 1;
        assertEquals(0, invoker.invoke(), "no task is due before its first deadline");
        assertEquals(1, timers.nanosToNextDeadline());

        now += 1;
        assertEquals(1, invoker.invoke(), "the flush is due one period after it was scheduled");
        assertEquals(0, invoker.invoke(), "a deadline runs its task once");
        assertEquals(FLUSH_PERIOD, timers.nanosToNextDeadline());

        // Late by 60: the flush runs once, its next deadline stays on the fixed rate (300), and the stats are due.
        now += FLUSH_PERIOD + 60;
        assertEquals(2, invoker.invoke());
        assertEquals(2, flushes.get());
        assertEquals(1, lines.get());
        assertEquals(FLUSH_PERIOD - 60, timers.nanosToNextDeadline());

        now += FLUSH_PERIOD - 60;
        assertEquals(1, invoker.invoke());
        assertEquals(3, flushes.get());
        assertEquals(1, lines.get());
        invoker.close();
    }

    @Test
    void shouldRunATaskAgainAfterItThrew()
    {
        final AtomicInteger runs = new AtomicInteger();
        final NodeTimers timers = new NodeTimers("test", () -> now, error -> { throw new AssertionError(error); });
        timers.schedule(() ->
        {
            runs.incrementAndGet();
            throw new IllegalStateException("injected stats failure");
        }, FLUSH_PERIOD);
        final AgentInvoker invoker = new AgentInvoker(Throwable::printStackTrace, null, timers);
        invoker.start();
        try (QuietLoggers ignored = new QuietLoggers(NodeTimers.class.getName()))
        {
            now += FLUSH_PERIOD;
            invoker.invoke();
            now += FLUSH_PERIOD;
            invoker.invoke();
        }
        assertEquals(2, runs.get());
        invoker.close();
    }

    @Test
    void shouldRefuseATaskOnceStarted()
    {
        try (NodeTimers timers = new NodeTimers("test", System::nanoTime, error -> { }))
        {
            timers.start();
            assertThrows(IllegalStateException.class, () -> timers.schedule(() -> { }, FLUSH_PERIOD));
        }
    }

    @Test
    void shouldParkUntilTheNextDeadlineOnItsThreadAndStopWhenClosed() throws Exception
    {
        final AtomicReference<Throwable> fatal = new AtomicReference<>();
        final CompletableFuture<Thread> timerThread = new CompletableFuture<>();
        final AtomicInteger runs = new AtomicInteger();
        final NodeTimers timers = new NodeTimers("test", System::nanoTime, fatal::set);
        timers.schedule(() ->
        {
            timerThread.complete(Thread.currentThread());
            runs.incrementAndGet();
        }, TimeUnit.MILLISECONDS.toNanos(1));
        timers.schedule(() -> { }, TimeUnit.DAYS.toNanos(1));
        timers.start();
        final Thread thread = timerThread.get(30, TimeUnit.SECONDS);
        assertEquals("test-timers", thread.getName());
        Await.until("the task runs again at its next deadlines", () -> runs.get() >= 3);
        timers.close();
        Await.until("the timer thread ends when closed", () -> !thread.isAlive());
        assertNull(fatal.get());
    }
}
