package org.swarmjvm.node;

import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.node.stats.PrometheusText;
import org.swarmjvm.node.stats.StatsLine;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The smallest engine: command 1, Ping, has no fields and answers status 200. Remembers which thread last asked it
 * for metrics.
 */
final class PingEngine implements NodeEngine
{
    /** Command code of Ping. */
    static final int PING = 1;

    final AtomicReference<String> metricsThread = new AtomicReference<>();

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
    public void appendMetrics(final PrometheusText metrics)
    {
        metricsThread.set(Thread.currentThread().getName());
        metrics.family("ping_engine_up", PrometheusText.Type.GAUGE, "The engine's own figure.")
            .sample("ping_engine_up", 1);
    }

    @Override
    public void close()
    {
    }
}
