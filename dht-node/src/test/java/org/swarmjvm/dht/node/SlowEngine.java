package org.swarmjvm.dht.node;

import org.swarmjvm.node.NodeEngine;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.support.stats.StatsLine;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * An engine whose handlers make the poller thread give way now and then before they decode or run a step: a
 * node on a loaded machine, where the client's next bytes and the kernel's buffers move on while the poller is
 * away, so that requests arrive in pieces or several at once and replies meet full send buffers.
 */
final class SlowEngine implements NodeEngine
{
    /** One call in this many gives way. */
    private static final int ONE_IN = 8;
    /** The longest pause, in nanoseconds. */
    private static final long MAX_PAUSE_NANOS = 200_000;

    private final NodeEngine engine;

    SlowEngine(final NodeEngine engine)
    {
        this.engine = engine;
    }

    @Override
    public String[] commandNames()
    {
        return engine.commandNames();
    }

    @Override
    public RequestHandler[] newRequestHandlers(final NodeServices services)
    {
        final RequestHandler[] handlers = engine.newRequestHandlers(services);
        for (int i = 0; i < handlers.length; i++)
        {
            if (null != handlers[i])
            {
                handlers[i] = new SlowHandler(handlers[i]);
            }
        }
        return handlers;
    }

    @Override
    public void appendStats(final StatsLine line)
    {
        engine.appendStats(line);
    }

    @Override
    public void forEachChannel(final Visitor visitor)
    {
        engine.forEachChannel(visitor);
    }

    @Override
    public void close()
    {
        engine.close();
    }

    private static void giveWay()
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        if (0 == random.nextInt(ONE_IN))
        {
            if (random.nextBoolean())
            {
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(random.nextLong(MAX_PAUSE_NANOS));
            }
        }
    }

    private static final class SlowHandler implements RequestHandler
    {
        private final RequestHandler handler;

        SlowHandler(final RequestHandler handler)
        {
            this.handler = handler;
        }

        @Override
        public int decode(final RequestScanner scanner)
        {
            giveWay();
            return handler.decode(scanner);
        }

        @Override
        public Progress execute(final Reply reply)
        {
            giveWay();
            return handler.execute(reply);
        }

        @Override
        public void abort()
        {
            handler.abort();
        }
    }
}
