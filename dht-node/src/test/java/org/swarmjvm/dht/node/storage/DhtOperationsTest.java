package org.swarmjvm.dht.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.storage.DhtOperations.Outcome;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.work.BlockingWorker;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DHT's storage rules, each outcome of each operation, over a real storage (and a dump folder in a temporary
 * directory for RemoveChannel), without a socket: the checks' order is the original's, a refused write stores
 * nothing, and listeners hear of what was stored or removed.
 */
class DhtOperationsTest
{
    private static final HashRange LOWER_HALF = new HashRange(0, 0x7fffffffffffffffL);
    /** Keys are bit-reversed into the range: an even key lies in the lower half, an odd one does not. */
    private static final long IN_RANGE = 0x10L;
    private static final long NEXT_IN_RANGE = IN_RANGE + 2;
    private static final long OUT_OF_RANGE = 0x11L;
    private static final int CHANNEL_CAPACITY = 2;
    private static final long SIZE_LIMIT = 100;

    @TempDir
    Path dataDir;

    private final DhtStorage storage = new DhtStorage(LOWER_HALF, SIZE_LIMIT, CHANNEL_CAPACITY, 64);
    private final List<String> heard = new ArrayList<>();
    private BlockingWorker worker;

    @AfterEach
    void close()
    {
        if (null != worker)
        {
            worker.close();
        }
        storage.close();
    }

    @Test
    void putStoresTheRecordAndTellsTheListeners()
    {
        final DhtOperations operations = new DhtOperations(storage, null);
        listen(storage.getOrCreateChannel("ch"));
        assertEquals(Outcome.OK, put(operations, "ch", IN_RANGE, "value", false));
        assertEquals("value", value(storage.getOrCreateChannel("ch"), IN_RANGE));
        assertEquals(List.of("put 10"), heard);
    }

    @Test
    void putCreatesAMissingChannel()
    {
        assertEquals(Outcome.OK, put(new DhtOperations(storage, null), "new", IN_RANGE, "value", false));
        assertEquals(1, storage.getOrCreateChannel("new").records());
    }

    @Test
    void putRefusesAKeyOutsideTheRangeBeforeAnyOtherCheck()
    {
        final DhtOperations operations = new DhtOperations(storage, null);
        assertEquals(Outcome.WRONG_NODE, put(operations, "ch", OUT_OF_RANGE, "", true));
        assertNoChannel("ch");
    }

    @Test
    void putRefusesAValueOverTheRecordLimitBeforeAnEmptyOne()
    {
        final DhtOperations operations = new DhtOperations(storage, null);
        assertEquals(Outcome.VALUE_TOO_BIG, put(operations, "ch", IN_RANGE, "", true));
        assertEquals(Outcome.VALUE_TOO_BIG, put(operations, "ch", IN_RANGE, "value", true));
        assertNoChannel("ch");
    }

    @Test
    void putRefusesAnEmptyValueWithoutCreatingTheChannel()
    {
        assertEquals(Outcome.EMPTY_VALUE, put(new DhtOperations(storage, null), "ch", IN_RANGE, "", false));
        assertNoChannel("ch");
    }

    @Test
    void putRefusesAValueOverTheNodesSizeLimit()
    {
        final DhtOperations operations = new DhtOperations(storage, null);
        assertEquals(Outcome.OK, put(operations, "ch", IN_RANGE, "x".repeat(60), false));
        assertEquals(Outcome.OUT_OF_MEMORY, put(operations, "ch", NEXT_IN_RANGE, "y".repeat(60), false));
        assertFalse(storage.getOrCreateChannel("ch").exists(NEXT_IN_RANGE));
    }

    @Test
    void putRefusesARecordOverTheChannelsCapacityWithoutTellingTheListeners()
    {
        final DhtOperations operations = new DhtOperations(storage, null);
        listen(storage.getOrCreateChannel("ch"));
        for (int i = 0; i < CHANNEL_CAPACITY; i++)
        {
            assertEquals(Outcome.OK, put(operations, "ch", IN_RANGE + 2L * i, "v", false));
        }
        assertEquals(Outcome.OUT_OF_MEMORY, put(operations, "ch", IN_RANGE + 2L * CHANNEL_CAPACITY, "v", false));
        assertEquals(List.of("put 10", "put 12"), heard);
    }

    @Test
    void aBatchRecordIsStoredWithoutTellingTheListeners()
    {
        final DhtOperations operations = new DhtOperations(storage, null);
        final DhtChannel channel = storage.getOrCreateChannel("ch");
        listen(channel);
        final DirectBuffer value = ascii("batched");
        assertEquals(Outcome.OK, operations.putBatchRecord(channel, IN_RANGE, value, 0, value.capacity()));
        assertEquals("batched", value(channel, IN_RANGE));
        assertEquals(List.of(), heard);
    }

    @Test
    void aBatchRecordIsRefusedOutsideTheRangeAndOverTheLimits()
    {
        final DhtOperations operations = new DhtOperations(storage, null);
        final DhtChannel channel = storage.getOrCreateChannel("ch");
        final DirectBuffer value = ascii("v".repeat(60));
        assertEquals(Outcome.WRONG_NODE, operations.putBatchRecord(channel, OUT_OF_RANGE, value, 0, 1));
        assertEquals(Outcome.OK, operations.putBatchRecord(channel, IN_RANGE, value, 0, 60));
        assertEquals(Outcome.OUT_OF_MEMORY, operations.putBatchRecord(channel, NEXT_IN_RANGE, value, 0, 60));
        assertEquals(Outcome.OK, operations.putBatchRecord(channel, NEXT_IN_RANGE, value, 0, 1));
        assertEquals(Outcome.OUT_OF_MEMORY, operations.putBatchRecord(channel, NEXT_IN_RANGE + 2, value, 0, 1));
        assertEquals(2, channel.records());
    }

