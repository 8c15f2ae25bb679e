package org.swarmjvm.protocol.dht.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swarmjvm.protocol.client.BlockingConnection;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.fixtures.Hex;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The one reader of GetResponsibleRange answers against a scripted node: a plain server socket on the loopback
 * interface, driven by the test thread, that reads the request's bytes and answers with given bytes. A read that
 * waited for bytes the node never sends fails after the connection's read timeout instead of hanging.
 */
class GetResponsibleRangeCodecTest
{
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final byte[] REQUEST = Hex.parse("14000000");
    /** The spec's full range (§3.2). */
    private static final byte[] FULL_RANGE = Hex.parse("c8000000 0000000000000000 ffffffffffffffff");

    private ServerSocket server;
    private BlockingConnection connection;
    private GetResponsibleRangeCodec codec;

    @BeforeEach
    void start() throws IOException
    {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        server.setSoTimeout(TIMEOUT_MILLIS);
        connection = new BlockingConnection(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()),
            new BlockingConnection.Settings(TIMEOUT_MILLIS, TIMEOUT_MILLIS, false, false));
        codec = new GetResponsibleRangeCodec(connection);
    }

    @AfterEach
    void stop() throws IOException
    {
        connection.close();
        server.close();
    }

    private Socket acceptFirstRequest() throws IOException
    {
        codec.sendRequest();
        final Socket node = server.accept();
        node.setSoTimeout(TIMEOUT_MILLIS);
        assertArrayEquals(REQUEST, node.getInputStream().readNBytes(REQUEST.length), "the request is the code alone");
        return node;
    }

    /** The node reads the next request whole: it begins right after the previous one, so nothing came between. */
    private void nextRequest(final Socket node) throws IOException
    {
        codec.sendRequest();
        assertArrayEquals(REQUEST, node.getInputStream().readNBytes(REQUEST.length));
    }

    @Test
    void shouldReadTheBoundsLittleEndianAfterOk() throws IOException
    {
        try (Socket node = acceptFirstRequest())
        {
            node.getOutputStream().write(Hex.parse("c8000000 0807060504030201 f0debc9a78563412"));
            assertEquals(200, codec.readAnswer());
            assertEquals(0x0102030405060708L, codec.min());
            assertEquals(0x123456789abcdef0L, codec.max());
            assertEquals(new HashRange(0x0102030405060708L, 0x123456789abcdef0L), codec.range());

            nextRequest(node);
            node.getOutputStream().write(FULL_RANGE);
            assertEquals(200, codec.readAnswer());
            assertEquals(HashRange.FULL, codec.range());

            nextRequest(node);
            node.getOutputStream().write(Hex.parse("c8000000 ffffffffffffffff 0000000000000000"));
            assertEquals(200, codec.readAnswer());
            assertEquals(HashRange.EMPTY, codec.range(), "the spec's empty range");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 500, 0, 7, -1})
    void shouldReadNothingAfterAStatusOtherThanOk(final int status) throws IOException
    {
        try (Socket node = acceptFirstRequest())
        {
            // The status and, at once, the answer to the next request: a reader taking bounds after the status
            // would take that answer's bytes as them and then wait for more.
            final byte[] refusal = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(status)
                .array();
            final byte[] both = Arrays.copyOf(refusal, refusal.length + FULL_RANGE.length);
            System.arraycopy(FULL_RANGE, 0, both, refusal.length, FULL_RANGE.length);
            node.getOutputStream().write(both);

            assertEquals(status, codec.readAnswer());
            nextRequest(node);
            assertEquals(200, codec.readAnswer());
            assertEquals(HashRange.FULL, codec.range());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 11, 12, 19})
    void shouldFailWhenTheNodeClosesMidAnswer(final int bytesSent) throws IOException
    {
        try (Socket node = acceptFirstRequest())
        {
            node.getOutputStream().write(FULL_RANGE, 0, bytesSent);
            node.close();

            final EOFException closed = assertThrows(EOFException.class, codec::readAnswer);
            assertEquals("connection closed by the node", closed.getMessage());
        }
    }
}
