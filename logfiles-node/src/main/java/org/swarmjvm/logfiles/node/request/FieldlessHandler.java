package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

/**
 * The requests that carry nothing after the command code and are answered from memory, without the worker:
 * GetVersion (24), GetNumConnections (23) and GetChannels (17).
 */
final class FieldlessHandler extends LogfilesRequestHandler
{
    private final LogfilesCommand command;

    FieldlessHandler(final LogfilesStorage storage, final NodeServices node, final LogfilesCommand command)
    {
        super(storage, node);
        this.command = command;
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        return scanner.complete();
    }

    @Override
    public Progress execute(final Reply reply)
    {
        switch (command)
        {
            case GET_VERSION:
                reply.begin().status(SwarmStatus.OK).array(LogfilesConst.API_VERSION);
                break;
            case GET_NUM_CONNECTIONS:
                reply.begin().status(SwarmStatus.OK).array(node.address()).u16(node.port())
                    .u64(node.stats().openConnections());
                break;
            case GET_CHANNELS:
                // Sorted, where the original lists them in hash-map order; clients must not rely on either.
                final org.swarmjvm.protocol.codec.WireWriter writer = reply.begin().status(SwarmStatus.OK);
                for (final String name : storage.channelNames())
                {
                    writer.array(name);
                }
                writer.emptyArray();
                break;
            default:
                throw new IllegalStateException(command + " is not a fieldless command");
        }
        reply.end();
        return Progress.DONE;
    }
}
