package org.swarmjvm.dht.node.dump;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.dht.tcm.TcmFormatException;
import org.swarmjvm.protocol.dht.tcm.TcmReader;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loader's threads (each storing its share of a channel's records) against what one reader of the file
 * decides: every record in its place, the out-of-range policy and a damaged file seen as in one pass.
 */
class DumpLoaderTest
{
    /** Enough records for every share of the load to hold thousands. */
    private static final int RECORDS = 20_000;
    private static final int VALUE_LENGTH = 100;
    /** Holds the even keys: the range is over bit-reversed keys, whose top bit is the key's lowest. */
    private static final HashRange EVEN_KEYS = new HashRange(0, Long.MAX_VALUE);

    @TempDir
    Path dataDir;

    @Test
    void shouldStoreEveryRecordOfTheDumpWithItsValue() throws IOException
    {
        writeDump("all", RECORDS, 0);
        try (DhtStorage storage = storage(HashRange.FULL))
        {
            assertEquals(RECORDS, loader(storage, DumpLoader.OutOfRange.LOAD, 0).loadAll());
            final DhtChannel channel = storage.getOrCreateChannel("all");
            assertEquals(RECORDS, channel.records());
            final UnsafeBuffer array = new UnsafeBuffer(ByteBuffer.allocateDirect(8 + VALUE_LENGTH));
            for (long key = 0; key < RECORDS; key++)
            {
                assertEquals(8 + VALUE_LENGTH, channel.writeValueArray(key, array, 0), "record " + key);
                assertEquals(key, array.getLong(8), "value of record " + key);
            }
        }
    }

    @Test
    void shouldSkipTheRecordsOutsideTheRangeWhenTheyAreIgnored() throws IOException
    {
        writeDump("half", RECORDS, 0);
        try (DhtStorage storage = storage(EVEN_KEYS))
        {
            assertEquals(RECORDS / 2, loader(storage, DumpLoader.OutOfRange.IGNORE, 0).loadAll());
            final DhtChannel channel = storage.getOrCreateChannel("half");
            for (long key = 0; key < RECORDS; key++)
            {
                assertEquals(0 == key % 2, channel.exists(key), "record " + key);
            }
        }
    }

    @Test
    void shouldRefuseTheStartAtTheFirstRecordOutsideTheRangeWhenThatIsFatal() throws IOException
    {
        // Keys 0, 2, 4, ... then one odd key near the end: every thread is busy when the first one finds it.
        writeDump("late", RECORDS, RECORDS - 2);
        try (DhtStorage storage = storage(EVEN_KEYS))
        {
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> loader(storage, DumpLoader.OutOfRange.FATAL, 0).loadAll());
            assertTrue(refused.getMessage().contains("allow_out_of_range is fatal"), refused.getMessage());
        }
    }

    @Test
    void shouldRefuseTheStartWhenEveryRecordIsOutsideTheRange() throws IOException
    {
        writeDump("none", RECORDS, 0);
        // Holds key 1 << 63 alone.
        try (DhtStorage storage = storage(new HashRange(1, 1)))
        {
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> loader(storage, DumpLoader.OutOfRange.LOAD, 1000).loadAll());
            assertTrue(refused.getMessage().startsWith("all 1001 records read so far"), refused.getMessage());
        }
    }

    @Test
    void shouldKeepEveryRecordBeforeTheDamageAndMoveTheFileAside() throws IOException
    {
        writeDump("cut", RECORDS, 0);
        final Path file = dataDir.resolve("cut.tcm");
        final byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length * 2 / 3 + 5));
        final long beforeTheDamage = recordsBeforeTheDamage(file);
        try (DhtStorage storage = storage(HashRange.FULL); LogCapture log = new LogCapture())
        {
            assertEquals(beforeTheDamage, loader(storage, DumpLoader.OutOfRange.LOAD, 0).loadAll());
            final DhtChannel channel = storage.getOrCreateChannel("cut");
            for (long key = 0; key < RECORDS; key++)
            {
                assertEquals(key < beforeTheDamage, channel.exists(key), "record " + key);
            }
            assertEquals(1, log.count(java.util.logging.Level.SEVERE, "records before the damage and moved the file"),
                log.toString());
        }
        assertFalse(Files.exists(file));
        assertTrue(Files.exists(dataDir.resolve("cut.tcm" + DumpLoader.BAD_SUFFIX)));
    }

    /**
     * Writes keys 0 to {@code records - 1}, or, when {@code withOddKeysFrom} is not 0, the even keys below it,
     * one odd key, and the even keys after; each value starts with its key.
     */
    private void writeDump(final String channel, final int records, final int withOddKeysFrom) throws IOException
    {
        final UnsafeBuffer value = new UnsafeBuffer(new byte[VALUE_LENGTH]);
        try (TcmWriter writer = TcmWriter.create(dataDir, channel))
        {
            for (long i = 0; i < records; i++)
            {
                final long key = 0 == withOddKeysFrom ? i : i == withOddKeysFrom ? 2 * i + 1 : 2 * i;
                value.putLong(0, key);
                writer.append(key, value, 0, VALUE_LENGTH);
            }
            writer.commit(0);
        }
    }

    private static long recordsBeforeTheDamage(final Path file) throws IOException
    {
        long records = 0;
        try (TcmReader reader = TcmReader.open(file))
        {
            while (reader.next())
            {
                records++;
            }
        }
        catch (final TcmFormatException expected)
        {
            return records;
        }
        throw new AssertionError(file + " is whole");
    }

    private static DhtStorage storage(final HashRange range)
    {
        return new DhtStorage(range, Long.MAX_VALUE, 2L * RECORDS, VALUE_LENGTH);
    }

    private DumpLoader loader(final DhtStorage storage, final DumpLoader.OutOfRange outOfRange, final long abortAfter)
    {
        return new DumpLoader(new DumpDirectory(dataDir), storage, 1024, outOfRange, abortAfter);
    }
}
