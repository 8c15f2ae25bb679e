package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.RawConnection;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.node.DhtFrames.assertServes;
import static org.swarmjvm.dht.node.DhtFrames.readValue;

/**
 * {@code connection_limit} under load (spec §1.1): 6,000 simultaneous connections against a limit of 5,000. The
 * first 5,000 are served; the excess are accepted and closed at once; a WARNING says so once; closing some of the
 * first ones makes room for new ones. Sockets are plain blocking {@link Socket}s, all closed in the end.
 */
@Timeout(60)
class DhtConnectionLimitTest
{
    private static final int LIMIT = 5000;
    private static final int EXCESS = 1000;
    private static final int SAMPLE_STEP = 97;
    private static final int FREED = 10;

    @TempDir
    Path dataDir;

    @Test
    void shouldServeUpToTheLimitAndCloseTheExcessAtOnce() throws IOException
    {
        final List<Socket> sockets = new ArrayList<>(LIMIT + EXCESS + FREED);
        try (LogCapture log = new LogCapture();
            DhtNode node = TestNodes.launch(dataDir, TestNodes.HALF_RANGE, context ->
            {
                context.node().connectionLimit(LIMIT);
                return context;
            }))
        {
            final InetSocketAddress address = TestNodes.address(node);
            try
            {
                for (int i = 0; i < LIMIT + EXCESS; i++)
                {
                    sockets.add(connect(address));
                }
                for (int i = LIMIT; i < LIMIT + EXCESS; i++)
                {
                    assertClosedByNode(sockets.get(i), i);
                }
                for (int i = 0; i < LIMIT; i += SAMPLE_STEP)
                {
                    assertEquals("20110401", getVersion(sockets.get(i)), "connection " + i);
                }
                assertEquals(LIMIT, numConnections(sockets.get(LIMIT - 1)));
                assertEquals(1, log.count(Level.WARNING, "connection limit of " + LIMIT + " reached"),
                    log::toString);

                for (int i = 0; i < FREED; i++)
                {
                    sockets.get(i).close();
                }
                Await.until("the node frees " + FREED + " slots",
                    () -> numConnections(sockets.get(LIMIT - 1)) == LIMIT - FREED);
                for (int i = 0; i < FREED; i++)
                {
                    final Socket again = connect(address);
                    sockets.add(again);
                    assertEquals("20110401", getVersion(again), "new connection " + i);
                }
                assertEquals(LIMIT, numConnections(sockets.get(LIMIT - 1)));
            }
            finally
            {
                for (final Socket socket : sockets)
                {
                    socket.close();
                }
            }
            try (RawConnection client = new RawConnection(address))
            {
                assertServes(client);
            }
        }
    }

    private static Socket connect(final InetSocketAddress address) throws IOException
    {
        final Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 10_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void assertClosedByNode(final Socket socket, final int index) throws IOException
    {
        try
        {
            final InputStream in = socket.getInputStream();
            assertEquals(-1, in.read(), "connection " + index + " over the limit gets nothing and EOF");
        }
        catch (final SocketException ex)
        {
            assertTrue(String.valueOf(ex.getMessage()).contains("reset"), "connection " + index + ": " + ex);
        }
    }

    private static String getVersion(final Socket socket)
    {
        return readValue(wrap(socket).send(DhtFrames.getVersion()));
    }

    private static long numConnections(final Socket socket)
    {
        return DhtFrames.numConnections(wrap(socket));
    }

    private static RawConnection wrap(final Socket socket)
    {
        return RawConnection.of(socket);
    }
}
