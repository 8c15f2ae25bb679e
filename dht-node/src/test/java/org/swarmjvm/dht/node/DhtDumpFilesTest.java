package org.swarmjvm.dht.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtStatusException;
import org.swarmjvm.protocol.dht.client.Listener;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.tcm.TcmManifest;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;
import org.swarmjvm.protocol.fixtures.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node and the original's {@code .tcm} dumps: the files the original dhtnode wrote load record for record, and
 * what our node dumps at shutdown loads back identically; damaged files are moved aside without stopping the
 * start.
 */
class DhtDumpFilesTest
{
    private static final List<String> FIXTURE_DUMPS = List.of("empty.tcm", "three.tcm", "bulk.tcm");

    @TempDir
    Path dataDir;

    @Test
    void shouldServeEveryRecordOfTheOriginalsDumps() throws IOException
    {
        copyFixtureDumps();
        try (DhtNode node = launch(); DhtClient client = connect(node))
        {
            assertEquals(Set.of("empty", "three", "bulk"), client.getChannels());
            for (final String file : FIXTURE_DUMPS)
            {
                final String channel = file.substring(0, file.length() - ".tcm".length());
                final Map<Long, byte[]> expected = new HashMap<>();
                TcmManifest.records(file).forEach(entry -> expected.put(entry.key(), entry.value()));
                final Map<Long, byte[]> actual = getAll(client, channel);
                assertEquals(expected.keySet(), actual.keySet(), channel);
                expected.forEach((key, value) -> assertArrayEquals(value, actual.get(key), channel + " " + key));
                for (final Map.Entry<Long, byte[]> entry : expected.entrySet())
                {
                    assertArrayEquals(entry.getValue(), client.get(channel, entry.getKey()));
                }
            }
        }
    }

    @Test
    void shouldLoadBackIdenticallyWhatItDumpedAtShutdown() throws IOException
    {
        copyFixtureDumps();
        final Map<String, Map<Long, byte[]>> before = new HashMap<>();
        try (DhtNode node = launch(); DhtClient client = connect(node))
        {
            client.put("added", 42, new byte[] {1, 2, 3});
            try (Listener listener = client.listen("listened", (key, value) -> { }))
            {
                TestNodes.await(() -> client.getChannels().contains("listened"), "Listen creates its channel");
            }
            for (final String channel : client.getChannels())
            {
                before.put(channel, getAll(client, channel));
            }
        }
        assertTrue(Files.exists(dataDir.resolve("added.tcm")));
        try (DhtNode node = launch(); DhtClient client = connect(node))
        {
            assertEquals(before.keySet(), client.getChannels());
            for (final Map.Entry<String, Map<Long, byte[]>> channel : before.entrySet())
            {
                final Map<Long, byte[]> actual = getAll(client, channel.getKey());
                assertEquals(channel.getValue().keySet(), actual.keySet(), channel.getKey());
                channel.getValue().forEach((key, value) -> assertArrayEquals(value, actual.get(key)));
            }
        }
    }

    @Test
    void shouldMoveDamagedDumpsAsideAndStartWithTheRest() throws IOException
    {
        copyFixtureDumps();
        final byte[] three = Files.readAllBytes(Fixtures.path("files/dht/three.tcm"));
        // version (8) and the first record (8 + 16 + 8 + 8) are whole; the second record is cut short

        Files.write(dataDir.resolve("truncated.tcm"), java.util.Arrays.copyOf(three, 52));
        Files.write(dataDir.resolve("zero.tcm"), new byte[0]);
        Files.write(dataDir.resolve("garbage.tcm"), HexFormat.of().parseHex("0000000000000000ffffffffffffff7f"));
        Files.write(dataDir.resolve("old.tcm.Ab12Cd.dumping"), three);
        try (DhtNode node = launch(); DhtClient client = connect(node))
        {
            assertEquals(3, getAll(client, "three").size());
            assertEquals(5000, getAll(client, "bulk").size());
            assertEquals(1, getAll(client, "truncated").size(), "the record before the damage is kept");
            assertFalse(client.getChannels().contains("old"));
        }
        for (final String damaged : List.of("truncated.tcm", "zero.tcm", "garbage.tcm"))
        {
            assertTrue(Files.exists(dataDir.resolve(damaged + ".bad")), damaged + " moved aside");
        }
    }

