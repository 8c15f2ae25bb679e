package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;

/**
 * Base of the requests that carry nothing after the command code and ask about the node itself.
 */
abstract class FieldlessHandler extends DhtRequestHandler
{
    protected final NodeServices node;

    FieldlessHandler(final DhtStorage storage, final NodeServices node)
    {
        super(storage);
        this.node = node;
    }

    @Override
    public final int decode(final RequestScanner scanner)
    {
        return scanner.complete();
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
