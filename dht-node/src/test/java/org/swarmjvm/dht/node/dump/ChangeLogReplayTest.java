package org.swarmjvm.dht.node.dump;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor;
import org.swarmjvm.protocol.dht.tcm.ChangeLogWriter;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loader replays dht-dump's change logs after the dumps: puts, removals and clears in sequence order, and
 * stops a channel's replay at the first damaged entry.
 */
class ChangeLogReplayTest
{
    private static final int VALUE_LENGTH = 16;

    @TempDir
    Path dataDir;

    @Test
    void shouldApplyTheLogsOfEachChannelInSequenceOrderAfterItsDump() throws IOException
    {
        final DumpDirectory directory = new DumpDirectory(dataDir);
        try (TcmWriter dump = TcmWriter.create(dataDir, "ch"))
        {
            for (long key = 0; key < 10; key++)
            {
                dump.append(key, value(key, 0), 0, VALUE_LENGTH);
            }
            dump.commit(0);
        }
        try (ChangeLogWriter log = ChangeLogWriter.create(directory.changeLog("ch", 2)))
        {
            log.put(3, value(3, 1), 0, VALUE_LENGTH);
            log.remove(4);
            log.put(20, value(20, 1), 0, VALUE_LENGTH);
        }
        try (ChangeLogWriter log = ChangeLogWriter.create(directory.changeLog("ch", 10)))
        {
            log.put(3, value(3, 2), 0, VALUE_LENGTH);
            log.remove(20);
            log.put(4, value(4, 2), 0, VALUE_LENGTH);
            log.remove(5);
        }
        try (ChangeLogWriter log = ChangeLogWriter.create(directory.changeLog("fresh", 0)))
        {
            log.put(1, value(1, 0), 0, VALUE_LENGTH);
            log.clear();
            log.put(2, value(2, 0), 0, VALUE_LENGTH);
        }
        try (ChangeLogWriter log = ChangeLogWriter.create(directory.changeLog("gone", 0)))
        {
            log.put(1, value(1, 0), 0, VALUE_LENGTH);
            log.clear();
        }

        try (DhtStorage storage = storage(); LogCapture ignored = new LogCapture())
        {
            loader(storage).loadAll();
            assertEquals(List.of("ch", "fresh"), storage.channels().stream().map(DhtChannel::name).sorted()
                .collect(Collectors.toList()));
            final DhtChannel channel = storage.getOrCreateChannel("ch");
            assertEquals(9, channel.records());
            for (long key = 0; key < 10; key++)
            {
                assertEquals(5 != key, channel.exists(key), "record " + key);
            }
            assertEquals(2, version(channel, 3));
            assertEquals(2, version(channel, 4));
            assertEquals(0, version(channel, 6));
            assertFalse(channel.exists(20));
            final DhtChannel fresh = storage.getOrCreateChannel("fresh");
            assertEquals(1, fresh.records());
            assertTrue(fresh.exists(2));
        }
    }

    @Test
    void shouldStopTheReplayAtADamagedEntryKeepingEveryEntryBeforeIt() throws IOException
    {
        final DumpDirectory directory = new DumpDirectory(dataDir);
        final long damaged;
        try (ChangeLogWriter log = ChangeLogWriter.create(directory.changeLog("ch", 0)))
        {
            log.put(1, value(1, 0), 0, VALUE_LENGTH);
            log.put(2, value(2, 0), 0, VALUE_LENGTH);
            damaged = log.length();
            log.put(3, value(3, 0), 0, VALUE_LENGTH);
            log.put(4, value(4, 0), 0, VALUE_LENGTH);
        }
        try (ChangeLogWriter log = ChangeLogWriter.create(directory.changeLog("ch", 1)))
        {
            log.remove(1);
            log.put(5, value(5, 0), 0, VALUE_LENGTH);
        }
        try (FileChannel file = FileChannel.open(directory.changeLog("ch", 0), StandardOpenOption.WRITE))
        {
            file.write(ByteBuffer.wrap(new byte[] {(byte)0xff}), damaged + ChangeLogDescriptor.KEY_OFFSET);
        }

        try (DhtStorage storage = storage(); LogCapture log = new LogCapture())
        {
            assertEquals(2, loader(storage).loadAll());
            final DhtChannel channel = storage.getOrCreateChannel("ch");
            assertTrue(channel.exists(1));
            assertTrue(channel.exists(2));
            assertFalse(channel.exists(3));
            assertFalse(channel.exists(5), "the newer log is not replayed over the gap");
            assertEquals(1, log.count(java.util.logging.Level.WARNING, "entry at byte offset " + damaged +
                " has a wrong checksum"), log.toString());
        }
    }

    @Test
    void shouldDeleteTheLogsOfAChannelOnceTheNodesOwnDumpOfItIsInPlace() throws IOException
    {
        final DumpDirectory directory = new DumpDirectory(dataDir);
        try (ChangeLogWriter log = ChangeLogWriter.create(directory.changeLog("ch", 0)))
        {
            log.put(1, value(1, 0), 0, VALUE_LENGTH);
        }
        try (DhtStorage storage = storage(); LogCapture ignored = new LogCapture())
        {
            loader(storage).loadAll();
            storage.getOrCreateChannel("ch").remove(1);
            storage.getOrCreateChannel("ch").put(2, value(2, 0), 0, VALUE_LENGTH);
            assertEquals(List.of(), new ChannelDumper(directory).dumpAll(storage.channels()));
        }
        assertEquals(List.of(), directory.changeLogs("ch"), "replayed after the newer dump they would put 1 back");
        try (DhtStorage storage = storage(); LogCapture ignored = new LogCapture())
        {
            loader(storage).loadAll();
            assertFalse(storage.getOrCreateChannel("ch").exists(1));
            assertTrue(storage.getOrCreateChannel("ch").exists(2));
        }
    }

    private static UnsafeBuffer value(final long key, final long version)
    {
        final UnsafeBuffer value = new UnsafeBuffer(new byte[VALUE_LENGTH]);
        value.putLong(0, key);
        value.putLong(Long.BYTES, version);
        return value;
    }

    private static long version(final DhtChannel channel, final long key)
    {
        final UnsafeBuffer array = new UnsafeBuffer(ByteBuffer.allocateDirect(8 + VALUE_LENGTH));
        assertEquals(8 + VALUE_LENGTH, channel.writeValueArray(key, array, 0), "record " + key);
        return array.getLong(8 + Long.BYTES);
    }

    private static DhtStorage storage()
    {
        return new DhtStorage(HashRange.FULL, Long.MAX_VALUE, 1000, VALUE_LENGTH);
    }

    private DumpLoader loader(final DhtStorage storage)
    {
        return new DumpLoader(new DumpDirectory(dataDir), storage, 1024, DumpLoader.OutOfRange.LOAD, 0);
    }
}
