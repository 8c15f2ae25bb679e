package org.swarmjvm.queue.node.storage;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverflowRecordDescriptorTest
{
    @Test
    void shouldComputeParityOfTheSpecExample()
    {
        assertEquals(0x09, OverflowRecordDescriptor.parity(3, 0, 10));
    }

    @Test
    void shouldWriteTheHeaderTheOriginalWrote()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OverflowRecordDescriptor.HEADER_LENGTH]);
        OverflowRecordDescriptor.write(buffer, 0, 5, 0x5c, 0x3c);
        final byte[] expected = {
            5, 0, 0, 0, 0, 0, 0, 0, 0x5c, 0, 0, 0, 0, 0, 0, 0, 0x65, 0, 0, 0, 0, 0, 0, 0, 0x3c, 0, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(expected, buffer.byteArray());
        assertTrue(OverflowRecordDescriptor.isParityValid(buffer, 0));
        buffer.putByte(OverflowRecordDescriptor.LENGTH_OFFSET, (byte)0x3d);
        assertFalse(OverflowRecordDescriptor.isParityValid(buffer, 0));
    }
}
