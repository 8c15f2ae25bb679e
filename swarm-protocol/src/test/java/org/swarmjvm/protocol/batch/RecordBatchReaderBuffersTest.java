package org.swarmjvm.protocol.batch;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.codec.ArrayPrefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader held by a connection gives back what one large batch made it allocate, and keeps small buffers.
 */
class RecordBatchReaderBuffersTest
{
    @Test
    void shouldGiveBackBuffersOfALargeBatchAndKeepThoseOfASmallOne()
    {
        final RecordBatchReader reader = new RecordBatchReader();
        read(reader, 2 * RecordBatchReader.RETAINED_LENGTH);
        assertTrue(reader.buffer().capacity() > RecordBatchReader.RETAINED_LENGTH);
        reader.releaseLargeBuffers();
        assertEquals(0, reader.buffer().capacity());

        read(reader, 1000);
        final int small = reader.buffer().capacity();
        reader.releaseLargeBuffers();
        assertEquals(small, reader.buffer().capacity());
    }

    private static void read(final RecordBatchReader reader, final int valueLength)
    {
        final RecordBatchWriter writer = new RecordBatchWriter(valueLength + 64);
        final byte[] value = new byte[valueLength];
        assertTrue(writer.appendRecord(7, new UnsafeBuffer(value), 0, value.length));
        final UnsafeBuffer wire = new UnsafeBuffer(new byte[RecordBatchWriter.maxArrayLength(valueLength + 64)]);
        final int length = writer.writeArray(wire, 0);
        reader.wrap(wire, ArrayPrefix.LENGTH, length - ArrayPrefix.LENGTH);
        assertTrue(reader.nextRecord());
        assertEquals(valueLength, reader.valueLength());
    }
}
