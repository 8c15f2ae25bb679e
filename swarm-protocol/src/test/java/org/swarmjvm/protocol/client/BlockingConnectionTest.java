package org.swarmjvm.protocol.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.SwarmProtocolException;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared client socket against a plain server socket on the loopback interface: the node's side is driven by
 * the test thread, since a connect completes in the backlog before the accept.
 */
class BlockingConnectionTest
{
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final BlockingConnection.Settings UNBUFFERED =
        new BlockingConnection.Settings(TIMEOUT_MILLIS, TIMEOUT_MILLIS, true, false);
    private static final BlockingConnection.Settings BUFFERED =
        new BlockingConnection.Settings(TIMEOUT_MILLIS, TIMEOUT_MILLIS, false, true);

    private ServerSocket server;

    @BeforeEach
    void startServer() throws IOException
    {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        server.setSoTimeout(TIMEOUT_MILLIS);
    }

    @AfterEach
    void stopServer() throws IOException
    {
        server.close();
    }

    private InetSocketAddress serverAddress()
    {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private Socket accept() throws IOException
    {
        final Socket node = server.accept();
        node.setSoTimeout(TIMEOUT_MILLIS);
        return node;
    }

    private static void sendRequest(final BlockingConnection connection, final int value) throws IOException
    {
        connection.request().i32(value);
        connection.send();
    }

    /** Accepts the connection the given one opened with its first send. */
    private Socket accept(final BlockingConnection connected) throws IOException
    {
        assertTrue(connected.isOpen());
        return accept();
    }

    /** Sends the request 7, which opens the connection. */
    private static BlockingConnection connectFirst(final BlockingConnection connection) throws IOException
    {
        sendRequest(connection, 7);
        return connection;
    }

    private static int readI32(final Socket node) throws IOException
    {
        return ByteBuffer.wrap(node.getInputStream().readNBytes(Integer.BYTES)).order(ByteOrder.LITTLE_ENDIAN)
            .getInt();
    }

    @Test
    void shouldSendEachRequestAtOnceAndReadTheTypedFieldsOfTheAnswer() throws IOException
    {
        try (BlockingConnection connection = new BlockingConnection(serverAddress(), UNBUFFERED);
            Socket node = accept(connectFirst(connection)))
        {
            assertEquals(7, readI32(node), "sent without a flush");
            final byte[] text = "node".getBytes(StandardCharsets.ISO_8859_1);
            final ByteBuffer answer = ByteBuffer.allocate(4 + 1 + 2 + 8 + 8 + text.length)
                .order(ByteOrder.LITTLE_ENDIAN);
            answer.putInt(-2).put((byte)0xfe).putShort((short)0xfffe).putLong(Long.MIN_VALUE + 1)
                .putLong(text.length).put(text);
            node.getOutputStream().write(answer.array());

            assertEquals(-2, connection.readI32());
            assertEquals(0xfe, connection.readU8());
            assertEquals(0xfffe, connection.readU16());
            assertEquals(Long.MIN_VALUE + 1, connection.readU64());
            final int length = connection.readArray(text.length);
            assertEquals("node", connection.arrayText(length));
            assertArrayEquals(text, connection.arrayCopy(length));
        }
    }

    @Test
    void shouldCopyEveryEmptyArrayAsOneSharedInstance() throws IOException
    {
        try (BlockingConnection connection = new BlockingConnection(serverAddress(), UNBUFFERED);
            Socket node = accept(connectFirst(connection)))
        {
            assertEquals(7, readI32(node));
            node.getOutputStream().write(new byte[2 * Long.BYTES]);

            final byte[] first = connection.arrayCopy(connection.readArray(0));
            final byte[] second = connection.arrayCopy(connection.readArray(0));
            assertEquals(0, first.length);
            assertSame(first, second, "an empty array costs no allocation");
        }
    }

    @Test
    void shouldKeepBufferedRequestsUntilFlushedAndSendThemInOrder() throws IOException
    {
        try (BlockingConnection connection = new BlockingConnection(serverAddress(), BUFFERED);
            Socket node = accept(connectFirst(connection)))
        {
            sendRequest(connection, 8);
            connection.flush();
            assertEquals(7, readI32(node));
            assertEquals(8, readI32(node));
        }
    }

    @Test
    void shouldRefuseAnArrayOverTheLimit() throws IOException
    {
        try (BlockingConnection connection = new BlockingConnection(serverAddress(), UNBUFFERED);
            Socket node = accept(connectFirst(connection)))
        {
            node.getOutputStream().write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(5).array());
            final SwarmProtocolException refused =
                assertThrows(SwarmProtocolException.class, () -> connection.readArray(4));
            assertEquals("sent an array of 5 bytes, over 4", refused.getMessage());
        }
    }

    @Test
    void shouldReportTheNodeClosingTheConnection() throws IOException
    {
        try (BlockingConnection connection = new BlockingConnection(serverAddress(), UNBUFFERED))
        {
            sendRequest(connection, 7);
            accept().close();
            final EOFException closed = assertThrows(EOFException.class, connection::readU64);
            assertEquals("connection closed by the node", closed.getMessage());
        }
    }

    @Test
    void shouldOpenANewSocketOnTheNextSendAfterClose() throws IOException
    {
        try (BlockingConnection connection = new BlockingConnection(serverAddress(), UNBUFFERED))
        {
            sendRequest(connection, 7);
            accept().close();
            connection.close();
            assertFalse(connection.isOpen());
            assertThrows(EOFException.class, connection::readI32, "no socket to read from");

            sendRequest(connection, 9);
            try (Socket second = accept())
            {
                assertEquals(9, readI32(second));
            }
        }
    }

    @Test
    void shouldGiveUpAReadAfterTheTimeoutSetOnTheOpenSocket() throws IOException
    {
        final BlockingConnection.Settings waitingForever = new BlockingConnection.Settings(TIMEOUT_MILLIS, 0, false,
            false);
        try (BlockingConnection connection = new BlockingConnection(serverAddress(), waitingForever))
        {
            assertThrows(EOFException.class, () -> connection.readTimeout(1), "no socket to set it on");
            try (Socket node = accept(connectFirst(connection)))
            {
                connection.readTimeout(1);
                // The settings would wait forever: a read timing out shows the timeout set on the socket.
                assertTimeoutPreemptively(Duration.ofMillis(TIMEOUT_MILLIS),
                    () -> assertThrows(SocketTimeoutException.class, connection::readI32));
                assertEquals(7, readI32(node));
            }
        }
    }

    @Test
    void shouldResolveAnUnresolvedAddressWhenConnecting() throws IOException
    {
        final InetSocketAddress unresolved =
            InetSocketAddress.createUnresolved(server.getInetAddress().getHostAddress(), server.getLocalPort());
        try (BlockingConnection connection = new BlockingConnection(unresolved, UNBUFFERED);
            Socket node = accept(connectFirst(connection)))
        {
            assertEquals(7, readI32(node));
            assertEquals(unresolved, connection.address());
        }
    }
}
