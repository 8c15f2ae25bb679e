package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

/**
 * A handler whose request, once checked, runs as one {@link DiskTask} on the worker: {@link #start} checks the
 * request and answers at once or {@link #submitTask submits} the task; {@link #finish} answers once the task is
 * done. The task is kept for the next request; an abort while it runs cancels it, and the next request takes a
 * fresh one (the cancelled task may still be running on the worker).
 *
 * @param <D> the command's request decoder.
 * @param <T> the task type.
 */
abstract class DiskTaskHandler<D extends ChannelRequestDecoder, T extends DiskTask> extends LogfilesChannelHandler<D>
{
    private T task;
    private boolean running;

    DiskTaskHandler(final D request, final LogfilesStorage storage, final NodeServices node)
    {
        super(request, storage, node);
    }

    /**
     * Checks the request, whose channel name is valid; answers at once, or prepares {@link #task()} and returns {@link
     * #submitTask(Reply)}.
     *
     * @param reply to answer through.
     * @return the progress of the request.
     */
    abstract Progress start(Reply reply);

    /**
     * Answers once the task is done.
     *
     * @param finished the task, done.
     * @param reply    to answer through.
     * @return the progress of the request.
     */
    abstract Progress finish(T finished, Reply reply);

    /**
     * @return a new task, for the first request and after an abort.
     */
    abstract T newTask();

    @Override
    protected final Progress executeOnValidChannel(final Reply reply)
    {
        if (!running)
        {
            return start(reply);
        }
        if (!task.isDone())
        {
            return Progress.WAIT;
        }
        running = false;
        return finish(task, reply);
    }

    @Override
    protected final void onAbort()
    {
        if (running)
        {
            running = false;
            task.cancel();
            task = null;
        }
    }

    /**
     * @return the task to prepare for this request.
     */
    final T task()
    {
        if (null == task)
        {
            task = newTask();
        }
        return task;
    }

    /**
     * Queues the prepared task on the worker.
     *
     * @param reply to wake when it is done.
     * @return {@link Progress#WAIT}.
     */
    final Progress submitTask(final Reply reply)
    {
        running = true;
        return submit(task(), reply);
    }

    /**
     * Lets the finished task go instead of keeping it for the next request.
     */
    final void dropTask()
    {
        task = null;
    }
}
