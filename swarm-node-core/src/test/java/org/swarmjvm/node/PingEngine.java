package org.swarmjvm.node;

import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.support.stats.StatsLine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The smallest engine: command 1, Ping, has no fields and answers status 200. Tells one channel, {@code pings},
 * and remembers which thread last asked for it; its close waits until {@link #closeGate} opens.
 */
final class PingEngine implements NodeEngine
{
    /** Command code of Ping. */
    static final int PING = 1;

    final AtomicReference<String> metricsThread = new AtomicReference<>();
    volatile CountDownLatch closeGate = new CountDownLatch(0);

    @Override
    public String[] commandNames()
    {
        return new String[]{null, "Ping"};
    }

    @Override
    public RequestHandler[] newRequestHandlers(final NodeServices services)
    {
        final RequestHandler ping = new RequestHandler()
        {
            @Override
            public int decode(final RequestScanner scanner)
            {
                return scanner.complete();
            }

            @Override
            public Progress execute(final Reply reply)
            {
                reply.begin().status(SwarmStatus.OK);
                reply.end();
                return Progress.DONE;
            }
        };
        return new RequestHandler[]{null, ping};
    }

    @Override
    public void appendStats(final StatsLine line)
    {
        line.add("pings_engine", 1);
    }

    @Override
    public void forEachChannel(final Visitor visitor)
    {
        metricsThread.set(Thread.currentThread().getName());
        visitor.channel("pings", 1, 2);
    }

    @Override
    public void close()
    {
        try
        {
            closeGate.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
