package org.swarmjvm.protocol.batch;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A batch is written with the same bytes whatever its destination: an array with room for the worst case (the
 * block is compressed straight into it, at the buffer's offset in the array), a direct buffer, or a small growing
 * array (both through the writer's own block).
 */
class RecordBatchWriterDestinationTest
{
    private static final int BATCH_SIZE = 64 * 1024;

    @Test
    void everyDestinationGetsTheSameBytes()
    {
        final int maxLength = RecordBatchWriter.maxArrayLength(BATCH_SIZE);
        final byte[] viaDirect = write(new UnsafeBuffer(ByteBuffer.allocateDirect(maxLength)));
        final byte[] array = new byte[maxLength + 100];
        final byte[] viaArrayAtOffset = write(new UnsafeBuffer(array, 100, maxLength));
        final byte[] viaGrowingArray = write(new ExpandableArrayBuffer(64));
        assertArrayEquals(viaDirect, viaArrayAtOffset);
        assertArrayEquals(viaDirect, viaGrowingArray);
    }

    @Test
    void anEmptyBatchIsTheLoneEndMarkerInEveryDestination()
    {
        final int maxLength = RecordBatchWriter.maxArrayLength(BATCH_SIZE);
        final byte[] expected = {11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0, 0};
        final RecordBatchWriter batch = new RecordBatchWriter(BATCH_SIZE);
        final byte[] array = new byte[maxLength + 7];
        final UnsafeBuffer atOffset = new UnsafeBuffer(array, 7, maxLength);
        final byte[] written = new byte[batch.writeArray(atOffset, 0)];
        atOffset.getBytes(0, written);
        assertArrayEquals(expected, written);
    }

    private static byte[] write(final MutableDirectBuffer dst)
    {
        final RecordBatchWriter batch = new RecordBatchWriter(BATCH_SIZE);
        final SplittableRandom random = new SplittableRandom(42);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[1000]);
        for (long key = 0; ; key++)
        {
            // Half random bytes, half a repeated pattern: literals and matches both.
            for (int i = 0; i < value.capacity(); i++)
            {
                value.putByte(i, (byte)(i < 500 ? random.nextInt(256) : i % 7));
            }
            if (!batch.appendRecord(key, value, 0, value.capacity()))
            {
                break;
            }
        }
        final byte[] written = new byte[batch.writeArray(dst, 0)];
        dst.getBytes(0, written);
        return written;
    }
}
