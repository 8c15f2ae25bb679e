package org.swarmjvm.node.work;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * A node's periodic work (the stats line, the metrics' latency drain, an engine's flushes), on one thread: each
 * task runs at a fixed rate, its first run one period after it was scheduled. Between two deadlines the thread
 * parks until the next one is due ({@link WaitForDeadline}), not waking every millisecond to find nothing to do. A
 * tick allocates nothing: the tasks and their deadlines are kept in arrays filled by {@link #schedule} before
 * {@link #start()}.
 * <p>
 * A task that throws a RuntimeException is logged and runs again at its next deadline: one failed stats line must
 * not end the stats. An Error reaches the fatal error handler.
 */
public final class NodeTimers implements Agent, AutoCloseable
{
    private static final Logger LOG = System.getLogger(NodeTimers.class.getName());

    private final String name;
    private final NanoClock clock;
    private final ErrorHandler fatal;
    private Runnable[] tasks = new Runnable[0];
    private long[] periods = new long[0];
    private long[] deadlines = new long[0];
    private AgentRunner runner;
    private Thread thread;
    private volatile boolean closing;

    /**
     * @param name  of the thread, as "name-timers".
     * @param clock of the deadlines: {@link System#nanoTime()} on a node, a controlled one in tests.
     * @param fatal called with an Error a task threw: a node without its timers would stop its stats silently.
     */
    public NodeTimers(final String name, final NanoClock clock, final ErrorHandler fatal)
    {
        this.name = name + "-timers";
        this.clock = clock;
        this.fatal = fatal;
    }

    /**
     * Adds a task; only before {@link #start()}, so the timer thread never sees the arrays change.
     *
     * @param task        to run on the timer thread at each deadline.
     * @param periodNanos between two runs, and before the first.
     */
    public void schedule(final Runnable task, final long periodNanos)
    {
        if (null != runner)
        {
            throw new IllegalStateException("timers already started: schedule before start");
        }
        if (periodNanos <= 0)
        {
            throw new IllegalArgumentException("timer period must be positive: " + periodNanos);
        }
        final int count = tasks.length;
        tasks = Arrays.copyOf(tasks, count + 1);
        periods = Arrays.copyOf(periods, count + 1);
        deadlines = Arrays.copyOf(deadlines, count + 1);
        tasks[count] = task;
        periods[count] = periodNanos;
        deadlines[count] = clock.nanoTime() + periodNanos;
    }

    /**
     * Starts the timer thread.
     */
    public void start()
    {
        runner = new AgentRunner(idleStrategy(), fatal, null, this);
        thread = AgentRunner.startOnThread(runner);
    }

    /**
     * @return how the timer thread waits between deadlines; a test may call its idle on the thread of its own.
     */
    public IdleStrategy idleStrategy()
    {
        return new WaitForDeadline();
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
        int work = 0;
        for (int i = 0; i < tasks.length; i++)
        {
            if (now - deadlines[i] >= 0)
            {
                // Fixed rate: a late run does not shift the deadlines after it.
                deadlines[i] += periods[i];
                run(tasks[i]);
                work++;
            }
        }
        return work;
    }

    private static void run(final Runnable task)
    {
        try
        {
            task.run();
        }
        catch (final RuntimeException ex)
        {
            LOG.log(Level.WARNING, "timer task failed, it runs again at its next deadline", ex);
        }
    }

    @Override
    public String roleName()
    {
        return name;
    }

    /**
     * @return nanoseconds until the next deadline; zero or less when one is due, Long.MAX_VALUE without tasks.
     */
    long nanosToNextDeadline()
    {
        final long now = clock.nanoTime();
        long nanos = Long.MAX_VALUE;
        for (final long deadline : deadlines)
        {
            nanos = Math.min(nanos, deadline - now);
        }
        return nanos;
    }

    /**
     * Stops the thread after the task that is running, if it was started.
     */
    @Override
    public void close()
    {
        closing = true;
        if (null != thread)
        {
            LockSupport.unpark(thread);
        }
        CloseHelper.close(runner);
    }

    /**
     * Parks until the next deadline, or until the timers are stopped: a park that returns early (an unpark before
     * it, a spurious return) parks again for what is left.
     */
    private final class WaitForDeadline extends ParkingIdleStrategy
    {
        @Override
        public void idle()
        {
            long nanos;
            while (!closing && (nanos = nanosToNextDeadline()) > 0)
            {
                LockSupport.parkNanos(this, nanos);
            }
        }
    }
}
