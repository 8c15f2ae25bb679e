package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.node.testing.fuzz.MemoryProbe;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Listen reader that stops reading: 20 MiB of Puts to its channel must not pile up in the node (the request
 * stops producing at its write high-water mark and keeps at most 32,768 pending keys), and a client of another
 * channel keeps being served, with the right data, while the stalled one holds its connection.
 */
class DhtStalledListenerTest
{
    private static final int RECORDS = 20_000;
    private static final int VALUE_LENGTH = 1024;
    /** Far less than the 20 MiB the stalled reader was sent: pending keys, one reply buffer, map overhead. */
    private static final long MEMORY_BOUND = 16L * 1024 * 1024;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldNeitherBufferWithoutBoundNorStallOthersWhenAListenerStopsReading() throws IOException
    {
        try (DhtNode node = TestNodes.launch(dataDir, new HashRange(0, -1),
            context -> context.channelCapacity(2L * RECORDS).averageValueSize(VALUE_LENGTH));
            DhtClient writer = connect(node);
            DhtClient other = connect(node))
        {
            final Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(TestNodes.address(node));
            try (RawConnection stalled = RawConnection.of(socket))
            {
                stalled.send(DhtFrames.channelOnly(DhtCommand.LISTEN, "stalled"));
                DhtFrames.assertStatus(stalled, SwarmStatus.OK);
                final long before = MemoryProbe.usedAfterGc();
                final byte[] value = new byte[VALUE_LENGTH];
                long otherOps = 0;
                for (int key = 0; key < RECORDS; key++)
                {
                    Arrays.fill(value, (byte)('a' + key % 26));
                    writer.put("stalled", key, value);
                    if (key % 10 == 0)
                    {
                        final byte[] mine = ("other-" + key).getBytes(StandardCharsets.US_ASCII);
                        other.put("other", key, mine);
                        assertArrayEquals(mine, other.get("other", key));
                        otherOps += 2;
                    }
                }
                final long growth = MemoryProbe.usedAfterGc() - before;
                System.out.printf("stalled listener: %,d Puts of %,d bytes to its channel, node memory grew by " +
                    "%,d bytes; %,d requests of another client served meanwhile%n", RECORDS, VALUE_LENGTH, growth,
                    otherOps);
                assertTrue(growth < MEMORY_BOUND, "memory grew by " + growth + " bytes");
                assertEquals(RECORDS, writer.getChannelSize("stalled").totalRecords());
                assertEquals(3, other.getNumConnections().get(0).connections(), "the stalled reader keeps its " +
                    "connection beside the two clients");
            }
        }
    }

    private static DhtClient connect(final DhtNode node)
    {
        return DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port())));
    }
}