    @Test
    void shouldLoadADumpOverTheChannelCapacityWholeAndServeEveryChannel() throws IOException
    {
        // The dump holds more records than channel_capacity, with values 16 times the average the maps are laid
        // out for: it used to stop the node ("channel bigcut is full after ... records").
        copyFixtureDumps();
        final int records = 3000;
        writeDump("bigcut", records, 1024);
        try (LogCapture log = new LogCapture();
            DhtNode node = launchWithCapacity(2000, 64);
            DhtClient client = connect(node))
        {
            assertEquals(records, getAll(client, "bigcut").size());
            assertEquals(5000, getAll(client, "bulk").size());
            assertEquals(1, log.count(Level.WARNING, "channel bigcut holds 3,000 records from its dump, more than " +
                "channel_capacity 2,000"), log::toString);
            client.put("bigcut", 7, new byte[] {7});
            final DhtStatusException refused =
                assertThrows(DhtStatusException.class, () -> client.put("bigcut", records + 1, new byte[] {1}));
            assertEquals(SwarmStatus.OUT_OF_MEMORY, refused.status(), "a new key beyond the capacity");
            client.put("other", 1, new byte[] {1});
        }
    }

    @Test
    void shouldHoldChannelCapacityRecordsWhateverTheirValueLength()
    {
        final int capacity = 2000;
        try (DhtNode node = launchWithCapacity(capacity, 64); DhtClient client = connect(node))
        {
            final byte[] value = new byte[1024];
            for (int key = 0; key < capacity; key++)
            {
                client.put("long-values", key, value);
            }
            final DhtStatusException refused =
                assertThrows(DhtStatusException.class, () -> client.put("long-values", capacity, value));
            assertEquals(SwarmStatus.OUT_OF_MEMORY, refused.status());
            client.put("long-values", 0, new byte[2048]);
            assertEquals(capacity, getAll(client, "long-values").size());
        }
    }

    @Test
    void shouldWarnAboutUnknownFilesButNotAboutDhtDumpsGenerationsOrTheLockFiles() throws IOException
    {
        copyFixtureDumps();
        Files.copy(dataDir.resolve("three.tcm"), dataDir.resolve("three.tcm.1"));
        Files.copy(dataDir.resolve("three.tcm"), dataDir.resolve("three.tcm.12"));
        Files.writeString(dataDir.resolve("dht-dump.lock"), "1234 dht-dump\n");
        Files.writeString(dataDir.resolve("notes.txt"), "not a dump");
        Files.writeString(dataDir.resolve("three.tcm.x"), "not a generation");
        try (LogCapture log = new LogCapture())
        {
            try (DhtNode node = launch(); DhtClient client = connect(node))
            {
                assertEquals(Set.of("empty", "three", "bulk"), client.getChannels());
            }
            assertEquals(List.of("WARNING ignoring " + dataDir.resolve("notes.txt") + ": not a dump file",
                "WARNING ignoring " + dataDir.resolve("three.tcm.x") + ": not a dump file"),
                log.messagesAtLeast(Level.WARNING).stream().filter(line -> line.contains(dataDir.toString()))
                    .sorted().toList(), log::toString);
        }
    }

    @Test
    void shouldMoveARemovedChannelsDumpToDeleted() throws IOException
    {
        copyFixtureDumps();
        try (DhtNode node = launch(); DhtClient client = connect(node))
        {
            client.removeChannel("three");
            assertTrue(Files.exists(dataDir.resolve("deleted/three.tcm")));
            assertFalse(Files.exists(dataDir.resolve("three.tcm")));
        }
        try (DhtNode node = launch(); DhtClient client = connect(node))
        {
            assertFalse(client.getChannels().contains("three"));
        }
    }

    private void writeDump(final String channel, final int records, final int valueLength) throws IOException
    {
        final UnsafeBuffer value = new UnsafeBuffer(new byte[valueLength]);
        try (TcmWriter writer = TcmWriter.create(dataDir, channel))
        {
            for (int key = 0; key < records; key++)
            {
                value.putInt(0, key);
                writer.append(key, value, 0, valueLength);
            }
            writer.commit(0);
        }
    }

    private DhtNode launchWithCapacity(final long capacity, final int averageValueSize)
    {
        return TestNodes.launch(dataDir, HashRange.FULL,
            context -> context.channelCapacity(capacity).averageValueSize(averageValueSize));
    }

    private void copyFixtureDumps() throws IOException
    {
        for (final String file : FIXTURE_DUMPS)
        {
            Files.copy(Fixtures.path("files/dht/" + file), dataDir.resolve(file));
        }
    }

    private DhtNode launch()
    {
        return TestNodes.launch(dataDir, HashRange.FULL, UnaryOperator.identity());
    }

    private static DhtClient connect(final DhtNode node)
    {
        return DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port())));
    }

    static Map<Long, byte[]> getAll(final DhtClient client, final String channel)
    {
        final Map<Long, byte[]> records = new HashMap<>();
        client.getAll(channel, (key, value) ->
        {
            if (null != records.put(key, value))
            {
                throw new AssertionError("key " + Long.toHexString(key) + " returned twice");
            }
        });
        return records;
    }
}
