package org.swarmjvm.logfiles.node.request;

import org.agrona.ExpandableArrayBuffer;
import org.swarmjvm.logfiles.node.storage.LogfilesChannel;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.codec.PutRequestDecoder;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

/**
 * Put (3): appends a record to the bucket of its key. Checks, in the original's order: channel name (409), value
 * over 65 536 bytes (407, the value having been read and dropped), empty value (408); then, on the worker, the
 * channel is created and only then the key parsed: a key that is not 16 hex digits closes the connection and
 * leaves the new, empty channel behind, as the original does. The record goes into the bucket's write buffer and
 * 200 follows; a disk error answers 500. A record whose bucket is open with room in its buffer is appended on the
 * network thread at once (see {@link LogfilesChannel#tryAppendBuffered}); only the others wait for the worker.
 */
final class PutHandler extends DiskTaskHandler<PutHandler.PutTask>
{
    private final PutRequestDecoder request = new PutRequestDecoder(LogfilesConst.MAX_PUT_VALUE_LENGTH);
    private final ChannelNameCopy channelName = new ChannelNameCopy();

    private final ActionCounters counters;
    private final WriteFailureLog writeFailures;

    PutHandler(final LogfilesStorage storage, final NodeServices node, final ActionCounters counters,
        final WriteFailureLog writeFailures)
    {
        super(storage, node);
        this.counters = counters;
        this.writeFailures = writeFailures;
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        return request.decode(scanner);
    }

    @Override
    Progress start(final Reply reply)
    {
        if (!hasValidChannel(request))
        {
            return status(reply, SwarmStatus.BAD_CHANNEL_NAME);
        }
        if (request.isValueTooBig())
        {
            return status(reply, SwarmStatus.OUT_OF_MEMORY);
        }
        if (0 == request.valueLength())
        {
            return status(reply, SwarmStatus.EMPTY_VALUE);
        }
        if (request.isKeyValid() && appendBuffered())
        {
            counters.onHandled(1, request.valueLength());
            return status(reply, SwarmStatus.OK);
        }
        task().prepare(request);
        return submitTask(reply);
    }

    @Override
    Progress finish(final PutTask finished, final Reply reply)
    {
        if (!finished.keyValid)
        {
            throw new SwarmProtocolException("Put key of " + request.keyLength() + " bytes is not 16 hex digits");
        }
        if (null != finished.failure())
        {
            writeFailures.failed("Put", finished.channel.text(), finished.failure());
            return status(reply, SwarmStatus.ERROR);
        }
        counters.onHandled(1, finished.valueLength);
        return status(reply, SwarmStatus.OK);
    }

    @Override
    PutTask newTask()
    {
        return new PutTask(storage);
    }

    /**
     * The fast path, on the network thread: a record for the bucket the channel is writing, with room in its
     * buffer, is appended at once; anything that needs the disk or would wait goes to the worker.
     */
    private boolean appendBuffered()
    {
        channelName.copy(request.buffer(), request.channelOffset(), request.channelLength());
        final LogfilesChannel channel = storage.channel(channelName.text());
        return null != channel &&
            channel.tryAppendBuffered(request.key(), request.buffer(), request.valueOffset(), request.valueLength());
    }

    /**
     * The disk side of a Put, with its own copy of the request.
     */
    static final class PutTask extends DiskTask
    {
        private final LogfilesStorage storage;
        private final ChannelNameCopy channel = new ChannelNameCopy();
        private final ExpandableArrayBuffer value = new ExpandableArrayBuffer(1024);
        private long key;
        private int valueLength;
        private volatile boolean keyValid;

        PutTask(final LogfilesStorage storage)
        {
            this.storage = storage;
        }

        void prepare(final PutRequestDecoder request)
        {
            channel.copy(request.buffer(), request.channelOffset(), request.channelLength());
            keyValid = request.isKeyValid();
            key = keyValid ? request.key() : 0;
            valueLength = request.valueLength();
            value.putBytes(0, request.buffer(), request.valueOffset(), valueLength);
        }

        @Override
        protected void work() throws Exception
        {
            // The original creates the channel before it parses the key: a bad key leaves an empty channel.
            storage.createChannel(channel.text());
            if (keyValid)
            {
                storage.append(channel.text(), key, value, 0, valueLength);
            }
        }
    }
}
