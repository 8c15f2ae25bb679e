package org.swarmjvm.queue.node.storage;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swarmjvm.protocol.fixtures.MiniJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueStoreFixtureTest
{
    /** The configuration the fixtures of files/queue were written with. */
    private static final ChannelSizes FILES_SIZES = new ChannelSizes(10_000_000, Map.of("ovf", 1000L));

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    @SuppressWarnings("unchecked")
    void shouldPopEveryStorageInManifestOrderWhenLoadingTheOriginalsFiles(final boolean crashSafe) throws IOException
    {
        final Path fixtures = StoreFixtures.root().resolve("files/queue");
        StoreFixtures.copyDirectory(fixtures, data);
        final Map<String, Object> manifest =
            (Map<String, Object>)MiniJson.parse(Files.readString(fixtures.resolve("manifest.json")));
        final Map<String, Object> storages = (Map<String, Object>)manifest.get("storages");
        try (QueueStore store = new QueueStore(data, FILES_SIZES, crashSafe).open())
        {
            assertFalse(Files.exists(data.resolve("plain.rq")), "loaded dumps are deleted");
            for (final Map.Entry<String, Object> entry : storages.entrySet())
            {
                final Map<String, Object> storage = (Map<String, Object>)entry.getValue();
                final Channel channel = store.channel((String)storage.get("channel"));
                assertNotNull(channel, entry.getKey());
                final String subscriber = (String)storage.get("subscriber");
                final QueueStorage queue = null == subscriber ? channel.plainStorage() : channel.storage(subscriber);
                assertNotNull(queue, entry.getKey());
                assertEquals(entry.getKey(), queue.name());
                final Object overflowId = storage.get("overflow_id");
                if (null != overflowId)
                {
                    assertEquals(((Long)overflowId).intValue(), queue.overflow().id(), entry.getKey());
                }
                assertRecords(decode((List<Object>)storage.get("pop_order")), StoreFixtures.drain(queue),
                    entry.getKey());
            }
            assertEquals(0, store.diskOverflow().totalRecords());
            assertEquals(0, Files.size(data.resolve(DiskOverflow.DATA_FILE)), "an empty overflow is truncated");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldHoldTheLoadfilesStateWhenLoadingTheUpstreamTestData(final boolean crashSafe)
    {
        StoreFixtures.copyDirectory(StoreFixtures.root().resolve("queue/loadfiles"), data);
        try (QueueStore store = new QueueStore(data, new ChannelSizes(100_000, Map.of()), crashSafe).open())
        {
            assertEquals(5, store.channels().size());
            expect(store, "ch1", "", 2);
            expect(store, "ch1", "sub1", 2);
            expect(store, "ch1", "sub2", 2);
            expect(store, "ch2", null, 2);
            expect(store, "ch3", "", 1);
            expect(store, "ch3", "sub1", 1);
            expect(store, "ch4", null, 1);
            expect(store, "ch5", "", 1);
            assertEquals(3, store.channel("ch1").storages().size());
            assertEquals(2, store.channel("ch3").storages().size());
            assertTrue(store.channel("ch1").hasSubscribers());
            assertFalse(store.channel("ch2").hasSubscribers());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldWriteTheOriginalsBytesWhenShuttingDownWithoutChanges(final boolean crashSafe) throws IOException
    {
        final Path fixtures = StoreFixtures.root().resolve("files/queue");
        StoreFixtures.copyDirectory(fixtures, data);
        new QueueStore(data, FILES_SIZES, crashSafe).open().close();
        for (final String dump : List.of("plain.rq", "sub1@subs.rq", "sub2@subs.rq", "@dflt.rq", "ovf_fifo.rq",
            "ovf_mixed.rq", "@ovf_dflt.rq"))
        {
            assertArrayEquals(Files.readAllBytes(fixtures.resolve(dump)), Files.readAllBytes(data.resolve(dump)),
                dump);
        }
        assertArrayEquals(Files.readAllBytes(fixtures.resolve("overflow.dat")),
            Files.readAllBytes(data.resolve("overflow.dat")));
        assertEquals(lines(fixtures.resolve("ofchannels.csv")), lines(data.resolve("ofchannels.csv")));
        if (crashSafe)
        {
            try (var rings = Files.list(data.resolve(QueueStore.RING_DIRECTORY)))
            {
                assertEquals(0, rings.count(), "a clean shutdown leaves no ring file");
            }
        }
        try (QueueStore reopened = new QueueStore(data, FILES_SIZES, crashSafe).open())
        {
            assertEquals(40, reopened.channel("ovf_fifo").plainStorage().records());
            assertEquals(20, reopened.channel("ovf_dflt").storage("").records());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldDeleteBothOverflowFilesWhenShuttingDownWithNothingOnDisk(final boolean crashSafe)
    {
        StoreFixtures.copyDirectory(StoreFixtures.root().resolve("queue/loadfiles"), data);
        try (QueueStore store = new QueueStore(data, new ChannelSizes(100_000, Map.of()), crashSafe).open())
        {
            for (final Channel channel : store.channels())
            {
                channel.storages().forEach(StoreFixtures::drain);
            }
        }
        assertFalse(Files.exists(data.resolve(DiskOverflow.DATA_FILE)));
        assertFalse(Files.exists(data.resolve(DiskOverflow.INDEX_FILE)));
        assertFalse(Files.exists(data.resolve("ch2.rq")));
    }

    private static void expect(final QueueStore store, final String channel, final String subscriber, final int count)
    {
        final Channel ch = store.channel(channel);
        final QueueStorage storage = null == subscriber ? ch.plainStorage() : ch.storage(subscriber);
        assertNotNull(storage, channel + "/" + subscriber);
        final List<byte[]> records = StoreFixtures.drain(storage);
        assertEquals(count, records.size(), storage.name());
        for (final byte[] record : records)
        {
            assertEquals("Hello " + channel + "!", new String(record, StandardCharsets.US_ASCII), storage.name());
        }
        assertNull(null == subscriber ? null : ch.plainStorage());
    }

    private static List<byte[]> decode(final List<Object> base64)
    {
        final List<byte[]> records = new ArrayList<>();
        for (final Object value : base64)
        {
            records.add(Base64.getDecoder().decode((String)value));
        }
        return records;
    }

    private static void assertRecords(final List<byte[]> expected, final List<byte[]> actual, final String what)
    {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++)
        {
            assertTrue(Arrays.equals(expected.get(i), actual.get(i)), what + " record " + i);
        }
    }

    private static Set<String> lines(final Path file) throws IOException
    {
        return new HashSet<>(Files.readAllLines(file));
    }
}
