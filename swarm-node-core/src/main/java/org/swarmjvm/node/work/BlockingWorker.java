package org.swarmjvm.node.work;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs blocking work (file renames, disk reads, connections to other nodes) on its own thread, so the poller
 * thread never blocks. A task reports back through the {@link org.swarmjvm.node.request.Reply#wake()} of the
 * request that submitted it. Tasks run one after another, in submission order.
 * <p>
 * The idle thread waits without a timeout and {@link #submit} wakes it: a request that hands the worker one step
 * after another (a logfiles scan, one batch per step) is paced by the disk, not by a sleep between polls.
 */
public final class BlockingWorker implements AutoCloseable
{
    private static final Logger LOG = System.getLogger(BlockingWorker.class.getName());

    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final AgentRunner runner;
    private final Thread thread;
    private volatile boolean closing;

    /**
     * Starts the worker thread.
     *
     * @param name  of the thread.
     * @param fatal called with an Error a task threw: the thread ends with it, and a node without its worker
     *              would leave every disk request waiting for good.
     */
    public BlockingWorker(final String name, final ErrorHandler fatal)
    {
        runner = new AgentRunner(
            new WaitForTask(),
            ex ->
            {
                if (ex instanceof Error)
                {
                    fatal.onError(ex);
                }
                else
                {
                    // Only the request of that task is left without an answer; the worker goes on.
                    LOG.log(Level.ERROR, "blocking task failed", ex);
                }
            },
            null,
            new TaskAgent(name));
        thread = AgentRunner.startOnThread(runner);
    }

    /**
     * Queues a task and wakes the worker.
     *
     * @param task to run on the worker thread; it must catch and report its own failures.
     */
    public void submit(final Runnable task)
    {
        tasks.offer(task);
        LockSupport.unpark(thread);
    }

    /**
     * Stops the thread after the task that is running; tasks still queued are dropped.
     */
    @Override
    public void close()
    {
        closing = true;
        LockSupport.unpark(thread);
        CloseHelper.close(runner);
    }

    /**
     * Parks until {@link #submit} or {@link #close} unparks the thread; an unpark that comes between the empty poll
     * and the park leaves a permit, so the park returns at once and no task waits.
     */
    private final class WaitForTask extends ParkingIdleStrategy
    {
        @Override
        public void idle()
        {
            if (!closing && tasks.isEmpty())
            {
                LockSupport.park(this);
            }
        }
    }

    private final class TaskAgent implements Agent
    {
        private final String name;

        TaskAgent(final String name)
        {
            this.name = name;
        }

        @Override
        public int doWork()
        {
            final Runnable task = tasks.poll();
            if (null == task)
            {
                return 0;
            }
            task.run();
            return 1;
        }

        @Override
        public String roleName()
        {
            return name;
        }
    }
}
