package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes with split ranges behind one client: every record lands on the node that owns its bit-reversed key,
 * and GetAll over the nodes returns them all.
 */
class DhtClusterTest
{
    private static final int RECORDS = 10_000;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final List<HashRange> THIRDS = List.of(
        new HashRange(0, 0x5555555555555555L),
        new HashRange(0x5555555555555556L, 0xaaaaaaaaaaaaaaaaL),
        new HashRange(0xaaaaaaaaaaaaaaabL, -1L));

    @TempDir
    Path tempDir;

    @Test
    void shouldPlaceEveryRecordOnTheNodeOwningItsKey()
    {
        final List<DhtNode> nodes = new ArrayList<>();
        try
        {
            for (int i = 0; i < THIRDS.size(); i++)
            {
                nodes.add(TestNodes.launch(tempDir.resolve("node" + i), THIRDS.get(i), UnaryOperator.identity()));
            }
            final List<NodeAddress> addresses = nodes.stream()
                .map(node -> new NodeAddress("127.0.0.1", node.port())).toList();
            try (DhtClient client = DhtClient.connect(addresses))
            {
                final Map<Long, byte[]> written = new HashMap<>();
                for (int i = 0; i < RECORDS; i++)
                {
                    final long key = spreadKey(i);
                    final byte[] value = Long.toUnsignedString(key).getBytes(StandardCharsets.US_ASCII);
                    client.put("cluster", key, value);
                    written.put(key, value);
                }
                final long[] perNode = new long[nodes.size()];
                for (final long key : written.keySet())
                {
                    for (int i = 0; i < nodes.size(); i++)
                    {
                        final boolean stored = nodes.get(i).storage().getOrCreateChannel("cluster").exists(key);
                        assertEquals(THIRDS.get(i).containsKey(key), stored,
                            "key " + Long.toHexString(key) + " on node " + i);
                        perNode[i] += stored ? 1 : 0;
                    }
                }
                for (final long count : perNode)
                {
                    assertTrue(count > RECORDS / 5, "every node got a share: " + java.util.Arrays.toString(perNode));
                }
                final Map<Long, byte[]> all = DhtDumpFilesTest.getAll(client, "cluster");
                assertEquals(written.keySet(), all.keySet());
                written.forEach((key, value) -> assertArrayEquals(value, all.get(key)));
                assertEquals(RECORDS, client.getChannelSize("cluster").totalRecords());
                client.remove("cluster", spreadKey(0));
                assertFalse(client.exists("cluster", spreadKey(0)));
            }
        }
        finally
        {
            nodes.forEach(DhtNode::close);
        }
    }

    /**
     * The original test suite's "spread" keys: FNV-1a 64 of the four little-endian bytes of i.
     */
    static long spreadKey(final int i)
    {
        long hash = FNV_OFFSET;
        for (int b = 0; b < Integer.BYTES; b++)
        {
            hash ^= (i >>> (8 * b)) & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
