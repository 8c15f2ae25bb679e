package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.request.FieldlessRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.HashRange;

/**
 * GetResponsibleRange (20): answers the node's range as u64 min, u64 max; while the node hands a sub-range over
 * ({@link org.swarmjvm.dht.node.storage.RangeHold}), only once the hold ends, with the new range.
 */
final class GetResponsibleRangeHandler extends FieldlessRequestHandler
{
    private final DhtStorage storage;
    private Reply held;

    GetResponsibleRangeHandler(final DhtStorage storage)
    {
        this.storage = storage;
    }

    @Override
    public Progress execute(final Reply reply)
    {
        if (storage.rangeHold().holds(reply))
        {
            held = reply;
            return Progress.WAIT;
        }
        held = null;
        final HashRange range = storage.range();
        reply.begin().status(SwarmStatus.OK).u64(range.min()).u64(range.max());
        reply.end();
        return Progress.DONE;
    }

    @Override
    public void abort()
    {
        if (null != held)
        {
            storage.rangeHold().forget(held);
            held = null;
        }
    }
}
