package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesChannel;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.logfiles.node.storage.RecordFilter;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.codec.WireWriter;

/**
 * The stream the bulk reads share: 200, then {@code ARRAY(compressed batch)} per batch of at most 64 KiB, always a
 * last batch (the only one, and empty, when nothing matched), then {@code ARRAY("")}.
 * <p>
 * Steps: the channel name is checked (409), then the command's own checks ({@link #prepare}: a filter that does not
 * compile answers 500, bounds that are not hex keys close the connection, but only on an existing channel); a
 * missing channel streams as an empty one at once. Otherwise 200 goes out and the worker fills batches ahead of
 * the connection, two at most ({@link StreamTask}); the connection takes one only while its write buffer is below
 * the high-water mark, so a slow client holds two batches and its write buffer in memory.
 *
 * @param <D> the command's request decoder.
 */
abstract class RecordStreamHandler<D extends ChannelRequestDecoder> extends LogfilesChannelHandler<D>
{
    /** Where a stream is. */
    private enum State
    {
        IDLE,
        STREAMING
    }

    private static final int EMPTY_BATCH_LENGTH = Long.BYTES + 3;

    private final StreamTaskHolder tasks;
    private State state = State.IDLE;
    private StreamTask task;
    private long lower;
    private long upper;
    private RecordFilter filter;

    RecordStreamHandler(final D request, final LogfilesStorage storage, final NodeServices node,
        final StreamTaskHolder tasks)
    {
        super(request, storage, node);
        this.tasks = tasks;
    }

    /**
     * The command's own checks, made after the channel name's and before anything is sent; on an existing channel
     * they say what to stream with {@link #scan} or {@link #scanAll}.
     *
     * @param exists whether the channel exists.
     * @return null to go on, or the status to answer instead.
     * @throws SwarmProtocolException when the request must close the connection.
     */
    abstract SwarmStatus prepare(boolean exists);

    /**
     * @param lower  smallest key of the stream, unsigned.
     * @param upper  largest key of the stream, unsigned.
     * @param filter which records of the range go out.
     */
    final void scan(final long lower, final long upper, final RecordFilter filter)
    {
        this.lower = lower;
        this.upper = upper;
        this.filter = filter;
    }

    /**
     * @param filter which records of the whole channel go out.
     */
    final void scanAll(final RecordFilter filter)
    {
        scan(0, -1L, filter);
    }

    @Override
    protected final Progress executeOnValidChannel(final Reply reply)
    {
        switch (state)
        {
            case IDLE:
                return start(reply);
            case STREAMING:
                return sendBatch(reply);
            default:
                throw new IllegalStateException(state.name());
        }
    }

    @Override
    protected final void onAbort()
    {
        if (State.IDLE != state)
        {
            // A task still running on the worker closes its scan itself when it finishes; it is never reused.
            task.cancel();
            task = null;
            state = State.IDLE;
        }
    }

    private Progress start(final Reply reply)
    {
        final LogfilesChannel channel = storage.channel(channelName());
        final SwarmStatus refusal = prepare(null != channel);
        if (null != refusal)
        {
            return reply.status(refusal);
        }
        final WireWriter writer = reply.begin().status(SwarmStatus.OK);
        if (null == channel)
        {
            // The original's answer for a missing channel: one empty batch (LZO's lone end-of-stream marker).
            writer.u64(EMPTY_BATCH_LENGTH).u64(0).u8(0x11).u8(0).u8(0).emptyArray();
            reply.end();
            return Progress.DONE;
        }
        reply.end();
        task = tasks.take();
        task.start(channel, lower, upper, filter);
        state = State.STREAMING;
        return submit(task, reply);
    }

    private Progress sendBatch(final Reply reply)
    {
        if (!task.hasBatch())
        {
            if (!task.isDone())
            {
                return Progress.WAIT;
            }
            if (null != task.failure())
            {
                final Exception failure = task.failure();
                task.end();
                tasks.give(task);
                task = null;
                state = State.IDLE;
                throw new SwarmProtocolException("reading the channel failed mid-stream: " + failure);
            }
            // A run that stopped with both slots full, whose batches were taken since: fill the next.
            return submit(task, reply);
        }
        if (task.isLastBatch() && !task.isDone())
        {
            // The run that filled the last batch has not finished: the task is given to the next request only
            // once it has (its end still writes the task's state), and that end wakes the connection.
            return Progress.WAIT;
        }
        final WireWriter writer = reply.begin();
        writer.buffer().putBytes(writer.position(), task.batch(), 0, task.batchLength());
        writer.position(writer.position() + task.batchLength());
        final boolean last = task.isLastBatch();
        task.take();
        if (!last)
        {
            reply.end();
            if (task.needsRun())
            {
                submit(task, reply);
            }
            return Progress.MORE;
        }
        writer.emptyArray();
        reply.end();
        tasks.counters.onHandled(task.records(), task.valueBytes());
        tasks.give(task);
        task = null;
        state = State.IDLE;
        return Progress.DONE;
    }

    /**
     * The stream task of one connection, shared by its stream handlers and created on first use.
     */
    static final class StreamTaskHolder
    {
        private final int readBufferSize;
        private final ActionCounters counters;
        private StreamTask idle;

        StreamTaskHolder(final int readBufferSize, final ActionCounters counters)
        {
            this.readBufferSize = readBufferSize;
            this.counters = counters;
        }

        StreamTask take()
        {
            final StreamTask taken = null == idle ? new StreamTask(readBufferSize) : idle;
            idle = null;
            return taken;
        }

        void give(final StreamTask task)
        {
            idle = task;
        }
    }
}
