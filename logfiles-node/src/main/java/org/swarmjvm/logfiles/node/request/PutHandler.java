package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesOperations;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.PutRequestDecoder;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

/**
 * Put (3): appends a record to the bucket of its key. Checks, in the original's order: channel name (409), value
 * over 65 536 bytes (407, the value having been read and dropped), empty value (408); then, on the worker, the
 * channel is created and only then the key parsed: a key that is not 16 hex digits closes the connection and
 * leaves the new, empty channel behind, as the original does. The record goes into the bucket's write buffer and
 * 200 follows; a disk error answers 500. A record whose bucket is open with room in its buffer is appended on the
 * network thread at once (see {@link LogfilesOperations#appendBuffered}); only the others wait for the worker.
 */
final class PutHandler extends DiskTaskHandler<PutRequestDecoder, AppendTask>
{
    private final LogfilesOperations operations;
    private final ChannelNameCopy channelName = new ChannelNameCopy();
    private final ActionCounters counters;
    private final WriteFailureLog writeFailures;

    PutHandler(final LogfilesStorage storage, final NodeServices node, final LogfilesOperations operations,
        final ActionCounters counters, final WriteFailureLog writeFailures)
    {
        super(new PutRequestDecoder(LogfilesConst.MAX_PUT_VALUE_LENGTH), storage, node);
        this.operations = operations;
        this.counters = counters;
        this.writeFailures = writeFailures;
    }

    @Override
    Progress start(final Reply reply)
    {
        switch (LogfilesOperations.checkPutValue(request.isValueTooBig(), request.valueLength()))
        {
            case VALUE_TOO_BIG:
                return reply.status(SwarmStatus.OUT_OF_MEMORY);
            case EMPTY_VALUE:
                return reply.status(SwarmStatus.EMPTY_VALUE);
            default:
                break;
        }
        final boolean keyValid = request.isKeyValid();
        // Parsed once, for the fast path and the task alike; a key that does not parse is 0 and only the channel
        // gets created, as the original does.
        final long key = keyValid ? request.key() : 0;
        if (keyValid)
        {
            channelName.copy(request.buffer(), request.channelOffset(), request.channelLength());
            if (operations.appendBuffered(
                channelName.text(), key, request.buffer(), request.valueOffset(), request.valueLength()))
            {
                counters.onHandled(1, request.valueLength());
                return reply.status(SwarmStatus.OK);
            }
        }
        task().prepare(request.buffer(), request.channelOffset(), request.channelLength(), keyValid, key,
            request.buffer(), request.valueOffset(), request.valueLength());
        return submitTask(reply);
    }

    @Override
    Progress finish(final AppendTask finished, final Reply reply)
    {
        if (!finished.isKeyValid())
        {
            throw new SwarmProtocolException("Put key of " + request.keyLength() + " bytes is not 16 hex digits");
        }
        if (null != finished.failure())
        {
            writeFailures.failed("Put", finished.channel(), finished.failure());
            return reply.status(SwarmStatus.ERROR);
        }
        counters.onHandled(1, finished.valueLength());
        return reply.status(SwarmStatus.OK);
    }

    @Override
    AppendTask newTask()
    {
        return new AppendTask(storage);
    }
}
