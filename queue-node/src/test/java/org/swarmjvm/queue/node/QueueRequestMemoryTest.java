package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.RequestFlood;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.protocol.queue.client.QueueClient;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14, case 1 against the queue node: Push requests declaring 10 MiB values that never come cost the node
 * nothing, the part of them that did come stays within the node's request memory, Push and Pop of other clients
 * are answered throughout, and an honest 10 MiB Push within the budget is served.
 */
@Timeout(180)
class QueueRequestMemoryTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldBoundWhatDeclaredPushesHoldAndStillServeAFullOne()
    {
        try (QueueNode node = QueueNode.launch(QueueNodeTranscriptTest.testContext(dataDir)
            .requestMemoryLimit(RequestFlood.limit()));
            QueueClient client = new QueueClient(List.of(new InetSocketAddress("127.0.0.1", node.port()))))
        {
            final byte[] small = "round trip".getBytes(StandardCharsets.US_ASCII);
            RequestFlood.run("queue", new InetSocketAddress("127.0.0.1", node.port()), node.requestMemory(),
                new Frame().i32(QueueCommand.PUSH.code()).array("bp").u64(RequestFlood.DECLARED).bytes(), () ->
                {
                    client.push("other", small);
                    assertArrayEquals(small, client.pop("other"));
                });
            final long refusals = node.requestMemory().refusals();
            final byte[] large = new byte[ArrayPrefix.MAX_ARRAY_LENGTH];
            Arrays.fill(large, (byte)'q');
            client.push("large", large);
            assertArrayEquals(large, client.pop("large"));
            Await.until("the budget holds nothing", () -> 0 == node.requestMemory().used());
            assertEquals(refusals, node.requestMemory().refusals(), "the full Push was refused");
        }
    }
}