    @Test
    void removeDeletesTheRecordAndTellsTheListeners()
    {
        final DhtOperations operations = new DhtOperations(storage, null);
        final DhtChannel channel = storage.getOrCreateChannel("ch");
        assertEquals(Outcome.OK, put(operations, "ch", IN_RANGE, "value", false));
        listen(channel);
        final DirectBuffer name = ascii("ch");
        assertEquals(Outcome.OK, operations.remove(name, 0, name.capacity(), IN_RANGE));
        assertFalse(channel.exists(IN_RANGE));
        assertEquals(List.of("remove 10"), heard);
    }

    @Test
    void removeAnswersNoRecordForAMissingRecordOrChannelAndWrongNodeOutsideTheRange()
    {
        final DhtOperations operations = new DhtOperations(storage, null);
        listen(storage.getOrCreateChannel("ch"));
        final DirectBuffer name = ascii("ch");
        final DirectBuffer missing = ascii("missing");
        assertEquals(Outcome.NO_RECORD, operations.remove(name, 0, name.capacity(), IN_RANGE));
        assertEquals(Outcome.NO_RECORD, operations.remove(missing, 0, missing.capacity(), IN_RANGE));
        assertEquals(Outcome.NO_RECORD, operations.remove(null, IN_RANGE));
        assertEquals(Outcome.WRONG_NODE, operations.remove(name, 0, name.capacity(), OUT_OF_RANGE));
        assertEquals(List.of(), heard);
        assertNoChannel("missing");
    }

    @Test
    void aReadFindsTheChannelHoldingTheRecordWithoutARangeCheck()
    {
        final DhtOperations operations = new DhtOperations(storage, null);
        final DhtChannel channel = storage.getOrCreateChannel("ch");
        final DirectBuffer value = ascii("v");
        assertTrue(channel.put(OUT_OF_RANGE, value, 0, 1), "a record a redistribution left");
        final DirectBuffer name = ascii("ch");
        final DirectBuffer missing = ascii("missing");
        assertSame(channel, operations.channelHolding(name, 0, name.capacity(), OUT_OF_RANGE));
        assertNull(operations.channelHolding(name, 0, name.capacity(), IN_RANGE));
        assertNull(operations.channelHolding(missing, 0, missing.capacity(), IN_RANGE));
        assertNoChannel("missing");
    }

    @Test
    void removeChannelMovesTheDumpFileOnTheWorkerThenCallsBack() throws IOException
    {
        final DumpDirectory dumps = new DumpDirectory(dataDir);
        final Path dump = Files.writeString(dumps.dumpFile("ch"), "a dump");
        final DhtOperations operations = new DhtOperations(storage, dumps);
        final DhtChannel channel = storage.getOrCreateChannel("ch");
        listen(channel);
        final AtomicBoolean moved = new AtomicBoolean();
        assertTrue(operations.removeChannel("ch", worker(), () -> moved.set(Files.notExists(dump))));
        Await.until("the dump file moved", moved::get);
        assertEquals("a dump", Files.readString(dumps.deletedFolder().resolve(dump.getFileName())));
        assertTrue(channel.isRemoved());
        assertEquals(List.of("removed"), heard);
        assertNoChannel("ch");
    }

    @Test
    void removeChannelAnswersAtOnceForAMissingChannelOrANodeWithoutDumps() throws IOException
    {
        final DumpDirectory dumps = new DumpDirectory(dataDir);
        final Path dump = Files.writeString(dumps.dumpFile("missing"), "a dump");
        final Runnable notCalled = () -> heard.add("called back");
        assertFalse(new DhtOperations(storage, dumps).removeChannel("missing", worker(), notCalled));
        storage.getOrCreateChannel("ch");
        assertFalse(new DhtOperations(storage, null).removeChannel("ch", worker(), notCalled));
        assertNoChannel("ch");
        assertTrue(Files.exists(dump), "a missing channel's file stays");
        assertEquals(List.of(), heard);
    }

    private BlockingWorker worker()
    {
        if (null == worker)
        {
            worker = new BlockingWorker("operations-test-worker", Throwable::printStackTrace);
        }
        return worker;
    }

    private static Outcome put(final DhtOperations operations, final String channel, final long key,
        final String value, final boolean valueTooBig)
    {
        final DirectBuffer name = ascii(channel);
        final DirectBuffer bytes = ascii(value);
        return operations.put(name, 0, name.capacity(), key, bytes, 0, bytes.capacity(), valueTooBig);
    }

    private void listen(final DhtChannel channel)
    {
        channel.addListener(new DhtChannel.ChannelListener()
        {
            @Override
            public void onPut(final long key)
            {
                heard.add("put " + Long.toHexString(key));
            }

            @Override
            public void onRemove(final long key)
            {
                heard.add("remove " + Long.toHexString(key));
            }

            @Override
            public void onChannelRemoved()
            {
                heard.add("removed");
            }
        });
    }

    private void assertNoChannel(final String name)
    {
        final DirectBuffer bytes = ascii(name);
        assertNull(storage.channel(bytes, 0, bytes.capacity()), name + " was created");
    }

    private static String value(final DhtChannel channel, final long key)
    {
        // Direct: the channel copies the value with a native copy.
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(256);
        final int length = channel.writeValueArray(key, out, 0) - Long.BYTES;
        return out.getStringWithoutLengthAscii(Long.BYTES, length);
    }

    private static DirectBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
