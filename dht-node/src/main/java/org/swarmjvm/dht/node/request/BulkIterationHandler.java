package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The stream the GetAll commands share: 200, then {@code ARRAY(compressed batch)} per full batch, always one last
 * batch (possibly of zero records, as the original sends for an empty or missing channel), then {@code ARRAY("")}.
 * The channel is read one map segment per step: its keys are copied out under the segment's lock, and each
 * record's value is read by its key as it goes into a batch, so a record removed meanwhile is not sent and one
 * changed meanwhile goes with its value of then. A step waits until the previous batches went out, so a slow reader
 * holds no more than a batch or two and one segment's keys in memory. A missing channel streams like an empty one
 * and is not created; a channel removed meanwhile ends the stream with what was sent.
 */
abstract class BulkIterationHandler<D extends ChannelRequestDecoder> extends DhtChannelHandler<D>
{
    private static final Logger LOG = System.getLogger(BulkIterationHandler.class.getName());

    private final IterationBuffers buffers;
    private DhtChannel channel;
    private int nextSegment;
    private boolean started;

    BulkIterationHandler(
        final DhtOperations operations, final RefusalLog refusals, final D request, final IterationBuffers buffers)
    {
        super(operations, refusals, request);
        this.buffers = buffers;
    }

    /**
     * @return which records to send, or {@code null} for all (GetAll, GetAllKeys).
     */
    IterationBuffers.ValueFilter filter()
    {
        return null;
    }

    /**
     * Adds the staged record to the batch in this command's form: a key/value entry, read from the channel now,
     * unless the command sends keys only.
     *
     * @param batch   being filled.
     * @param channel holding the record.
     * @param buffers holding the staged key.
     * @return false when the batch is full; true when the record was added, or is not sent (removed meanwhile, or
     *         left out by the filter).
     */
    boolean append(final RecordBatchWriter batch, final DhtChannel channel, final IterationBuffers buffers)
    {
        final int length = buffers.loadValue(channel);
        if (0 == length)
        {
            return true;
        }
        final IterationBuffers.ValueFilter filter = filter();
        if (null != filter && !filter.accept(buffers.value(), IterationBuffers.VALUE_OFFSET, length))
        {
            return true;
        }
        return batch.appendRecord(buffers.stagedKey(), buffers.value(), IterationBuffers.VALUE_OFFSET, length);
    }

    @Override
    protected final Progress executeOnValidChannel(final Reply reply)
    {
        if (!started)
        {
            channel = existingChannel();
            buffers.clear();
            nextSegment = 0;
            started = true;
            reply.begin().status(SwarmStatus.OK);
            reply.end();
        }
        final RecordBatchWriter batch = buffers.batch();
        while (true)
        {
            while (buffers.hasStaged() && !channel.isRemoved())
            {
                if (!append(batch, channel, buffers))
                {
                    if (0 == batch.entries())
                    {
                        LOG.log(Level.WARNING, "record {0} of {1} bytes does not fit a batch: skipped",
                            Long.toHexString(buffers.stagedKey()), buffers.valueLength());
                        buffers.nextStaged();
                        continue;
                    }
                    writeBatch(reply, batch);
                    return Progress.MORE;
                }
                buffers.nextStaged();
            }
            if (null == channel || channel.isRemoved() || nextSegment >= channel.segments())
            {
                writeBatch(reply, batch);
                reply.begin().emptyArray();
                reply.end();
                reset();
                return Progress.DONE;
            }
            buffers.stageSegment(channel, nextSegment++);
        }
    }

    @Override
    protected final void onAbort()
    {
        reset();
    }

    private void reset()
    {
        channel = null;
        started = false;
        buffers.clear();
    }

    private static void writeBatch(final Reply reply, final RecordBatchWriter batch)
    {
        final WireWriter writer = reply.begin();
        writer.position(writer.position() + batch.writeArray(writer.buffer(), writer.position()));
        reply.end();
    }
}
