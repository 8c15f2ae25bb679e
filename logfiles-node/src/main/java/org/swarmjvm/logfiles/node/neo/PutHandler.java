package org.swarmjvm.logfiles.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.logfiles.node.request.ActionCounters;
import org.swarmjvm.logfiles.node.request.AppendTask;
import org.swarmjvm.logfiles.node.storage.LogfilesOperations;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.work.BlockingWorker;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoRequest;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Put (code 1, v1): {@code ARRAY(channel) | i64 timestamp | ARRAY(value)}, parsed exactly; answers {@code 01 Put}
 * or {@code 02 Error}. The timestamp is the record's key, its bits unchanged. A record whose bucket is open with
 * room in its buffer is appended on the poller thread at once, as the legacy Put does; the others go to the
 * blocking worker, which creates the channel and opens the bucket.
 * <p>
 * Differences from the original, which validates nothing, each answered {@code Error}: an invalid channel name (the
 * legacy rule, since the name becomes a directory); a value over the legacy limit of 64 KiB (which no batch of the
 * legacy protocol could carry); and an empty value, which the original stored but this storage cannot keep (crash
 * recovery takes an empty record for the zeros a torn write leaves, and cuts the bucket there, as the legacy Put
 * and PutBatch, which refuse empty values, allow). Arguments that do not parse close the connection (the original
 * leaves the client waiting).
 */
final class PutHandler extends LogfilesNeoHandler
{
    private static final Logger LOG = System.getLogger(PutHandler.class.getName());

    private final LogfilesOperations operations;
    private AppendTask task;
    private boolean running;

    PutHandler(final LogfilesStorage storage, final BlockingWorker worker, final ActionCounters counters)
    {
        super(storage, worker, counters);
        this.operations = new LogfilesOperations(storage);
    }

    @Override
    protected void onStart(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!readChannel(buffer, offset, length) || !reader.hasLong())
        {
            malformed("neo Put");
            return;
        }
        final int channelOffset = reader.arrayOffset();
        final int channelLength = reader.arrayLength();
        final long timestamp = reader.readLong();
        if (!reader.readArray() || 0 != reader.remaining())
        {
            malformed("neo Put");
            return;
        }
        final int valueOffset = reader.arrayOffset();
        final int valueLength = reader.arrayLength();
        if (LogfilesOperations.PutCheck.ACCEPTED != LogfilesOperations.checkPutValue(false, valueLength) ||
            !copyValidChannel())
        {
            answer(LogfilesNeoRequest.PUT_ERROR);
            return;
        }
        if (operations.appendBuffered(channelName.text(), timestamp, buffer, valueOffset, valueLength))
        {
            counters.onHandled(1, valueLength);
            answer(LogfilesNeoRequest.PUT_OK);
            return;
        }
        if (null == task)
        {
            task = new AppendTask(storage);
        }
        task.prepare(buffer, channelOffset, channelLength, true, timestamp, buffer, valueOffset, valueLength);
        task.queued(this);
        running = true;
        worker.submit(task);
    }

    @Override
    protected void onWoken()
    {
        if (!running || !task.isDone())
        {
            return;
        }
        running = false;
        if (null != task.failure())
        {
            LOG.log(Level.ERROR, "neo Put to " + task.channel() + " failed", task.failure());
            answer(LogfilesNeoRequest.PUT_ERROR);
            return;
        }
        counters.onHandled(1, task.valueLength());
        answer(LogfilesNeoRequest.PUT_OK);
    }

    @Override
    protected void onEnd()
    {
        if (running)
        {
            // The connection closed while the worker appends: the record is stored, nobody is told.
            task.cancel();
            task = null;
            running = false;
        }
    }
}
