package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;

/**
 * GetSize (19): the node's address and port, then records and bytes over all channels.
 */
final class GetSizeHandler extends FieldlessHandler
{
    GetSizeHandler(final DhtStorage storage, final NodeServices node)
    {
        super(storage, node);
    }

    @Override
    public Progress execute(final Reply reply)
    {
        return size(reply, node, storage.records(), storage.bytes());
    }
}
