package org.swarmjvm.queue.node.neo;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.protocol.queue.QueueConst;
import org.swarmjvm.queue.node.storage.LeaseGrant;
import org.swarmjvm.queue.node.storage.QueueOperations;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Take v0 (ours, leased delivery): {@code ARRAY(channel) | u64 lease millis}, parsed exactly.
 * {@code Taken | u64 lease id | u32 deliveries | ARRAY(value)} with the head record, copied from the channel's
 * lease journal into the message; {@code Empty}; {@code Subscribed} once a Consume has subscribed to the channel;
 * {@code Error} for a bad name, a lease outside 1 ms to 1 day, a record the lease journal cannot hold, or a journal
 * that cannot be made (a full disk: the neo protocol's status for a storage failure). A missing channel is created,
 * as by the neo Pop. A channel's first Take waits for the blocking worker to make its lease journal (a file written
 * in full, disk I/O the poller thread does not wait for), then answers.
 */
final class TakeHandler extends QueueNeoHandler
{
    private static final int VALUE_AT = 1 + Long.BYTES + Integer.BYTES + Long.BYTES;

    private final LeaseGrant grant = new LeaseGrant();
    private final Executor worker;
    /** Wakes this Take from the worker, once the tasks given to it before have run. */
    private final Runnable wakeAfterWorker = this::wake;
    /** The channel's name, kept past the arguments' buffer for a Take that waits for its journal. */
    private final UnsafeBuffer channel = new UnsafeBuffer(new byte[QueueConst.MAX_CHANNEL_NAME_LENGTH]);
    private int channelLength;
    private long leaseNanos;
    private boolean waitingForJournal;

    /**
     * @param operations the queue's.
     * @param worker     the node's blocking worker, which makes a channel's lease journal at its first Take.
     */
    TakeHandler(final QueueOperations operations, final Executor worker)
    {
        super(operations);
        this.worker = worker;
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!readChannel("Take") || !hasExactly(Long.BYTES, "Take"))
        {
            return;
        }
        final long leaseMillis = reader.readLong();
        if (!isValidChannel() || !QueueOperations.isValidLease(leaseMillis))
        {
            answer(QueueNeoRequest.TAKE_ERROR);
            return;
        }
        channelLength = channelLength();
        channel.putBytes(0, buffer, channelOffset(), channelLength);
        leaseNanos = TimeUnit.MILLISECONDS.toNanos(leaseMillis);
        take();
    }

    @Override
    protected void onWoken()
    {
        if (waitingForJournal)
        {
            waitingForJournal = false;
            take();
        }
    }

    @Override
    protected void onEnd()
    {
        waitingForJournal = false;
    }

    private void take()
    {
        final int payload = beginMessage();
        final int taken = operations.take(channel, 0, channelLength, leaseNanos, System.nanoTime(), out(),
            payload + VALUE_AT, grant, worker);
        if (QueueOperations.MAKING_JOURNAL == taken)
        {
            // Nothing was written: the message begun is begun again when the worker has made the journal.
            waitingForJournal = true;
            worker.execute(wakeAfterWorker);
            return;
        }
        if (taken >= 0)
        {
            out().putByte(payload, (byte)QueueNeoRequest.TAKE_TAKEN);
            out().putLong(payload + 1, grant.leaseId(), LITTLE_ENDIAN);
            out().putInt(payload + 1 + Long.BYTES, grant.deliveries(), LITTLE_ENDIAN);
            out().putLong(payload + VALUE_AT - Long.BYTES, taken, LITTLE_ENDIAN);
            endMessage(VALUE_AT + taken);
            finish();
            return;
        }
        out().putByte(payload, (byte)status(taken));
        endMessage(1);
        finish();
    }

    private static int status(final int notTaken)
    {
        switch (notTaken)
        {
            case QueueOperations.SUBSCRIBED:
                return QueueNeoRequest.TAKE_SUBSCRIBED;
            case QueueOperations.POPPED_NOTHING:
                return QueueNeoRequest.TAKE_EMPTY;
            default:
                return QueueNeoRequest.TAKE_ERROR;
        }
    }
}
