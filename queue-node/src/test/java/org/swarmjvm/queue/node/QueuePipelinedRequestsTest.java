package org.swarmjvm.queue.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.protocol.queue.QueueCommand;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pushes and Pops pipelined on one connection, as a loaded client sends them: the replies, coalesced into few
 * writes, are byte for byte those of the requests sent one at a time, in request order, also when the client reads
 * slowly and the node's writes are partial.
 */
@Timeout(60)
class QueuePipelinedRequestsTest
{
    private static final int OK = 200;
    private static final String CHANNEL = "pipelined";
    private static final int RECORDS = 500;
    private static final int VALUE_LENGTH = 1000;
    /** Far more reply bytes than the socket buffers hold, so the node meets a full socket many times. */
    private static final int ROUNDS = 4;
    /** Fixed and small: the kernel does not grow it, so the node's writes are cut short. */
    private static final int SLOW_RECEIVE_BUFFER = 4096;

    @TempDir
    Path data;

    private LogCapture log;
    private QueueNode node;

    @BeforeEach
    void startNode()
    {
        log = new LogCapture();
        node = QueueNode.launch(QueueNodeTranscriptTest.testContext(data));
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
    void shouldAnswerPipelinedPushesAndPopsInOrderWhenTheClientReadsSlowly()
    {
        try (RawConnection client =
            new RawConnection(new InetSocketAddress("127.0.0.1", node.port()), SLOW_RECEIVE_BUFFER))
        {
            for (int round = 0; round < ROUNDS; round++)
            {
                final Frame pushes = new Frame();
                final Frame pushReplies = new Frame();
                final Frame pops = new Frame();
                final Frame popReplies = new Frame();
                for (int i = 0; i < RECORDS; i++)
                {
                    final byte[] value = value(round * RECORDS + i);
                    pushes.i32(QueueCommand.PUSH.code()).array(CHANNEL).array(value);
                    pushReplies.i32(OK);
                    pops.i32(QueueCommand.POP.code()).array(CHANNEL);
                    popReplies.i32(OK).array(value);
                }
                // One Pop more than was pushed: the empty record of an empty queue ends the round.
                pops.i32(QueueCommand.POP.code()).array(CHANNEL);
                popReplies.i32(OK).array(new byte[0]);
                assertArrayEquals(pushReplies.bytes(), exchange(client, pushes, pushReplies.length()), "Pushes");
                assertArrayEquals(popReplies.bytes(), exchange(client, pops, popReplies.length()), "Pops");
            }
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

    private static byte[] value(final int i)
    {
        final byte[] value = new byte[VALUE_LENGTH];
        Arrays.fill(value, (byte)('a' + i % 26));
        value[0] = (byte)i;
        value[VALUE_LENGTH - 1] = (byte)(i >> 8);
        return value;
    }
}
