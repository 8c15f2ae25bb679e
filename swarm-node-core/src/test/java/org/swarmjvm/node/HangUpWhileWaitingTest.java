package org.swarmjvm.node;

import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.support.stats.StatsLine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that sends its requests and ends its input (a queue Produce stream, pipelined pushes) has every request
 * handled before the close, also one that waits for the blocking worker ({@link RequestHandler#isWaitingForWork()});
 * a request that waits for an event that may never come (a Consume) does not hold the connection open.
 */
@Timeout(60)
class HangUpWhileWaitingTest
{
    private static final int LATER = 1;
    private static final int FOREVER = 2;
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private NodeServer node;
    private InetSocketAddress address;

    @BeforeEach
    void startNode()
    {
        node = NodeServer.launch(new NodeContext().name("hang-up-test").port(0), new WaitingEngine());
        address = new InetSocketAddress("127.0.0.1", node.port());
    }

    @AfterEach
    void stopNode()
    {
        node.close();
    }

    @Test
    void shouldAnswerRequestsThatWaitForTheWorkerBeforeClosingWhenTheClientEndsItsInput() throws IOException
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(new Frame().i32(LATER).array("first").i32(LATER).array("second"));
            client.socket().shutdownOutput();
            for (final String expected : new String[] {"first", "second"})
            {
                assertEquals(SwarmStatus.OK.code(), client.readInt());
                assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), client.readArray());
            }
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY));
        }
    }

    @Test
    void shouldCloseAtOnceWhenTheClientEndsItsInputWhileARequestWaitsForAnEvent() throws IOException
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(new Frame().i32(FOREVER));
            client.socket().shutdownOutput();
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY));
        }
    }

    /**
     * <pre>
     *   1 Later    ARRAY(payload) -&gt; handed to the blocking worker, then 200 ARRAY(payload)
     *   2 Forever  (no fields)    -&gt; waits for an event that never comes
     * </pre>
     */
    private static final class WaitingEngine implements NodeEngine
    {
        @Override
        public String[] commandNames()
        {
            return new String[] {null, "Later", "Forever"};
        }

        @Override
        public RequestHandler[] newRequestHandlers(final NodeServices services)
        {
            return new RequestHandler[] {null, new LaterHandler(services), new ForeverHandler()};
        }

        @Override
        public void appendStats(final StatsLine line)
        {
        }

        @Override
        public void forEachChannel(final Visitor visitor)
        {
        }

        @Override
        public void close()
        {
        }
    }

    private static final class LaterHandler implements RequestHandler
    {
        private final NodeServices services;
        private DirectBuffer buffer;
        private int offset;
        private int length;
        private volatile boolean worked;
        private boolean waiting;

        LaterHandler(final NodeServices services)
        {
            this.services = services;
        }

        @Override
        public int decode(final RequestScanner scanner)
        {
            if (!scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
            {
                return scanner.shortfall();
            }
            buffer = scanner.buffer();
            offset = scanner.fieldOffset();
            length = scanner.fieldLength();
            return scanner.complete();
        }

        @Override
        public Progress execute(final Reply reply)
        {
            if (!waiting)
            {
                waiting = true;
                worked = false;
                services.worker().submit(() ->
                {
                    worked = true;
                    reply.wake();
                });
                return Progress.WAIT;
            }
            if (!worked)
            {
                return Progress.WAIT;
            }
            waiting = false;
            reply.begin().status(SwarmStatus.OK).array(buffer, offset, length);
            reply.end();
            return Progress.DONE;
        }

        @Override
        public boolean isWaitingForWork()
        {
            return waiting;
        }

        @Override
        public void abort()
        {
            waiting = false;
        }
    }

    private static final class ForeverHandler implements RequestHandler
    {
        @Override
        public int decode(final RequestScanner scanner)
        {
            return scanner.complete();
        }

        @Override
        public Progress execute(final Reply reply)
        {
            return Progress.WAIT;
        }
    }
}
