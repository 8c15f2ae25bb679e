package org.swarmjvm.node;

import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swarmjvm.node.testing.Await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The poller's thread idles with the strategy its context names (issue 16, one lifecycle), by default none.
 */
@Timeout(60)
class PollerIdleStrategyTest
{
    @Test
    void shouldWaitInTheSelectorByDefault()
    {
        assertSame(NodeContext.POLLER_WAITS_IN_SELECT, new NodeContext().pollerIdleStrategy());
    }

    @Test
    void shouldIdleThePollerWithTheContextsStrategy() throws Exception
    {
        final CountingIdleStrategy idle = new CountingIdleStrategy();
        final NodeContext context = new NodeContext().port(0).statsFile(null).pollerIdleStrategy(idle);
        try (NodeServer server = NodeServer.launch(context, new PingEngine());
            Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(context.address(), server.port()));
            Await.until("the poller idles with the given strategy", () -> idle.cycles.get() > 0);
        }
    }

    private static final class CountingIdleStrategy implements IdleStrategy
    {
        private final AtomicLong cycles = new AtomicLong();

        @Override
        public void idle(final int workCount)
        {
            cycles.incrementAndGet();
        }

        @Override
        public void idle()
        {
            cycles.incrementAndGet();
        }

        @Override
        public void reset()
        {
        }
    }
}
