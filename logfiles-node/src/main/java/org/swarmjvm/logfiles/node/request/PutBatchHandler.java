package org.swarmjvm.logfiles.node.request;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.codec.ChannelArrayRequestDecoder;
import org.swarmjvm.protocol.codec.HexKey;

/**
 * PutBatch (36): appends the records of a compressed batch in batch order. The channel is created before the batch
 * is decompressed (an empty batch creates an empty channel). The first record with an empty value stops the batch
 * with 408, the records before it staying stored; a key that is not 16 hex digits or a corrupt batch closes the
 * connection, likewise after the records before it. Values are bounded by the batch alone, as in the original; one
 * that cannot fit a 64 KiB answer batch is stored but never returned by a read.
 */
final class PutBatchHandler extends DiskTaskHandler<ChannelArrayRequestDecoder, PutBatchHandler.PutBatchTask>
{

    private static final int RETAINED_CAPACITY = 1024 * 1024;


    private final ActionCounters counters;
    private final WriteFailureLog writeFailures;

    PutBatchHandler(final LogfilesStorage storage, final NodeServices node, final ActionCounters counters,
        final WriteFailureLog writeFailures)
    {
        super(new ChannelArrayRequestDecoder(), storage, node);
        this.counters = counters;
        this.writeFailures = writeFailures;
    }

    @Override
    Progress start(final Reply reply)
    {
        task().prepare(request);
        return submitTask(reply);
    }

    @Override
    Progress finish(final PutBatchTask finished, final Reply reply)
    {
        if (finished.compressed.capacity() > RETAINED_CAPACITY)
        {
            // A batch of megabytes is rare: its buffers are not worth keeping for every connection slot.
            dropTask();
        }
        counters.onHandled(finished.storedRecords, finished.storedBytes);
        if (null != finished.protocolError)
        {
            throw new SwarmProtocolException(finished.protocolError);
        }
        if (null != finished.failure())
        {
            writeFailures.failed("PutBatch", finished.channel.text(), finished.failure());
            return reply.status(SwarmStatus.ERROR);
        }
        return reply.status(finished.emptyValue ? SwarmStatus.EMPTY_VALUE : SwarmStatus.OK);
    }

    @Override
    PutBatchTask newTask()
    {
        return new PutBatchTask(storage);
    }

    /**
     * The disk side of a PutBatch, with its own copy of the batch.
     */
    static final class PutBatchTask extends DiskTask
    {
        private final LogfilesStorage storage;
        private final ChannelNameCopy channel = new ChannelNameCopy();
        private final ExpandableArrayBuffer compressed = new ExpandableArrayBuffer(1024);
        private final RecordBatchReader batch = new RecordBatchReader();
        private int compressedLength;
        private volatile boolean emptyValue;
        private volatile String protocolError;
        private volatile long storedRecords;
        private volatile long storedBytes;

        PutBatchTask(final LogfilesStorage storage)
        {
            this.storage = storage;
        }

        void prepare(final ChannelArrayRequestDecoder request)
        {
            channel.copy(request.buffer(), request.channelOffset(), request.channelLength());
            compressedLength = request.arrayLength();
            compressed.putBytes(0, request.buffer(), request.arrayOffset(), compressedLength);
            emptyValue = false;
            protocolError = null;
            storedRecords = 0;
            storedBytes = 0;
        }

        @Override
        protected void work() throws Exception
        {
            final String name = channel.text();
            storage.createChannel(name);
            try
            {
                batch.wrap(compressed, 0, compressedLength);
                final DirectBuffer records = batch.buffer();
                while (batch.nextRecord())
                {
                    if (!HexKey.isValid(records, batch.keyOffset(), batch.keyLength()))
                    {
                        protocolError = "PutBatch key of " + batch.keyLength() + " bytes is not 16 hex digits";
                        return;
                    }
                    final int valueLength = batch.valueLength();
                    if (0 == valueLength)
                    {
                        emptyValue = true;
                        return;
                    }
                    storage.append(name, HexKey.parse(records, batch.keyOffset()), records, batch.valueOffset(),
                        valueLength);
                    storedRecords++;
                    storedBytes += valueLength;
                }
            }
            catch (final SwarmProtocolException ex)
            {
                protocolError = "PutBatch: " + ex.getMessage();
            }
        }
    }
}
