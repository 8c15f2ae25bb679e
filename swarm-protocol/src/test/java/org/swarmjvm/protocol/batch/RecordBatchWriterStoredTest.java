package org.swarmjvm.protocol.batch;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer made by {@link RecordBatchWriter#storingIncompressible}: a batch of random values goes out as one
 * literal run that decompresses to the same records; a batch that compresses goes out exactly as the plain
 * writer writes it.
 */
class RecordBatchWriterStoredTest
{
    private static final int BATCH_SIZE = 64 * 1024;
    private static final int VALUE_LENGTH = 1024;

    @Test
    void aBatchOfRandomValuesIsOneLiteralRunOfTheSameRecords()
    {
        final RecordBatchWriter batch = RecordBatchWriter.storingIncompressible(BATCH_SIZE);
        final int records = fill(batch, false);
        final int uncompressedLength = batch.length();
        final UnsafeBuffer wire = new UnsafeBuffer(new byte[RecordBatchWriter.maxArrayLength(BATCH_SIZE)]);
        final int written = batch.writeArray(wire, 0);

        // ARRAY length, u64 uncompressed length, 0 and the run's length in zero bytes and a rest, the run, 17 0 0.
        final int lengthBytes = 2 + (uncompressedLength - 18 - 1) / 255;
        assertEquals(2 * Long.BYTES + lengthBytes + uncompressedLength + 3, written);
        assertEquals(0, wire.getByte(2 * Long.BYTES));
        assertEquals(0x11, wire.getByte(written - 3));
        assertRecords(wire, written, records, false);
    }

    @Test
    void aBatchThatCompressesIsWrittenAsThePlainWriterWritesIt()
    {
        final RecordBatchWriter storing = RecordBatchWriter.storingIncompressible(BATCH_SIZE);
        final RecordBatchWriter plain = new RecordBatchWriter(BATCH_SIZE);
        final int records = fill(storing, true);
        fill(plain, true);
        final UnsafeBuffer viaStoring = new UnsafeBuffer(new byte[RecordBatchWriter.maxArrayLength(BATCH_SIZE)]);
        final UnsafeBuffer viaPlain = new UnsafeBuffer(new byte[RecordBatchWriter.maxArrayLength(BATCH_SIZE)]);
        final int written = storing.writeArray(viaStoring, 0);
        assertEquals(plain.writeArray(viaPlain, 0), written);
        assertTrue(written < BATCH_SIZE / 2, "the batch compressed");
        final byte[] expected = new byte[written];
        final byte[] actual = new byte[written];
        viaPlain.getBytes(0, expected);
        viaStoring.getBytes(0, actual);
        assertArrayEquals(expected, actual);
        assertRecords(viaStoring, written, records, true);
    }

    private static int fill(final RecordBatchWriter batch, final boolean compressible)
    {
        final UnsafeBuffer value = new UnsafeBuffer(new byte[VALUE_LENGTH]);
        int records = 0;
        for (long key = 0; ; key++)
        {
            fillValue(value, key, compressible);
            if (!batch.appendRecord(key, value, 0, VALUE_LENGTH))
            {
                return records;
            }
            records++;
        }
    }

    private static void fillValue(final UnsafeBuffer value, final long key, final boolean compressible)
    {
        final SplittableRandom random = new SplittableRandom(key);
        for (int i = 0; i < VALUE_LENGTH; i++)
        {
            value.putByte(i, (byte)(compressible ? i % 7 : random.nextInt(256)));
        }
    }

    private static void assertRecords(
        final UnsafeBuffer wire, final int written, final int records, final boolean compressible)
    {
        final RecordBatchReader reader = new RecordBatchReader()
            .wrap(wire, Long.BYTES, (int)wire.getLong(0, LITTLE_ENDIAN));
        assertEquals(written - Long.BYTES, (int)wire.getLong(0, LITTLE_ENDIAN));
        final UnsafeBuffer expected = new UnsafeBuffer(new byte[VALUE_LENGTH]);
        final byte[] expectedValue = new byte[VALUE_LENGTH];
        final byte[] actualValue = new byte[VALUE_LENGTH];
        for (long key = 0; key < records; key++)
        {
            assertTrue(reader.nextRecord(), "record " + key);
            fillValue(expected, key, compressible);
            expected.getBytes(0, expectedValue);
            assertEquals(VALUE_LENGTH, reader.valueLength());
            reader.buffer().getBytes(reader.valueOffset(), actualValue);
            assertArrayEquals(expectedValue, actualValue, "record " + key);
        }
        assertFalse(reader.nextRecord());
    }
}
