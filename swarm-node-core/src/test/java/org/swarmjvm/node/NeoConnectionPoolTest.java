package org.swarmjvm.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoHeader;
import org.swarmjvm.protocol.neo.NeoHmac;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Neo connections are pooled slots: a connection opened in the slot of one that closed in the middle of
 * everything (a request running, a large message half received, a header cut short) starts from the version
 * byte, with no request of the last, no byte of its input, and no request memory held.
 */
@Timeout(120)
class NeoConnectionPoolTest
{
    private static final long REQUEST_ID = 5;
    /** What {@link NeoTestEngine} answers. */
    private static final int ANSWER = 1;
    private static final int ANNOUNCED = 1024 * 1024;
    private static final int SENT_OF_ANNOUNCED = 256 * 1024;
    /** Bytes of a message header the closed connection leaves in its read buffer. */
    private static final int PARTIAL_HEADER = 5;

    @TempDir
    Path dir;

    @Test
    void shouldOpenAConnectionInAReleasedSlotAsANewOne() throws Exception
    {
        final NeoContext neo = new NeoContext().port(0)
            .credentialsFile(NeoTestEngine.writeCredentials(dir.resolve("credentials")));
        try (NodeServer node = NodeServer.launch(new NodeContext().name("node").port(0).statsFile(null),
            new PingEngine(), neo, new NeoTestEngine()))
        {
            for (int round = 0; round < 2; round++)
            {
                try (SocketChannel left = authenticated(node.neoPort()))
                {
                    send(left, requestMessage(REQUEST_ID, new byte[] {1, 0, NeoTestEngine.HELD}));
                    final ByteBuffer half = requestMessage(REQUEST_ID + 1, new byte[SENT_OF_ANNOUNCED]);
                    NeoHeader.write(new UnsafeBuffer(half), 0, NeoHeader.TYPE_REQUEST, ANNOUNCED);
                    send(left, half);
                    Await.until("the half message holds request memory", () -> node.requestMemory().used() > 0);
                }
                Await.until("the closed connection holds no request memory",
                    () -> 0 == node.requestMemory().used());
                assertEquals(ANSWER, answer(node.neoPort()), "round " + round);
                try (SocketChannel left = authenticated(node.neoPort()))
                {
                    send(left, requestMessage(REQUEST_ID, new byte[] {1, 0, NeoTestEngine.HELD}));
                    final ByteBuffer cut = requestMessage(REQUEST_ID + 1, new byte[] {1, 0, NeoTestEngine.ANSWERED});
                    send(left, cut.limit(PARTIAL_HEADER));
                }
                assertEquals(ANSWER, answer(node.neoPort()), "round " + round);
                assertEquals(0, node.requestMemory().used());
            }
        }
    }

    private static SocketChannel authenticated(final int port) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        NeoClient.authenticate(channel, NeoTestEngine.CLIENT, NeoHmac.keySpec(NeoTestEngine.KEY),
            System.currentTimeMillis() / 1000);
        return channel;
    }

    private static ByteBuffer requestMessage(final long id, final byte[] payload)
    {
        final ByteBuffer message = ByteBuffer.allocate(NeoHeader.LENGTH + Long.BYTES + payload.length)
            .order(ByteOrder.LITTLE_ENDIAN);
        NeoHeader.write(new UnsafeBuffer(message), 0, NeoHeader.TYPE_REQUEST, Long.BYTES + payload.length);
        message.putLong(NeoHeader.LENGTH, id);
        message.put(NeoHeader.LENGTH + Long.BYTES, payload);
        return message;
    }

    private static void send(final SocketChannel channel, final ByteBuffer message) throws IOException
    {
        while (message.hasRemaining())
        {
            channel.write(message);
        }
    }

    /**
     * @return the answer to a request with the id the closed connection left running.
     */
    private static int answer(final int port) throws Exception
    {
        try (NeoClient client = NeoClient.connect("127.0.0.1", port, NeoTestEngine.CLIENT, NeoTestEngine.KEY))
        {
            return NeoTestEngine.request(client, REQUEST_ID, NeoTestEngine.ANSWERED).get(30, TimeUnit.SECONDS);
        }
    }
}
