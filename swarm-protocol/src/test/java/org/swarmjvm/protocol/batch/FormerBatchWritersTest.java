package org.swarmjvm.protocol.batch;

import java.util.SplittableRandom;
import java.util.zip.CRC32;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.batch.RecordBatchWriter.KeyFormat;
import org.swarmjvm.protocol.neo.dht.NeoRecordBatchWriter;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoBatchWriter;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoRequest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The unified writer writes, on the same records, the bytes each former per-protocol writer wrote.
 */
class FormerBatchWritersTest
{
    private static final int NEO_BATCH_SIZE = 64 * 1024;
    private static final int LARGEST_VALUE = 3000;
    private static final int OVERSIZE_VALUE = 300_000;
    private static final long SEED = 16;
    /** What the legacy writer wrote for {@link #legacy} before the writers were joined. */
    private static final int FORMER_LEGACY_LENGTH = 85_959;
    private static final long FORMER_LEGACY_CRC = 3_309_133_782L;

    @Test
    void legacyBatchesAreTheFormerWritersBytes()
    {
        for (final RecordBatchWriter batch : new RecordBatchWriter[] {
            new RecordBatchWriter(NEO_BATCH_SIZE), RecordBatchWriter.storingIncompressible(NEO_BATCH_SIZE)})
        {
            final byte[] written = legacy(batch);
            final CRC32 crc = new CRC32();
            crc.update(written);
            assertEquals(FORMER_LEGACY_LENGTH, written.length);
            assertEquals(FORMER_LEGACY_CRC, crc.getValue());
        }
    }

    @Test
    void neoGetAllBatchesAreTheFormerWritersBytes()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[LARGEST_VALUE]);
        final NeoRecordBatchWriter former = new NeoRecordBatchWriter(true, NEO_BATCH_SIZE);
        final RecordBatchWriter unified = new RecordBatchWriter(KeyFormat.LONG_ARRAY, NEO_BATCH_SIZE);
        for (long key = 0; ; key++)
        {
            final int valueLength = fill(value, random);
            if (former.entryLength(valueLength) > former.free())
            {
                break;
            }
            former.append(key, value, 0, valueLength);
            unified.appendRecord(key, value, 0, valueLength);
        }
        assertArrayEquals(writeArray(former), writeArray(unified));
        for (long key = 0; former.entryLength(-Long.BYTES) <= former.free(); key += 0x1234_5678_9abcL)
        {
            former.appendKey(key);
            unified.appendKey(key);
        }
        assertArrayEquals(writeArray(former), writeArray(unified));
        assertArrayEquals(writeArray(former), writeArray(unified), "an empty batch");
    }

    @Test
    void neoMirrorBatchesAreTheFormerWritersBytes()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[LARGEST_VALUE]);
        final NeoRecordBatchWriter former = new NeoRecordBatchWriter(false, 2 * NEO_BATCH_SIZE);
        final RecordBatchWriter unified = RecordBatchWriter.belowThreshold(KeyFormat.BARE_LONG, NEO_BATCH_SIZE);
        for (long key = -1; former.length() < NEO_BATCH_SIZE; key--)
        {
            final int valueLength = fill(value, random);
            former.append(key, value, 0, valueLength);
            unified.appendRecord(key, value, 0, valueLength);
        }
        assertArrayEquals(writeArray(former), writeArray(unified));
    }

    @Test
    void neoGetRangeBatchesAreTheFormerWritersBytes()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[OVERSIZE_VALUE]);
        final LogfilesNeoBatchWriter former = new LogfilesNeoBatchWriter();
        final RecordBatchWriter unified =
            RecordBatchWriter.belowThreshold(KeyFormat.BARE_LONG, LogfilesNeoRequest.BATCH_THRESHOLD);
        for (int batch = 0; batch < 2; batch++)
        {
            for (long timestamp = -50; ; timestamp += 7)
            {
                final int valueLength = fill(value, random);
                if (!former.append(timestamp, value, 0, valueLength))
                {
                    break;
                }
                unified.appendRecord(timestamp, value, 0, valueLength);
            }
            assertArrayEquals(writeLengthThenArray(former), writeLengthThenArray(unified));
        }
        // One record larger than the threshold makes a batch alone, and the buffers grow to hold it.
        random.nextBytes(value.byteArray());
        former.append(1, value, 0, OVERSIZE_VALUE);
        unified.appendRecord(1, value, 0, OVERSIZE_VALUE);
        assertArrayEquals(writeLengthThenArray(former), writeLengthThenArray(unified));
    }

    private static byte[] legacy(final RecordBatchWriter batch)
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[LARGEST_VALUE]);
        final ExpandableArrayBuffer wire = new ExpandableArrayBuffer(64);
        int length = 0;
        for (long key = 0; ; key += 0x0123_4567_89ab_cdefL)
        {
            final int valueLength = fill(value, random);
            if (!batch.appendRecord(key, value, 0, valueLength))
            {
                break;
            }
        }
        length += batch.writeArray(wire, length);
        for (int key = 0; batch.appendRecord(value, key, 1 + key % 40, value, 0, fill(value, random)); key++)
        {
            // raw keys, as logfiles and forwarded batches append them
        }
        length += batch.writeArray(wire, length);
        for (long key = 0; batch.appendKey(key); key += 0x1111_1111_1111L)
        {
            // keys only
        }
        length += batch.writeArray(wire, length);
        length += batch.writeArray(wire, length);
        final byte[] written = new byte[length];
        wire.getBytes(0, written);
        return written;
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

    private static byte[] writeArray(final NeoRecordBatchWriter batch)
    {
        final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(64);
        return copy(dst, batch.writeArray(dst, 0));
    }

    private static byte[] writeArray(final RecordBatchWriter batch)
    {
        final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(64);
        return copy(dst, batch.writeArray(dst, 0));
    }

    private static byte[] writeLengthThenArray(final LogfilesNeoBatchWriter batch)
    {
        final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(batch.maxWrittenLength());
        return copy(dst, batch.write(dst, 0));
    }

    private static byte[] writeLengthThenArray(final RecordBatchWriter batch)
    {
        final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(batch.maxWrittenLength());
        return copy(dst, batch.writeLengthThenArray(dst, 0));
    }

    private static byte[] copy(final ExpandableArrayBuffer dst, final int length)
    {
        final byte[] written = new byte[length];
        dst.getBytes(0, written);
        return written;
    }
}
