package org.swarmjvm.queue.node.neo;

import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.neo.NeoEngine;
import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.storage.QueueOperations;
import org.swarmjvm.queue.node.storage.QueueStore;

import java.util.concurrent.TimeUnit;

/**
 * The queue node's neo requests over the {@link QueueStore} the legacy requests use. Everything runs on the
 * poller thread that also serves the legacy port, so the store needs no locking.
 */
public final class QueueNeoEngine implements NeoEngine
{
    private static final String[] REQUEST_NAMES = new String[QueueNeoRequest.EXTEND + 1];
    /** How often the leases are checked for expiry: a lease ends at most this late (plus one poller turn). */
    private static final long EXPIRY_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    static
    {
        // The original's neo stats names (spec 10) are lower case.
        REQUEST_NAMES[QueueNeoRequest.PUSH] = "push";
        REQUEST_NAMES[QueueNeoRequest.POP] = "pop";
        REQUEST_NAMES[QueueNeoRequest.CONSUME] = "consume";
        REQUEST_NAMES[QueueNeoRequest.TAKE] = "take";
        REQUEST_NAMES[QueueNeoRequest.ACK] = "ack";
        REQUEST_NAMES[QueueNeoRequest.NACK] = "nack";
        REQUEST_NAMES[QueueNeoRequest.EXTEND] = "extend";
    }

    private final QueueOperations operations;
    private long nextExpiryCheck = System.nanoTime();

    /**
     * @param store shared with the legacy requests.
     */
    public QueueNeoEngine(final QueueStore store)
    {
        this.operations = new QueueOperations(store);
    }

    @Override
    public String[] requestNames()
    {
        return REQUEST_NAMES.clone();
    }

    @Override
    public int requestVersion(final int code)
    {
        switch (code)
        {
            case QueueNeoRequest.PUSH:
                return QueueNeoRequest.PUSH_VERSION;
            case QueueNeoRequest.POP:
                return QueueNeoRequest.POP_VERSION;
            case QueueNeoRequest.CONSUME:
                return QueueNeoRequest.CONSUME_VERSION;
            default:
                return QueueNeoRequest.LEASE_VERSION;
        }
    }

    /** Spec neo.md 10: push and pop are timed, consume (a stream) is not; ours, the leased requests, are timed. */
    @Override
    public boolean isTimed(final int code)
    {
        return QueueNeoRequest.CONSUME != code;
    }

    /** The lease expiry timer, on the poller thread that owns the store. */
    @Override
    public int doWork(final long nowNanos)
    {
        if (nowNanos - nextExpiryCheck < 0)
        {
            return 0;
        }
        nextExpiryCheck = nowNanos + EXPIRY_CHECK_NANOS;
        return operations.expireLeases(nowNanos);
    }

    @Override
    public NeoRequest newRequest(final int code, final NodeServices services)
    {
        switch (code)
        {
            case QueueNeoRequest.PUSH:
                return new PushHandler(operations, services.worker()::submit);
            case QueueNeoRequest.POP:
                return new PopHandler(operations);
            case QueueNeoRequest.CONSUME:
                return new ConsumeHandler(operations);
            case QueueNeoRequest.TAKE:
                return new TakeHandler(operations, services.worker()::submit);
            default:
                return new LeaseRequestHandler(operations, code);
        }
    }
}
