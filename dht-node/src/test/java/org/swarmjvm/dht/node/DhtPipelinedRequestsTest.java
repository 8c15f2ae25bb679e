package org.swarmjvm.dht.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.protocol.codec.HexKey;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.swarmjvm.dht.node.DhtFrames.OK;
import static org.swarmjvm.dht.node.DhtFrames.get;
import static org.swarmjvm.dht.node.DhtFrames.put;

/**
 * Requests pipelined on one connection, as a loaded client sends them: the replies, coalesced into few writes,
 * are byte for byte those of the requests sent one at a time, in request order, also when the client reads slowly
 * and the node's writes are partial.
 */
@Timeout(60)
class DhtPipelinedRequestsTest
{
    private static final String CHANNEL = "pipelined";
    private static final int RECORDS = 500;
    private static final int VALUE_LENGTH = 1000;
    /** Far more reply bytes than the socket buffers hold, so the node meets a full socket many times. */
    private static final int GET_ROUNDS = 4;
    /** Fixed and small: the kernel does not grow it, so the node's writes are cut short. */
    private static final int SLOW_RECEIVE_BUFFER = 4096;

    @TempDir
    Path dataDir;

    private LogCapture log;
    private DhtNode node;
    private InetSocketAddress address;

    @BeforeEach
    void startNode()
    {
        log = new LogCapture();
        node = TestNodes.launchNodeA(dataDir);
        address = TestNodes.address(node);
    }

    @AfterEach
    void stopNode()
    {
        try
        {
            node.close();
        }
        finally
        {
            log.close();
        }
    }

    @Test
    void shouldAnswerPipelinedPutsAndGetsInOrderWhenTheClientReadsSlowly()
    {
        final Frame puts = new Frame();
        final Frame putReplies = new Frame();
        for (int i = 0; i < RECORDS; i++)
        {
            puts.raw(put(CHANNEL, HexKey.toString(key(i)), value(i)).bytes());
            putReplies.i32(OK);
        }
        final Frame gets = new Frame();
        final Frame getReplies = new Frame();
        for (int round = 0; round < GET_ROUNDS; round++)
        {
            for (int i = 0; i < RECORDS; i++)
            {
                gets.raw(get(CHANNEL, key(i)).bytes());
                getReplies.i32(OK).array(value(i));
            }
        }
        try (RawConnection client = new RawConnection(address, SLOW_RECEIVE_BUFFER))
        {
            assertArrayEquals(putReplies.bytes(), exchange(client, puts, putReplies.length()), "Put replies");
            assertArrayEquals(getReplies.bytes(), exchange(client, gets, getReplies.length()), "Get replies");
        }
        assertEquals(List.of(), log.messagesAtLeast(Level.WARNING));
    }

    /**
     * Sends the requests from a second thread while this one reads, so that neither side waits for the other to
     * drain its socket.
     */
    private static byte[] exchange(final RawConnection client, final Frame requests, final int replyLength)
    {
        final CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> client.send(requests));
        final byte[] replies = client.readBytes(replyLength);
        sent.join();
        return replies;
    }

    /** Even keys: their bit-reversed hash is in node A's half of the range. */
    private static long key(final int i)
    {
        return 0x100L * i + 6;
    }

    private static byte[] value(final int i)
    {
        final byte[] value = new byte[VALUE_LENGTH];
        Arrays.fill(value, (byte)('a' + i % 26));
        value[0] = (byte)i;
        value[VALUE_LENGTH - 1] = (byte)(i >> 8);
        return value;
    }
}
