package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.logfiles.codec.RedistributeRequestDecoder;

/**
 * Redistribute (35): a fraction outside {@code (0, 1]} (NaN included) answers 500, as in the original. Moving
 * buckets to other nodes is not implemented yet: a valid request is refused with 500 too, which the original also
 * answers when it refuses a Redistribute (one already running), so the redistribution tool reports a failure and
 * nothing is lost.
 */
final class RedistributeHandler extends LogfilesRequestHandler
{
    private static final System.Logger LOG = System.getLogger(RedistributeHandler.class.getName());

    private final RedistributeRequestDecoder request = new RedistributeRequestDecoder();

    RedistributeHandler(final LogfilesStorage storage, final NodeServices node)
    {
        super(storage, node);
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        return request.decode(scanner);
    }

    @Override
    public Progress execute(final Reply reply)
    {
        if (request.isFractionValid())
        {
            LOG.log(System.Logger.Level.WARNING, "Redistribute of {0} to {1} refused: not supported by this node",
                request.fraction(), request.targets());
        }
        return status(reply, SwarmStatus.ERROR);
    }
}
