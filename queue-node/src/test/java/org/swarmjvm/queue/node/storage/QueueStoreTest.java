package org.swarmjvm.queue.node.storage;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.LogCapture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueStoreTest
{
    private static final ChannelSizes SIZES = new ChannelSizes(100_000, Map.of("small", 200L));

    @TempDir
    Path data;

    @Test
    void shouldRecoverRingAndDiskRecordsInOrderWhenTheStoreWasNeverClosed()
    {
        final QueueStore crashed = new QueueStore(data, SIZES, true).open();
        for (int i = 0; i < 30; i++)
        {
            push(crashed, "small_q", "record-" + i + "-" + "x".repeat(20));
        }
        push(crashed, "plain", "p1");
        final Channel consumed = crashed.getOrCreate("subs");
        push(crashed, "subs", "s1");
        consumed.subscribe("");
        push(crashed, "subs", "s2");
        assertEquals("record-0-" + "x".repeat(20), popString(crashed.channel("small_q").plainStorage()));
        // no close(): the process died here

        try (QueueStore recovered = new QueueStore(data, SIZES, true).open())
        {
            final QueueStorage small = recovered.channel("small_q").plainStorage();
            assertTrue(small.overflow().records() > 0, "some records were on disk");
            for (int i = 1; i < 30; i++)
            {
                assertEquals("record-" + i + "-" + "x".repeat(20), popString(small));
            }
            assertNull(popString(small));
            assertEquals("p1", popString(recovered.channel("plain").plainStorage()));
            final Channel subs = recovered.channel("subs");
            assertTrue(subs.hasSubscribers(), "the subscription survived");
            final QueueStorage defaultSubscriber = subs.storage("");
            assertEquals("@subs", defaultSubscriber.name());
            assertEquals("s1", popString(defaultSubscriber));
            assertEquals("s2", popString(defaultSubscriber));
        }
        assertEquals(0, ringFiles(), "a clean shutdown leaves no ring file");
    }

    @Test
    void shouldServeTheDiskRecordsOfASubscriberWhoseRingFileHeaderIsZeroed() throws IOException
    {
        final QueueStore crashed = new QueueStore(data, SIZES, true).open();
        final Channel channel = crashed.getOrCreate("small_subs");
        for (int i = 0; i < 20; i++)
        {
            push(crashed, "small_subs", "record-" + i + "-" + "x".repeat(20));
        }
        push(crashed, "small_other", "o" + "x".repeat(300));
        // the plain storage becomes the default subscriber's after its records went to disk
        final QueueStorage storage = channel.subscribe("");
        final long onDisk = storage.overflow().records();
        final int inRing = storage.ring().items();
        assertTrue(onDisk > 2 && inRing > 0, "records in the ring and on disk");
        for (int i = 0; i < inRing + 2; i++)
        {
            assertEquals("record-" + i + "-" + "x".repeat(20), popString(storage));
        }
        final Path ringFile = storage.file().path();
        // no close(): the process died here, then the ring file's header was zeroed
        try (FileChannel file = FileChannel.open(ringFile, StandardOpenOption.WRITE))
        {
            file.write(ByteBuffer.allocate(StorageFileDescriptor.dataOffset("small_subs".length())), 0);
        }

        try (LogCapture log = new LogCapture();
            QueueStore recovered = new QueueStore(data, SIZES, true).open())
        {
            final QueueStorage subscriber = recovered.channel("small_subs").storage("");
            assertEquals("@small_subs", subscriber.name());
            for (int i = inRing + 2; i < 20; i++)
            {
                assertEquals("record-" + i + "-" + "x".repeat(20), popString(subscriber));
            }
            assertNull(popString(subscriber));
            assertEquals("o" + "x".repeat(300), popString(recovered.channel("small_other").plainStorage()));
            assertEquals(1, log.count(Level.SEVERE, ringFile.getFileName().toString()), log.toString());
            assertEquals(1, log.count(Level.SEVERE, "its " + (onDisk - 2) + " records in the disk overflow ("),
                log.toString());
            assertEquals(1, log.count(Level.SEVERE, "are served again as '@small_subs'"), log.toString());
        }
        assertFalse(Files.exists(data.resolve(OverflowChainsFile.FILE)), "a clean shutdown deletes the copy");
    }

    @Test
    void shouldNotBringBackTheDiskRecordsOfARemovedChannel()
    {
        final QueueStore crashed = new QueueStore(data, SIZES, true).open();
        push(crashed, "small_gone", "g" + "x".repeat(300));
        push(crashed, "small_kept", "k" + "x".repeat(300));
        assertTrue(Files.exists(data.resolve(OverflowChainsFile.FILE)));
        assertTrue(crashed.remove("small_gone"));
        // no close(): the process died here; the removed channel's ring file is gone, as it should be

        try (QueueStore recovered = new QueueStore(data, SIZES, true).open())
        {
            assertNull(recovered.channel("small_gone"), "a removed channel stays removed");
            assertEquals("k" + "x".repeat(300), popString(recovered.channel("small_kept").plainStorage()));
        }
    }

    @Test
    void shouldKeepNoCopyOfTheChainsWithoutRingFiles()
    {
        try (QueueStore memoryOnly = new QueueStore(data, SIZES, false).open())
        {
            push(memoryOnly, "small_mem", "m" + "x".repeat(300));
            assertFalse(Files.exists(data.resolve(OverflowChainsFile.FILE)));
        }
    }

    @Test
    void shouldCopyRecoveredRingWhenTheConfiguredSizeChanged()
    {
        final QueueStore crashed = new QueueStore(data, new ChannelSizes(1000, Map.of()), true).open();
        push(crashed, "resized", "a");
        push(crashed, "resized", "b");
        try (QueueStore recovered = new QueueStore(data, new ChannelSizes(500, Map.of()), true).open())
        {
            final QueueStorage storage = recovered.channel("resized").plainStorage();
            assertEquals(500, storage.ring().capacity());
            assertEquals("a", popString(storage));
            assertEquals("b", popString(storage));
        }
    }

    @Test
    void shouldRefuseToStartWhenADumpExceedsTheRingSize() throws IOException
    {
        try (QueueStore store = new QueueStore(data, SIZES, false).open())
        {
            push(store, "big", "y".repeat(150));
        }
        assertTrue(Files.exists(data.resolve("big.rq")));
        final QueueStorageException ex = assertThrows(QueueStorageException.class,
            () -> new QueueStore(data, new ChannelSizes(100, Map.of()), false).open());
        assertTrue(ex.getMessage().contains("exceed"), ex.getMessage());
    }

    @Test
    void shouldRefuseToStartWhenAChannelHasBothAPlainAndASubscriberDump() throws IOException
    {
        final byte[] dump = Files.readAllBytes(StoreFixtures.root().resolve("queue/loadfiles/ch2.rq"));
        Files.write(data.resolve("ch.rq"), dump);
        Files.write(data.resolve("s@ch.rq"), dump);
        assertThrows(QueueStorageException.class, () -> new QueueStore(data, SIZES, false).open());
    }

    @Test
    void shouldIgnoreDumpWhenItsNameIsInvalid() throws IOException
    {
        final byte[] dump = Files.readAllBytes(StoreFixtures.root().resolve("queue/loadfiles/ch2.rq"));
        Files.write(data.resolve("bad.name.rq"), dump);
        Files.write(data.resolve("good.rq"), dump);
        try (QueueStore store = new QueueStore(data, SIZES, false).open())
        {
            assertNull(store.channel("bad.name"));
            assertEquals("Hello ch2!", popString(store.channel("good").plainStorage()));
        }
        assertTrue(Files.exists(data.resolve("bad.name.rq")), "an ignored dump is left alone");
    }

    @Test
    void shouldRefuseToStartWhenTheOverflowIndexIsInconsistent() throws IOException
    {
        StoreFixtures.copyDirectory(StoreFixtures.root().resolve("queue/loadfiles"), data);
        Files.writeString(data.resolve(DiskOverflow.INDEX_FILE), "ch2 0 10 134 134\n");
        assertThrows(QueueStorageException.class, () -> new QueueStore(data, SIZES, false).open());
        Files.writeString(data.resolve(DiskOverflow.INDEX_FILE), "ch2 1 10 135 135\n");
        assertThrows(QueueStorageException.class, () -> new QueueStore(data, SIZES, false).open(),
            "a header offset off by one fails the parity check");
        Files.writeString(data.resolve(DiskOverflow.INDEX_FILE), "");
        Files.write(data.resolve(DiskOverflow.DATA_FILE), "QDSKOF02".getBytes(StandardCharsets.US_ASCII));
        assertThrows(QueueStorageException.class, () -> new QueueStore(data, SIZES, false).open());
    }

    @Test
    void shouldDeleteFilesAndEndConsumersWhenRemovingAChannel()
    {
        try (QueueStore store = new QueueStore(data, SIZES, true).open())
        {
            for (int i = 0; i < 10; i++)
            {
                push(store, "small_r", "z".repeat(50));
            }
            assertTrue(store.diskOverflow().fileSize() > 0);
            final QueueStorage storage = store.channel("small_r").subscribe("");
            final List<String> events = new ArrayList<>();
            storage.addConsumer(new StorageConsumer()
            {
                public boolean onRecordPushed()
                {
                    events.add("pushed");
                    return true;
                }

                public void onStorageRemoved()
                {
                    events.add("removed");
                }
            });
            push(store, "small_r", "woken");
            assertTrue(store.remove("small_r"));
            assertFalse(store.remove("small_r"));
            assertEquals(List.of("pushed", "removed"), events);
            assertEquals(0, store.diskOverflow().fileSize(), "no record on disk: the file is truncated");
            assertEquals(0, ringFiles());
        }
    }

    @Test
    void shouldWakeTheNextConsumerInTurnThatTakesRecordsNow()
    {
        try (QueueStore store = new QueueStore(data, SIZES, true).open())
        {
            final QueueStorage storage = store.getOrCreate("turns").subscribe("");
            final List<String> woken = new ArrayList<>();
            final boolean[] busy = new boolean[3];
            for (int i = 0; i < busy.length; i++)
            {
                final String name = "c" + i;
                final int index = i;
                storage.addConsumer(new StorageConsumer()
                {
                    public boolean onRecordPushed()
                    {
                        woken.add(name);
                        return !busy[index];
                    }

                    public void onStorageRemoved()
                    {
                    }
                });
            }
            push(store, "turns", "r0");
            push(store, "turns", "r1");
            busy[2] = true;
            busy[0] = true;
            push(store, "turns", "r2");
            assertEquals(List.of("c0", "c1", "c2", "c0", "c1"), woken, "c2 and c0 are busy: c1 takes r2");
            busy[1] = true;
            woken.clear();
            push(store, "turns", "r3");
            assertEquals(List.of("c2", "c0", "c1"), woken, "every consumer busy: each asked once, none forever");
        }
    }

    @Test
    void shouldGiveFirstSubscriberTheRecordsAndLaterOnesAnEmptyStorage()
    {
        try (QueueStore store = new QueueStore(data, SIZES, true).open())
        {
            final Channel channel = store.getOrCreate("ch");
            push(store, "ch", "before");
            final QueueStorage first = channel.subscribe("sub1");
            final QueueStorage second = channel.subscribe("sub2");
            assertSame(first, channel.subscribe("sub1"));
            assertNull(channel.plainStorage());
            push(store, "ch", "after");
            assertEquals("before", popString(first));
            assertEquals("after", popString(first));
            assertEquals("after", popString(second));
            assertNull(popString(second));
        }
        assertFalse(Files.exists(data.resolve("sub1@ch.rq")), "empty storages are not persisted");
    }

    @Test
    void shouldKeepRingFileAndThrowWhenTheDumpNameWouldBeTooLong()
    {
        final String longName = "L".repeat(300);
        final QueueStore writer = new QueueStore(data, SIZES, true).open();
        push(writer, longName, "kept");
        push(writer, "short", "written");
        final QueueStorageException failure = assertThrows(QueueStorageException.class, writer::close);
        assertTrue(failure.getMessage().contains("1 storages") && failure.getMessage().contains(longName),
            failure.getMessage());
        assertTrue(Files.exists(data.resolve("short.rq")), "the other storages are written");
        assertEquals(1, ringFiles());
        try (QueueStore store = new QueueStore(data, SIZES, true).open())
        {
            final Channel channel = store.channel(longName);
            assertNotNull(channel);
            assertEquals("kept", popString(channel.plainStorage()));
        }
    }

    @Test
    void shouldDropARingDamagedInMemoryInsteadOfFailingPopsAndTheShutdown()
    {
        try (LogCapture log = new LogCapture())
        {
            try (QueueStore store = new QueueStore(data, SIZES, true).open())
            {
                push(store, "hit", "r0");
                push(store, "hit", "r1");
                push(store, "hit", "r2");
                final QueueStorage storage = store.channel("hit").plainStorage();
                assertEquals("r0", popString(storage));
                storage.file().data().putLong(storage.ring().readFrom(), -5, java.nio.ByteOrder.LITTLE_ENDIAN);
                assertNull(popString(storage), "r1's length is damaged: r1 and r2 are dropped, not misread");
                assertEquals(1, log.count(java.util.logging.Level.SEVERE, "'hit' damaged in memory"), log::toString);
                push(store, "hit", "r3");
                push(store, "hit", "r4");
                assertEquals("r3", popString(storage));
            }
            try (QueueStore store = new QueueStore(data, SIZES, true).open())
            {
                assertEquals("r4", popString(store.channel("hit").plainStorage()), "and the shutdown wrote r4");
            }
        }
    }

    private long ringFiles()
    {
        try (Stream<Path> files = Files.list(data.resolve(QueueStore.RING_DIRECTORY)))
        {
            return files.count();
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static void push(final QueueStore store, final String channel, final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        store.getOrCreate(channel).push(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static String popString(final QueueStorage storage)
    {
        final org.agrona.ExpandableArrayBuffer out = new org.agrona.ExpandableArrayBuffer();
        final int length = storage.pop(out, 0);
        return length < 0 ? null : out.getStringWithoutLengthAscii(0, length);
    }
}
