package org.swarmjvm.protocol.batch;

import java.util.SplittableRandom;
import java.util.zip.CRC32;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.batch.RecordBatchWriter.KeyFormat;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one batch writer writes, on the same records, the bytes each former per-protocol writer wrote (the legacy
 * {@code RecordBatchWriter}, the neo DHT {@code NeoRecordBatchWriter} and the neo logfiles
 * {@code LogfilesNeoBatchWriter}): the expected lengths and CRC-32s were taken from the former writers' output.
 */
class FormerBatchWritersTest
{
    private static final int BATCH_SIZE = 64 * 1024;
    private static final int LARGEST_VALUE = 3000;
    private static final int OVERSIZE_VALUE = 300_000;
    private static final long SEED = 16;

    @Test
    void legacyBatchesAreTheFormerWritersBytes()
    {
        for (final RecordBatchWriter batch : new RecordBatchWriter[] {
            new RecordBatchWriter(BATCH_SIZE), RecordBatchWriter.storingIncompressible(BATCH_SIZE)})
        {
            final SplittableRandom random = new SplittableRandom(SEED);
            final UnsafeBuffer value = new UnsafeBuffer(new byte[LARGEST_VALUE]);
            final ExpandableArrayBuffer wire = new ExpandableArrayBuffer(BATCH_SIZE);
            int length = 0;
            long key = 0;
            while (batch.appendRecord(key, value, 0, fill(value, random)))
            {
                key += 0x0123_4567_89ab_cdefL;
            }
            length += batch.writeArray(wire, length);
            int keyOffset = 0;
            while (batch.appendRecord(value, keyOffset, 1 + keyOffset % 40, value, 0, fill(value, random)))
            {
                keyOffset++;
            }
            length += batch.writeArray(wire, length);
            key = 0;
            while (batch.appendKey(key))
            {
                key += 0x1111_1111_1111L;
            }
            length += batch.writeArray(wire, length);
            length += batch.writeArray(wire, length);
            assertWritten(3_309_133_782L, 85_959, wire, length);
        }
    }

    @Test
    void neoGetAllBatchesAreTheFormerWritersBytes()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[LARGEST_VALUE]);
        final RecordBatchWriter batch = new RecordBatchWriter(KeyFormat.LONG_ARRAY, BATCH_SIZE);
        for (long key = 0; ; key++)
        {
            final int valueLength = fill(value, random);
            if (batch.recordEntryLength(valueLength) > batch.free())
            {
                break;
            }
            batch.appendRecord(key, value, 0, valueLength);
        }
        assertWrittenArray(3_422_404_447L, 33_073, batch);
        for (long key = 0; batch.keyEntryLength() <= batch.free(); key += 0x1234_5678_9abcL)
        {
            batch.appendKey(key);
        }
        assertWrittenArray(1_749_800_717L, 41_223, batch);
        assertWrittenArray(1_830_525_700L, 19, batch);
    }

    @Test
    void neoMirrorBatchesAreTheFormerWritersBytes()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[LARGEST_VALUE]);
        final RecordBatchWriter batch = RecordBatchWriter.belowThreshold(KeyFormat.BARE_LONG, BATCH_SIZE);
        for (long key = -1; batch.length() < BATCH_SIZE; key--)
        {
            batch.appendRecord(key, value, 0, fill(value, random));
        }
        assertWrittenArray(2_678_938_834L, 34_337, batch);
    }

    @Test
    void neoGetRangeBatchesAreTheFormerWritersBytes()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[OVERSIZE_VALUE]);
        final RecordBatchWriter batch =
            RecordBatchWriter.belowThreshold(KeyFormat.BARE_LONG, LogfilesNeoRequest.BATCH_THRESHOLD);
        final long[] crcs = {3_051_537_695L, 269_735_946L};
        final int[] lengths = {51_225, 52_094};
        for (int b = 0; b < crcs.length; b++)
        {
            long timestamp = -50;
            while (batch.appendRecord(timestamp, value, 0, fill(value, random)))
            {
                timestamp += 7;
            }
            assertWrittenLengthThenArray(crcs[b], lengths[b], batch);
        }
        // One record larger than the threshold makes a batch alone, and the buffers grow to hold it.
        random.nextBytes(value.byteArray());
        batch.appendRecord(1, value, 0, OVERSIZE_VALUE);
        assertWrittenLengthThenArray(3_002_081_321L, 301_207, batch);
    }

    /**
     * Half random bytes, half a repeated pattern, of a random length: literals and matches both.
     */
    private static int fill(final UnsafeBuffer value, final SplittableRandom random)
    {
        final int valueLength = 1 + random.nextInt(LARGEST_VALUE);
        for (int i = 0; i < valueLength; i++)
        {
            value.putByte(i, (byte)(i < valueLength / 2 ? random.nextInt(256) : i % 7));
        }
        return valueLength;
    }

    private static void assertWrittenArray(final long crc, final int length, final RecordBatchWriter batch)
    {
        final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(64);
        assertWritten(crc, length, dst, batch.writeArray(dst, 0));
    }

    private static void assertWrittenLengthThenArray(final long crc, final int length, final RecordBatchWriter batch)
    {
        final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(batch.maxWrittenLength());
        assertWritten(crc, length, dst, batch.writeLengthThenArray(dst, 0));
    }

    private static void assertWritten(
        final long crc, final int length, final ExpandableArrayBuffer dst, final int writtenLength)
    {
        final byte[] written = new byte[writtenLength];
        dst.getBytes(0, written);
        final CRC32 writtenCrc = new CRC32();
        writtenCrc.update(written);
        assertEquals(length, writtenLength);
        assertEquals(crc, writtenCrc.getValue());
    }
}
