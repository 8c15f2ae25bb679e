package org.swarmjvm.dht.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.codec.HexKey;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.node.DhtFrames.assertPut;
import static org.swarmjvm.dht.node.DhtFrames.assertServes;
import static org.swarmjvm.dht.node.DhtFrames.assertStatus;
import static org.swarmjvm.dht.node.DhtFrames.channelOnly;
import static org.swarmjvm.dht.node.DhtFrames.get;
import static org.swarmjvm.dht.node.DhtFrames.numConnections;

/**
 * Clients that hang up in the middle of a stream (spec §1.5, last row): the node ends the request, frees the
 * connection slot, logs nothing above INFO, and serves everyone else as before.
 */
@Timeout(60)
class DhtVanishingClientTest
{
    private static final String BULK = "bulk";
    private static final int BULK_RECORDS = 3000;
    private static final int BULK_VALUE_LENGTH = 1000;

    @TempDir
    Path dataDir;

    private LogCapture log;
    private DhtNode node;
    private InetSocketAddress address;
    private RawConnection bystander;

    @BeforeEach
    void startNode()
    {
        log = new LogCapture();
        node = TestNodes.launchNodeA(dataDir);
        address = TestNodes.address(node);
        bystander = new RawConnection(address);
    }

    @AfterEach
    void stopNode()
    {
        try
        {
            bystander.close();
            node.close();
        }
        finally
        {
            log.close();
        }
    }

    @Test
    void shouldFreeTheSlotWhenClientVanishesInTheMiddleOfGetAll()
    {
        fillBulkChannel();
        assertPut(bystander, "other", 0x2, "untouched");
        try (RawConnection vanishing = new RawConnection(address))
        {
            vanishing.send(channelOnly(DhtCommand.GET_ALL, BULK));
            assertStatus(vanishing, SwarmStatus.OK);
            assertTrue(vanishing.readArray().length > 0, "one batch");
        }
        Await.until("the node frees the slot", () -> numConnections(bystander) == 1);

        assertEquals("untouched", get(bystander, "other", 0x2));
        assertPut(bystander, "other", 0x4, "after");
        try (RawConnection next = new RawConnection(address))
        {
            assertEquals(BULK_RECORDS, readAllKeys(next, BULK).size(), "a full GetAll afterwards");
        }
        assertNothingAlarmingLogged();
    }

    @Test
    void shouldFreeTheSlotWhenClientVanishesInTheMiddleOfListen()
    {
        try (RawConnection staying = new RawConnection(address))
        {
            staying.send(channelOnly(DhtCommand.LISTEN, "listened"));
            assertStatus(staying, SwarmStatus.OK);
            try (RawConnection vanishing = new RawConnection(address))
            {
                vanishing.send(channelOnly(DhtCommand.LISTEN, "listened"));
                assertStatus(vanishing, SwarmStatus.OK);
                Await.until("both listeners are connected", () -> numConnections(bystander) == 3);
            }
            Await.until("the node frees the slot", () -> numConnections(bystander) == 2);

            assertPut(bystander, "listened", 0x6, "after the vanished Listen");
            assertEquals(HexKey.toString(0x6), new String(staying.readArray(), StandardCharsets.US_ASCII));
            assertEquals("after the vanished Listen", new String(staying.readArray(), StandardCharsets.US_ASCII));
        }
        Await.until("the node frees the second slot", () -> numConnections(bystander) == 1);
        assertPut(bystander, "listened", 0x8, "nobody listens");
        assertNothingAlarmingLogged();
    }

    @Test
    void shouldFreeTheSlotWhenClientVanishesWhileListenNotificationsQueueUp()
    {
        try (RawConnection vanishing = new RawConnection(address))
        {
            vanishing.send(channelOnly(DhtCommand.LISTEN, "busy"));
            assertStatus(vanishing, SwarmStatus.OK);
            // The listener reads nothing more: the node's socket buffers fill and notifications queue up.
            final byte[] value = new byte[300];
            for (int i = 0; i < 2000; i++)
            {
                bystander.send(DhtFrames.put("busy", HexKey.toString(2L * i), value));
                assertStatus(bystander, SwarmStatus.OK);
            }
        }
        Await.until("the node frees the slot", () -> numConnections(bystander) == 1);
        assertPut(bystander, "busy", 0x2, "after");
        assertEquals("after", get(bystander, "busy", 0x2));
        assertServes(bystander);
        assertNothingAlarmingLogged();
    }

    private void fillBulkChannel()
    {
        final DhtChannel channel = node.storage().getOrCreateChannel(BULK);
        final byte[] value = new byte[BULK_VALUE_LENGTH];
        final Random random = new Random(BULK_RECORDS);
        for (int i = 0; i < BULK_RECORDS; i++)
        {
            random.nextBytes(value);
            channel.put(2L * i, new UnsafeBuffer(value), 0, value.length);
        }
    }

    private static Set<String> readAllKeys(final RawConnection client, final String channel)
    {
        client.send(channelOnly(DhtCommand.GET_ALL, channel));
        assertStatus(client, SwarmStatus.OK);
        final Set<String> keys = new HashSet<>();
        final RecordBatchReader reader = new RecordBatchReader();
        int batches = 0;
        byte[] batch;
        while ((batch = client.readArray()).length > 0)
        {
            batches++;
            reader.wrap(new UnsafeBuffer(batch), 0, batch.length);
            while (reader.nextRecord())
            {
                keys.add(reader.buffer().getStringWithoutLengthAscii(reader.keyOffset(), reader.keyLength()));
            }
        }
        assertTrue(batches > 10, "the channel spans many batches: " + batches);
        return keys;
    }

    private void assertNothingAlarmingLogged()
    {
        assertEquals(List.of(), log.messagesAtLeast(Level.WARNING));
    }
}
