package org.swarmjvm.cli.rebalance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The rebalance tool's link asking a scripted node for its range: a plain server socket on the loopback interface
 * whose thread reads one request per connection, answers it with chosen bytes and reports what followed.
 */
class DhtNodeLinkTest
{
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final Duration TIMEOUT = Duration.ofMillis(TIMEOUT_MILLIS);
    /** What the scripted node reports for a GetResponsibleRange the link sent alone, then closed the connection. */
    private static final String ASKED_THEN_CLOSED = "request 20, then closed";

    private final ExecutorService nodeThread = Executors.newSingleThreadExecutor();
    private ServerSocket server;
    private NodeAddress node;

    @BeforeEach
    void start() throws IOException
    {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        server.setSoTimeout(TIMEOUT_MILLIS);
        node = new NodeAddress(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException
    {
        nodeThread.shutdownNow();
        server.close();
    }

    @Test
    void shouldNameAnUnknownStatusCloseAndAskAgainOnANewConnection() throws Exception
    {
        final Future<String> answering;
        try (DhtNodeLink link = new DhtNodeLink(node, TIMEOUT, TIMEOUT))
        {
            final Future<String> refusing = answerOneRequest(littleEndian(Integer.BYTES).putInt(7).array());
            final IOException refused = assertThrows(IOException.class, link::range);
            assertEquals("GetResponsibleRange to " + node + " answered unknown status 7", refused.getMessage());
            assertEquals(ASKED_THEN_CLOSED, refusing.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS),
                "the link closed the connection after the status");

            answering = answerOneRequest(
                littleEndian(Integer.BYTES + 2 * Long.BYTES).putInt(200).putLong(1).putLong(-1).array());
            assertEquals(new HashRange(1, -1), link.range());
        }
        assertEquals(ASKED_THEN_CLOSED, answering.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS),
            "asked again on a new connection, closed with the link");
    }

    /**
     * @param answer bytes the node answers the next connection's request with.
     * @return the request's command code, and what the link sent after the answer.
     */
    private Future<String> answerOneRequest(final byte[] answer)
    {
        return nodeThread.submit(() ->
        {
            try (Socket peer = server.accept())
            {
                peer.setSoTimeout(TIMEOUT_MILLIS);
                final int command = littleEndian(Integer.BYTES).put(peer.getInputStream().readNBytes(Integer.BYTES))
                    .getInt(0);
                peer.getOutputStream().write(answer);
                final int next = peer.getInputStream().read();
                return "request " + command + ", then " + (next < 0 ? "closed" : "byte " + next);
            }
        });
    }

    private static ByteBuffer littleEndian(final int length)
    {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
