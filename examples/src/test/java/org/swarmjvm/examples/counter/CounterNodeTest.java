package org.swarmjvm.examples.counter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swarmjvm.node.NodeContext;
import org.swarmjvm.node.NodeServer;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The counter node over a real socket, as a client sees it: pipelined requests answered in order.
 */
@Timeout(30)
class CounterNodeTest
{
    private static final int OK = 200;

    private NodeServer node;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    @BeforeEach
    void start() throws IOException
    {
        node = NodeServer.launch(new NodeContext().name("counter-test").address("127.0.0.1").port(0),
            new CounterNodeEngine());
        socket = new Socket("127.0.0.1", node.port());
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    @AfterEach
    void stop() throws IOException
    {
        socket.close();
        node.close();
    }

    @Test
    void shouldIncrementGetAndResetCountersByTheirId() throws IOException
    {
        final ByteBuffer requests = ByteBuffer.allocate(256).order(LITTLE_ENDIAN);
        requests.putInt(CounterNodeEngine.INCREMENT).putLong(7).putLong(5);
        requests.putInt(CounterNodeEngine.INCREMENT).putLong(7).putLong(-2);
        requests.putInt(CounterNodeEngine.INCREMENT).putLong(8).putLong(40);
        requests.putInt(CounterNodeEngine.GET).putLong(7);
        requests.putInt(CounterNodeEngine.RESET).putLong(7);
        requests.putInt(CounterNodeEngine.GET).putLong(7);
        requests.putInt(CounterNodeEngine.GET).putLong(8);
        out.write(requests.array(), 0, requests.position());

        assertEquals(5, value());
        assertEquals(3, value());
        assertEquals(40, value());
        assertEquals(3, value(), "Get");
        assertEquals(OK, readInt(), "Reset");
        assertEquals(0, value(), "Get after Reset");
        assertEquals(40, value(), "the other counter");
    }

    @Test
    void shouldAnswerARequestSplitAcrossWrites() throws IOException
    {
        final ByteBuffer request = ByteBuffer.allocate(20).order(LITTLE_ENDIAN);
        request.putInt(CounterNodeEngine.INCREMENT).putLong(1).putLong(9);
        out.write(request.array(), 0, 7);
        out.flush();
        out.write(request.array(), 7, 13);
        assertEquals(9, value());
    }

    private long value() throws IOException
    {
        assertEquals(OK, readInt());
        final byte[] bytes = new byte[Long.BYTES];
        in.readFully(bytes);
        return ByteBuffer.wrap(bytes).order(LITTLE_ENDIAN).getLong();
    }

    private int readInt() throws IOException
    {
        final byte[] bytes = new byte[Integer.BYTES];
        in.readFully(bytes);
        return ByteBuffer.wrap(bytes).order(LITTLE_ENDIAN).getInt();
    }
}
