package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.redistribution.Redistributor;
import org.swarmjvm.node.request.DecodingRequestHandler;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.codec.RedistributeRequestDecoder;

/**
 * Redistribute (35): moves the given fraction of the buckets to the listed nodes (see {@link Redistributor}) and
 * answers 200 when all of them were accepted there, which can take hours. A fraction outside {@code (0, 1]} (NaN
 * included), an empty node list, a redistribution already running, or a batch no node accepts answer 500.
 */
final class RedistributeHandler extends DecodingRequestHandler<RedistributeRequestDecoder>
{
    private final Redistributor redistributor;
    private Outcome outcome;

    RedistributeHandler(final Redistributor redistributor)
    {
        super(new RedistributeRequestDecoder());
        this.redistributor = redistributor;
    }

    @Override
    public Progress execute(final Reply reply)
    {
        if (null == outcome)
        {
            if (!request.isFractionValid())
            {
                return reply.status(SwarmStatus.ERROR);
            }
            final Outcome started = new Outcome(reply);
            if (!redistributor.start(request.fraction(), request.targets(), started::done))
            {
                return reply.status(SwarmStatus.ERROR);
            }
            outcome = started;
            return Progress.WAIT;
        }
        if (!outcome.finished)
        {
            return Progress.WAIT;
        }
        final boolean ok = outcome.ok;
        outcome = null;
        return reply.status(ok ? SwarmStatus.OK : SwarmStatus.ERROR);
    }

    @Override
    public void abort()
    {
        if (null != outcome)
        {
            outcome.reply = null;
            outcome = null;
        }
    }

    /**
     * How the redistribution of one request ended; nobody is woken once the request was aborted.
     */
    private static final class Outcome
    {
        private volatile Reply reply;
        private volatile boolean ok;
        private volatile boolean finished;

        Outcome(final Reply reply)
        {
            this.reply = reply;
        }

        void done(final boolean success)
        {
            ok = success;
            finished = true;
            final Reply toWake = reply;
            if (null != toWake)
            {
                toWake.wake();
            }
        }
    }
}
