package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.DhtConst;

/**
 * GetVersion (24): answers {@code ARRAY("20110401")}, which clients require to the byte.
 */
final class GetVersionHandler extends FieldlessHandler
{
    GetVersionHandler(final DhtStorage storage, final NodeServices node)
    {
        super(storage, node);
    }

    @Override
    public Progress execute(final Reply reply)
    {
        reply.begin().status(SwarmStatus.OK).array(DhtConst.API_VERSION);
        reply.end();
        return Progress.DONE;
    }
}
