package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.RequestFlood;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Issue 14, case 1 against the DHT node: PutBatch requests declaring 10 MiB batches that never come cost the node
 * nothing, the part of them that did come stays within the node's request memory, and Put and Get of other
 * clients are answered throughout.
 */
@Timeout(180)
class DhtRequestMemoryTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldBoundWhatDeclaredBatchesHold()
    {
        try (DhtNode node = TestNodes.launch(dataDir, new HashRange(0, -1), context ->
            {
                context.node().requestMemoryLimit(RequestFlood.limit());
                return context;
            });
            DhtClient client = DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port()))))
        {
            final byte[] value = "round trip".getBytes(StandardCharsets.US_ASCII);
            RequestFlood.run("dht", new InetSocketAddress("127.0.0.1", node.port()), node.requestMemory(),
                new Frame().i32(DhtCommand.PUT_BATCH.code()).array("bp").u64(RequestFlood.DECLARED).bytes(), () ->
                {
                    client.put("other", 0x1234, value);
                    assertArrayEquals(value, client.get("other", 0x1234));
                });
        }
    }
}
