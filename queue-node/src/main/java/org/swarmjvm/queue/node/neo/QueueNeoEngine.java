package org.swarmjvm.queue.node.neo;

import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.neo.NeoEngine;
import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.queue.node.storage.QueueOperations;
import org.swarmjvm.queue.node.storage.QueueStore;

/**
 * The queue node's neo requests over the {@link QueueStore} the legacy requests use. Everything runs on the
 * poller thread that also serves the legacy port, so the store needs no locking.
 */
public final class QueueNeoEngine implements NeoEngine
{
    private static final String[] REQUEST_NAMES = new String[QueueNeoRequest.CONSUME + 1];

    static
    {
        // The original's neo stats names (spec 10) are lower case.
        REQUEST_NAMES[QueueNeoRequest.PUSH] = "push";
        REQUEST_NAMES[QueueNeoRequest.POP] = "pop";
        REQUEST_NAMES[QueueNeoRequest.CONSUME] = "consume";
    }

    private final QueueOperations operations;

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
            default:
                return QueueNeoRequest.CONSUME_VERSION;
        }
    }

    /** Spec neo.md 10: push and pop are timed, consume (a stream) is not. */
    @Override
    public boolean isTimed(final int code)
    {
        return QueueNeoRequest.PUSH == code || QueueNeoRequest.POP == code;
    }

    @Override
    public NeoRequest newRequest(final int code, final NodeServices services)
    {
        switch (code)
        {
            case QueueNeoRequest.PUSH:
                return new PushHandler(operations);
            case QueueNeoRequest.POP:
                return new PopHandler(operations);
            default:
                return new ConsumeHandler(operations);
        }
    }
}
