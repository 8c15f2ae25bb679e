package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.FieldlessRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;

/**
 * GetSize (19): the node's address and port, then records and bytes over all channels.
 */
final class GetSizeHandler extends FieldlessRequestHandler
{
    private final DhtStorage storage;
    private final NodeServices node;

    GetSizeHandler(final DhtStorage storage, final NodeServices node)
    {
        this.storage = storage;
        this.node = node;
    }

    @Override
    public Progress execute(final Reply reply)
    {
        return size(reply, node, storage.records(), storage.bytes());
    }

    /**
     * Writes the size answer of GetSize and GetChannelSize: status 200, the node's configured address and port,
     * then u64 records and u64 bytes.
     *
     * @param reply   to write to.
     * @param node    whose address and port are reported.
     * @param records to report.
     * @param bytes   to report.
     * @return {@link Progress#DONE}.
     */
    static Progress size(final Reply reply, final NodeServices node, final long records, final long bytes)
    {
        reply.begin().status(SwarmStatus.OK).array(node.address()).u16(node.port()).u64(records).u64(bytes);
        reply.end();
        return Progress.DONE;
    }
}
