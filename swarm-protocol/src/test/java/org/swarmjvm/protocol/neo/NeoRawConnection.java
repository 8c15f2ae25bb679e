package org.swarmjvm.protocol.neo;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.fixtures.Hex;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A raw neo connection for node tests: bytes in, bytes out, with a read timeout, plus the pieces of neo messages
 * a test writes by hand. Shared by the nodes' neo tests.
 */
public final class NeoRawConnection implements AutoCloseable
{
    /** The test suites' all-zero key. */
    public static final byte[] ZERO_KEY = new byte[NeoConst.KEY_LENGTH];

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * Connects to 127.0.0.1.
     *
     * @param port the node's neo port.
     * @throws IOException when the node cannot be reached.
     */
    public NeoRawConnection(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * Writes a credentials file for the client {@code test} with the all-zero key, as the original's test setup.
     *
     * @param dir where {@code credentials} goes.
     * @return the file.
     * @throws IOException when it cannot be written.
     */
    public static Path writeTestCredentials(final Path dir) throws IOException
    {
        final Path file = dir.resolve("credentials");
        Files.writeString(file, "test:" + "0".repeat(2 * NeoConst.KEY_LENGTH) + "\n");
        return file;
    }

    /**
     * @param hex bytes to send, spaces allowed.
     * @return this connection.
     * @throws IOException when sending fails.
     */
    public NeoRawConnection send(final String hex) throws IOException
    {
        return send(Hex.parse(hex));
    }

    /**
     * @param bytes to send.
     * @return this connection.
     * @throws IOException when sending fails.
     */
    public NeoRawConnection send(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * @param length bytes to read.
     * @return the bytes; fails the test when the node closes first.
     * @throws IOException when reading fails.
     */
    public byte[] read(final int length) throws IOException
    {
        final byte[] bytes = in.readNBytes(length);
        if (bytes.length != length)
        {
            fail("connection closed after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /**
     * @param hex the bytes the node must send next.
     * @return this connection.
     * @throws IOException when reading fails.
     */
    public NeoRawConnection expect(final String hex) throws IOException
    {
        final byte[] expected = Hex.parse(hex);
        assertEquals(Hex.toHex(expected), Hex.toHex(read(expected.length)));
        return this;
    }

    /**
     * Asserts that the node closes the connection without sending anything more.
     *
     * @throws IOException never; a reset counts as a close.
     */
    public void expectEof() throws IOException
    {
        try
        {
            assertEquals(-1, in.read(), "expected the node to close the connection, got a byte");
        }
        catch (final SocketTimeoutException ex)
        {
            fail("the node kept the connection open");
        }
        catch (final IOException ex)
        {
            // A reset is a close too.
            return;
        }
    }

    /**
     * Asserts that nothing arrives within the time given.
     *
     * @param millis how long to listen.
     * @throws IOException when reading fails.
     */
    public void expectSilence(final int millis) throws IOException
    {
        final int timeout = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try
        {
            final int next = in.read();
            fail("expected silence, got " + (next < 0 ? "a close" : "byte " + next));
        }
        catch (final SocketTimeoutException ex)
        {
            socket.setSoTimeout(timeout);
        }
    }

    /**
     * Version handshake and authentication with the client's clock; asserts acceptance.
     *
     * @param name client name.
     * @param key  128-byte key.
     * @return this connection.
     * @throws IOException when the exchange fails.
     */
    public NeoRawConnection authenticate(final String name, final byte[] key) throws IOException
    {
        final long timestamp = System.currentTimeMillis() / 1000;
        send("01").expect("01");
        send(message(NeoHeader.TYPE_AUTHENTICATION, le(timestamp)));
        expect("02 0400000000000000 06");
        final byte[] nonce = read(NeoConst.NONCE_LENGTH);
        final byte[] nameBytes = name.getBytes(StandardCharsets.ISO_8859_1);
        final byte[] code = new NeoHmac().code(NeoHmac.keySpec(key), timestamp, nonce);
        send(message(NeoHeader.TYPE_AUTHENTICATION, ByteBuffer.allocate(8 + nameBytes.length + code.length)
            .order(ByteOrder.LITTLE_ENDIAN).putLong(nameBytes.length).put(nameBytes).put(code).array()));
        expect("02 0100000000000000 03 01");
        return this;
    }

    /**
     * Sends a request message.
     *
     * @param id         request id.
     * @param payloadHex the payload after the id.
     * @return this connection.
     * @throws IOException when sending fails.
     */
    public NeoRawConnection request(final long id, final String payloadHex) throws IOException
    {
        return send(requestMessage(id, Hex.parse(payloadHex)));
    }

    /**
     * Expects one request message with exactly this payload.
     *
     * @param id         request id.
     * @param payloadHex the payload after the id.
     * @return this connection.
     * @throws IOException when reading fails.
     */
    public NeoRawConnection answer(final long id, final String payloadHex) throws IOException
    {
        assertArrayEquals(Hex.parse(payloadHex), readAnswer(id), "payload for request " + id);
        return this;
    }

    /**
     * A request message from the node.
     *
     * @param id      its request id.
     * @param payload the payload after the id.
     */
    public record Answer(long id, byte[] payload)
    {
    }

    /**
     * Reads one request message of any request, checking its header.
     *
     * @return the message.
     * @throws IOException when reading fails.
     */
    public Answer readAnyAnswer() throws IOException
    {
        final byte[] header = read(NeoHeader.LENGTH);
        final UnsafeBuffer view = new UnsafeBuffer(header);
        assertEquals(NeoHeader.TYPE_REQUEST, NeoHeader.type(view, 0));
        assertTrue(NeoHeader.isParityValid(view, 0), "header parity");
        final byte[] body = read((int)NeoHeader.bodyLength(view, 0));
        final byte[] payload = new byte[body.length - Long.BYTES];
        System.arraycopy(body, Long.BYTES, payload, 0, payload.length);
        return new Answer(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getLong(), payload);
    }

    /**
     * Reads one request message, checking its header and id.
     *
     * @param id request id expected.
     * @return the payload after the id.
     * @throws IOException when reading fails.
     */
    public byte[] readAnswer(final long id) throws IOException
    {
        final Answer answer = readAnyAnswer();
        assertEquals(id, answer.id(), "request id");
        return answer.payload();
    }

    /**
     * @param value a u64.
     * @return its 8 little-endian bytes.
     */
    public static byte[] le(final long value)
    {
        return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    /**
     * @param type message type.
     * @param body message body.
     * @return header and body.
     */
    public static byte[] message(final int type, final byte[] body)
    {
        final byte[] message = new byte[NeoHeader.LENGTH + body.length];
        NeoHeader.write(new UnsafeBuffer(message), 0, type, body.length);
        System.arraycopy(body, 0, message, NeoHeader.LENGTH, body.length);
        return message;
    }

    /**
     * @param id      request id.
     * @param payload the payload after the id.
     * @return the whole request message.
     */
    public static byte[] requestMessage(final long id, final byte[] payload)
    {
        final byte[] body = ByteBuffer.allocate(Long.BYTES + payload.length).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(id).put(payload).array();
        return message(NeoHeader.TYPE_REQUEST, body);
    }

    /**
     * @param bytes the array's content.
     * @return {@code ARRAY(bytes)} as hex.
     */
    public static String array(final byte[] bytes)
    {
        return Hex.toHex(le(bytes.length)) + " " + Hex.toHex(bytes);
    }

    /**
     * @param text the array's content, one byte a character.
     * @return {@code ARRAY(text)} as hex.
     */
    public static String array(final String text)
    {
        return array(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
