package org.swarmjvm.node.work;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swarmjvm.node.testing.Await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The worker hands tasks over without a timer: idle, its thread waits with no timeout (a timed sleep between polls
 * paced a logfiles scan at one batch per sleep), and a submit wakes it.
 */
@Timeout(60)
class BlockingWorkerTest
{
    private static final int TASKS = 1000;

    @Test
    void shouldWaitWithoutTimeoutWhenIdleAndRunEachSubmittedTaskInOrder() throws Exception
    {
        final AtomicReference<Throwable> fatal = new AtomicReference<>();
        try (BlockingWorker worker = new BlockingWorker("test-worker", fatal::set))
        {
            final CompletableFuture<Thread> workerThread = new CompletableFuture<>();
            worker.submit(() -> workerThread.complete(Thread.currentThread()));
            final Thread thread = workerThread.get(30, TimeUnit.SECONDS);
            final List<Integer> ran = new CopyOnWriteArrayList<>();
            final List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < TASKS; i++)
            {
                // Each task is submitted once the worker is idle again, so every one of them needs a wake-up.
                Await.until("the worker waits without a timeout (state " + thread.getState() + ")",
                    () -> Thread.State.WAITING == thread.getState());
                final int task = i;
                worker.submit(() -> ran.add(task));
                expected.add(task);
                Await.until("task " + task + " ran", () -> ran.size() == expected.size());
            }
            assertEquals(expected, ran);
        }
        assertNull(fatal.get(), "no fatal error on the worker");
    }
}
