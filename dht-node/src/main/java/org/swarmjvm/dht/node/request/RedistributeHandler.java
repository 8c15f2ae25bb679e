package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.redistribution.Redistribution;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;

import java.lang.System.Logger;
import java.util.List;
import java.util.function.Consumer;
import java.lang.System.Logger.Level;

/**
 * Redistribute (33): takes the new range (Puts and Removes outside it get 404 from then on), then moves the
 * records the target nodes own to them on the blocking worker, and answers 200 only when they are moved, as the
 * original does. Without targets the range is taken at once; with targets, on the worker, as a handover to each
 * target that grows into hashes it does not claim yet ({@link Redistribution#takeRange}). 500 when the new range
 * or a target range is invalid, another redistribution is running, or the records could not all be moved.
 */
final class RedistributeHandler implements RequestHandler
{
    private static final Logger LOG = System.getLogger(RedistributeHandler.class.getName());

    private static final String COMMAND_NAME = RefusalLog.commandName(RedistributeHandler.class);

    private final DhtStorage storage;
    private final RefusalLog refusals;
    private final RedistributeRequestDecoder request = new RedistributeRequestDecoder();
    private final NodeServices node;
    private final int batchSize;
    private final Consumer<HashRange> onRangeChanged;
    private volatile SwarmStatus outcome;
    private boolean started;

    RedistributeHandler(
        final DhtStorage storage, final RefusalLog refusals, final NodeServices node, final int batchSize,
        final Consumer<HashRange> onRangeChanged)
    {
        this.storage = storage;
        this.refusals = refusals;
        this.node = node;
        this.batchSize = batchSize;
        this.onRangeChanged = onRangeChanged;
    }

    @Override
    public int decode(final RequestScanner scanner)
    {
        return request.decode(scanner);
    }

    @Override
    public Progress execute(final Reply reply)
    {
        if (started)
        {
            if (null == outcome)
            {
                return Progress.WAIT;
            }
            started = false;
            return refusals.answer(COMMAND_NAME, reply, outcome);
        }
        final HashRange newRange = request.newRange();
        if (!newRange.isValid() || request.targets().stream().anyMatch(target -> !target.range().isValid()))
        {
            LOG.log(Level.WARNING, "Redistribute refused: invalid range in {0} / {1}", newRange, request.targets());
            return refusals.answer(COMMAND_NAME, reply, SwarmStatus.ERROR);
        }
        if (!storage.startRedistribution())
        {
            LOG.log(Level.WARNING, "Redistribute refused: another one is running");
            return refusals.answer(COMMAND_NAME, reply, SwarmStatus.ERROR);
        }
        LOG.log(Level.INFO, "Redistribute: range {0} -> {1}, moving records to {2}", storage.range(), newRange,
            request.targets());
        final List<Target> targets = List.copyOf(request.targets());
        final Redistribution redistribution = new Redistribution(storage, targets, batchSize);
        // Without targets the range is taken at once; with them on the worker, which may hand it over first.
        final boolean atOnce = targets.isEmpty();
        if (atOnce)
        {
            takeRange(redistribution, newRange, targets);
        }
        outcome = null;
        started = true;
        node.worker().submit(() ->
        {
            try
            {
                if (!atOnce)
                {
                    takeRange(redistribution, newRange, targets);
                }
                onRangeChanged.accept(newRange);
                outcome = redistribution.run() ? SwarmStatus.OK : SwarmStatus.ERROR;
            }
            finally
            {
                storage.endRedistribution();
                reply.wake();
            }
        });
        return Progress.WAIT;
    }

    private void takeRange(final Redistribution redistribution, final HashRange newRange, final List<Target> targets)
    {
        // The range first, then the nodes: neo GetHashRange reports them in this order, as the original does.
        redistribution.takeRange(newRange);
        storage.learnNodes(targets);
    }

    @Override
    public void abort()
    {
        started = false;
    }
}
