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
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A raw neo connection for node tests: bytes in, bytes out, with a read timeout; plus the credentials and
 * message helpers every node's neo tests share.
 */
public final class NeoRawConnection implements AutoCloseable
{
    /** The test suites' all-zero key. */
    public static final byte[] ZERO_KEY = new byte[128];
    /** The worked example's key: bytes 0x00 .. 0x7f. */
    public static final byte[] COUNTING_KEY = new byte[128];

    static
    {
        for (int i = 0; i < COUNTING_KEY.length; i++)
        {
            COUNTING_KEY[i] = (byte)i;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * Connects to a node on 127.0.0.1.
     */
    public NeoRawConnection(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        // Generous: the first channel map of a JVM takes seconds to build on a loaded machine.
        socket.setSoTimeout(60_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * Sends raw bytes.
     */
    public NeoRawConnection send(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * Sends raw bytes given as hex.
     */
    public NeoRawConnection send(final String hex) throws IOException
    {
        return send(Hex.parse(hex));
    }

    /**
     * Reads exactly this many bytes; fails the test when the connection ends first.
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
     * Reads the given bytes (hex) and asserts them.
     */
    public NeoRawConnection expect(final String hex) throws IOException
    {
        final byte[] expected = Hex.parse(hex);
        assertEquals(Hex.toHex(expected), Hex.toHex(read(expected.length)));
        return this;
    }

    /**
     * Asserts that the node sends nothing for a while (the connection stays open and silent).
     *
     * @param millis how long to listen.
     * @throws IOException when the connection fails.
     */
    public void expectSilence(final int millis) throws IOException
    {
        final int timeout = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try
        {
            final int next = in.read();
            fail(-1 == next ? "the node closed the connection" : "the node sent a byte: " + next);
        }
        catch (final SocketTimeoutException ex)
        {
            // Silence, as expected.
        }
        finally
        {
            socket.setSoTimeout(timeout);
        }
    }

    /**
     * Asserts that the node closes the connection without sending anything more.
     */
    public void expectEof() throws IOException
    {
        try
        {
            final int next = in.read();
            assertEquals(-1, next, "expected the node to close the connection, got a byte");
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
     * Version handshake and authentication; asserts acceptance.
     */
    public NeoRawConnection authenticate(final String name, final byte[] key) throws IOException
    {
        final int result = tryAuthenticate(name, key, System.currentTimeMillis() / 1000);
        assertEquals(1, result, "authentication of " + name);
        return this;
    }

    /**
     * @return the A4 byte.
     */
    public int tryAuthenticate(final String name, final byte[] key, final long timestamp) throws IOException
    {
        send("01").expect("01");
        send(message(2, le(timestamp)));
        expect("02 0400000000000000 06");
        final byte[] nonce = read(4);
        send(message(2, authBody(name.getBytes(StandardCharsets.ISO_8859_1),
            new NeoHmac().code(NeoHmac.keySpec(key), timestamp, nonce))));
        expect("02 0100000000000000 03");
        return read(1)[0];
    }

    /**
     * Sends a request message.
     */
    public NeoRawConnection request(final long id, final String payloadHex) throws IOException
    {
        final byte[] payload = Hex.parse(payloadHex);
        final ByteBuffer body = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        body.putLong(id).put(payload);
        return send(message(1, body.array()));
    }

    /**
     * Expects one request message with exactly this payload.
     */
    public NeoRawConnection answer(final long id, final String payloadHex) throws IOException
    {
        final byte[] payload = Hex.parse(payloadHex);
        assertArrayEquals(payload, readAnswer(id), "payload for request " + id);
        return this;
    }

    /**
     * Expects a batch message: the type byte, then {@code ARRAY(u64 length | LZO)} whose content is the given
     * uncompressed bytes. LZO output need not be byte-identical to liblzo's, only decode to the same bytes.
     */
    public NeoRawConnection batch(final long id, final int type, final String uncompressedHex) throws IOException
    {
        final byte[] payload = readAnswer(id);
        assertEquals(type, payload[0], "message type");
        final ByteBuffer view = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        final long arrayLength = view.getLong(1);
        assertEquals(payload.length - 9, arrayLength, "array length");
        final byte[] expected = Hex.parse(uncompressedHex);
        assertEquals(expected.length, view.getLong(9), "uncompressed length");
        final byte[] plain = new byte[expected.length];
        new io.airlift.compress.lzo.LzoDecompressor().decompress(payload, 17, payload.length - 17, plain, 0,
            plain.length);
        assertEquals(Hex.toHex(expected), Hex.toHex(plain));
        return this;
    }

    /**
     * Reads one request message, checking its header and id.
     */
    public byte[] readAnswer(final long id) throws IOException
    {
        final byte[] header = read(NeoHeader.LENGTH);
        final UnsafeBuffer view = new UnsafeBuffer(header);
        assertEquals(1, NeoHeader.type(view, 0));
        assertEquals(true, NeoHeader.isParityValid(view, 0));
        final byte[] body = read((int)NeoHeader.bodyLength(view, 0));
        final long actualId = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(id, actualId, "request id");
        final byte[] payload = new byte[body.length - 8];
        System.arraycopy(body, 8, payload, 0, payload.length);
        return payload;
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }

    /**
     * Writes a credentials file with {@code admin} and {@code test} (zero keys) and {@code javaclient} (counting
     * key).
     *
     * @param dir where {@code credentials} goes.
     * @return the file.
     * @throws IOException when it cannot be written.
     */
    public static Path writeCredentials(final Path dir) throws IOException
    {
        final Path file = dir.resolve("credentials");
        Files.writeString(file, "admin:" + "0".repeat(256) + "\ntest:" + "0".repeat(256) + "\njavaclient:" +
            Hex.toHex(COUNTING_KEY) + "\n");
        return file;
    }

    /**
     * @return the value as 8 little-endian bytes.
     */
    public static byte[] le(final long value)
    {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    /**
     * @return the body of the A3 authentication message.
     */
    public static byte[] authBody(final byte[] name, final byte[] code)
    {
        return ByteBuffer.allocate(8 + name.length + code.length).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(name.length).put(name).put(code).array();
    }

    /**
     * @return a framed message: header with parity, then the body.
     */
    public static byte[] message(final int type, final byte[] body)
    {
        final byte[] message = new byte[NeoHeader.LENGTH + body.length];
        NeoHeader.write(new UnsafeBuffer(message), 0, type, body.length);
        System.arraycopy(body, 0, message, NeoHeader.LENGTH, body.length);
        return message;
    }

    /**
     * @return ARRAY(text) as hex.
     */
    public static String array(final String text)
    {
        return Hex.toHex(le(text.length())) + " " + Hex.toHex(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
