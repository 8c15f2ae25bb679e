package org.swarmjvm.dht.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.node.testing.fuzz.MemoryProbe;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.node.DhtFrames.assertServes;
import static org.swarmjvm.dht.node.DhtFrames.assertStatus;
import static org.swarmjvm.dht.node.DhtFrames.channelOnly;
import static org.swarmjvm.dht.node.DhtFrames.numConnections;
import static org.swarmjvm.protocol.neo.NeoRawConnection.ZERO_KEY;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;

/**
 * Many connections that each start a GetAll of a large channel and then read nothing, legacy and neo: what the node
 * holds for them, heap and direct memory measured, follows what each has been sent (a bounded pending output), not
 * the channel's size. Before, every legacy GetAll held a copy of a whole map segment (200 of them on 200,000
 * records of 100 bytes: 232 MB) and every neo GetAll the keys of the whole channel (8 bytes a record, 346 MB for
 * the same 200). The size of the attack is {@code -Dswarm.getAllFlood.connections} connections on a channel of
 * {@code -Dswarm.getAllFlood.records} records.
 */
class DhtGetAllFloodTest
{
    private static final int CONNECTIONS = Integer.getInteger("swarm.getAllFlood.connections", 200);
    private static final int RECORDS = Integer.getInteger("swarm.getAllFlood.records", 200_000);
    private static final int VALUE_LENGTH = 100;
    private static final int NODE_SOCKET_BUFFER = 16 * 1024;
    private static final int CLIENT_RECEIVE_BUFFER = 4096;
    /**
     * What a connection that stopped reading may hold: its pending output (up to 64 KiB, a batch written on top,
     * doubled as it grows), its first read buffer and its handlers.
     */
    private static final long PER_CONNECTION = 320 * 1024;
    /** Whatever else a node in this JVM allocates meanwhile: channel maps' caches, the log, the GC's slack. */
    private static final long MEMORY_SLACK = 32L * 1024 * 1024;
    private static final long MIB = 1024 * 1024;
    /** The node's request memory: room for the keys of about 30 of the neo GetAll requests. */
    private static final long REQUEST_MEMORY = 64 * MIB;
    private static final String CHANNEL = "bulk";

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldHoldABoundedMemoryPerLegacyGetAllThatReadsNothing()
    {
        try (DhtNode node = launch();
            RawConnection bystander = new RawConnection(TestNodes.address(node)))
        {
            fill(node);
            final long before = MemoryProbe.usedAfterGc();
            final long directBefore = MemoryProbe.directUsed();
            final List<RawConnection> readers = new ArrayList<>();
            try
            {
                for (int i = 0; i < CONNECTIONS; i++)
                {
                    final RawConnection reader = new RawConnection(TestNodes.address(node), CLIENT_RECEIVE_BUFFER);
                    readers.add(reader);
                    reader.send(channelOnly(DhtCommand.GET_ALL, CHANNEL));
                    // The status goes out in the step that reads the first segment: that GetAll is under way.
                    assertStatus(reader, SwarmStatus.OK);
                }
                assertServes(bystander);
                assertHeldWithinBound(node, "legacy", before, directBefore);
            }
            finally
            {
                readers.forEach(RawConnection::close);
            }
            Await.until("the readers' connections close", () -> 1 == numConnections(bystander));
            Await.until("the request memory is given back", () -> 0 == node.requestMemory().used());
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldHoldABoundedMemoryPerNeoGetAllThatReadsNothing() throws IOException
    {
        try (LogCapture log = new LogCapture();
            DhtNode node = launch();
            RawConnection bystander = new RawConnection(TestNodes.address(node)))
        {
            fill(node);
            final long before = MemoryProbe.usedAfterGc();
            final long directBefore = MemoryProbe.directUsed();
            final List<NeoRawConnection> readers = new ArrayList<>();
            int refused = 0;
            try
            {
                for (int i = 0; i < CONNECTIONS; i++)
                {
                    final NeoRawConnection reader =
                        new NeoRawConnection(node.neoPort()).authenticate("admin", ZERO_KEY);
                    readers.add(reader);
                    // GetAll, not suspended, not continuing, all values, no filter: Started is sent once the
                    // request has begun.
                    reader.request(1, "05 00 00 " + array(CHANNEL) + " 00 0000000000000000 00 0000000000000000")
                        .answer(1, "fd");
                    final byte[] answer = reader.readAnswer(1);
                    assertTrue(1 == answer.length && (DhtNeoRequest.STARTED == answer[0] ||
                        DhtNeoRequest.STREAM_ERROR == answer[0]), "GetAll answered " + Arrays.toString(answer));
                    if (DhtNeoRequest.STREAM_ERROR == answer[0])
                    {
                        refused++;
                    }
                }
                System.out.printf("GetAll flood, neo: %,d of %,d GetAll requests answered Error: their keys did " +
                    "not fit in the request memory%n", refused, CONNECTIONS);
                assertTrue(refused > 0 && refused < CONNECTIONS, refused + " refused");
                final List<String> warnings = log.messagesAtLeast(Level.WARNING);
                assertEquals(1L, warnings.stream().filter(line -> line.contains("refused neo GetAll")).count(),
                    () -> String.join("\n", warnings));
                assertServes(bystander);
                assertHeldWithinBound(node, "neo", before, directBefore);
            }
            finally
            {
                for (final NeoRawConnection reader : readers)
                {
                    reader.close();
                }
            }
            Await.until("the request memory is given back", () -> 0 == node.requestMemory().used());
        }
    }

    private static void assertHeldWithinBound(
        final DhtNode node, final String protocol, final long before, final long directBefore)
    {
        final long growth = MemoryProbe.usedAfterGc() - before;
        final long directGrowth = MemoryProbe.directUsed() - directBefore;
        final long budget = node.requestMemory().used();
        System.out.printf("GetAll flood, %s: %,d connections reading nothing of a GetAll of %,d records of %,d " +
            "bytes (%,d map segments): node memory %+,d MiB (%,d bytes per connection; direct %+,d MiB), request " +
            "memory holds %,d MiB%n", protocol, CONNECTIONS, RECORDS, VALUE_LENGTH,
            node.storage().getOrCreateChannel(CHANNEL).segments(), growth / MIB, growth / CONNECTIONS,
            directGrowth / MIB, budget / MIB);
        assertTrue(budget <= REQUEST_MEMORY, "request memory holds " + budget);
        assertTrue(growth < REQUEST_MEMORY + CONNECTIONS * PER_CONNECTION + MEMORY_SLACK,
            "memory grew by " + growth + " bytes for " + CONNECTIONS + " connections");
    }

    private DhtNode launch()
    {
        return TestNodes.launch(dataDir, new HashRange(0, -1), context ->
        {
            context.channelCapacity(RECORDS + 1000L).averageValueSize(VALUE_LENGTH);
            context.node().socketBufferSize(NODE_SOCKET_BUFFER).requestMemoryLimit(REQUEST_MEMORY);
            return context;
        });
    }

    private static void fill(final DhtNode node)
    {
        final DhtChannel channel = node.storage().getOrCreateChannel(CHANNEL);
        final byte[] value = new byte[VALUE_LENGTH];
        final Random random = new Random(RECORDS);
        for (int i = 0; i < RECORDS; i++)
        {
            random.nextBytes(value);
            channel.put(i, new UnsafeBuffer(value), 0, value.length);
        }
    }
}
