package org.swarmjvm.logfiles.node.storage;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Header layout and parity against the bytes of the original's version 1 bucket.
 */
class RecordHeaderFlyweightTest
{
    @Test
    void shouldComputeTheParityOfTheSpecExample()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeaderFlyweight.V1_LENGTH]);
        final RecordHeaderFlyweight header = new RecordHeaderFlyweight().wrap(buffer, 0);
        header.key(0x5727545cL).valueLength(11).writeParity();
        assertEquals(0x73, header.parity());
        assertTrue(header.isParityValid());
        buffer.putByte(10, (byte)0xa0);
        assertFalse(header.isParityValid());
    }

    @Test
    void shouldMatchEveryParityByteOfTheParityFineBucket() throws IOException
    {
        final byte[] file = Files.readAllBytes(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275"));
        final UnsafeBuffer buffer = new UnsafeBuffer(file);
        final RecordHeaderFlyweight header = new RecordHeaderFlyweight();
        final int[] parities = {0x73, 0x5d, 0x56, 0x47, 0x51, 0x49, 0x5c, 0x52};
        int i = 0;
        for (final Fixtures.Rec rec : Fixtures.parityFineRecords())
        {
            header.wrap(buffer, (int)rec.offset());
            assertEquals(rec.key(), header.key());
            assertEquals(rec.value().length, header.valueLength());
            assertEquals(parities[i++], header.parity());
            assertEquals(header.parity(), RecordHeaderFlyweight.computeParity(buffer, (int)rec.offset()));
            assertTrue(header.isParityValid());
        }
    }

    @Test
    void shouldDetectFormatsFromTheFirstSixteenBytes() throws IOException
    {
        final byte[] v1 = Files.readAllBytes(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275"));
        final byte[] legacy = Files.readAllBytes(Fixtures.upstreamDir().resolve("legacy/0000000057/275"));
        assertEquals(BucketFormat.VERSION_1, BucketFormat.detect(new UnsafeBuffer(v1), 0));
        assertEquals(BucketFormat.LEGACY, BucketFormat.detect(new UnsafeBuffer(legacy), 0));
        v1[0] = 0;
        assertEquals(BucketFormat.VERSION_0, BucketFormat.detect(new UnsafeBuffer(v1), 0));
        v1[0] = 2;
        assertEquals(BucketFormat.LEGACY, BucketFormat.detect(new UnsafeBuffer(v1), 0));
        final UnsafeBuffer header = new UnsafeBuffer(new byte[16]);
        BucketFormat.writeVersion1Header(header, 0);
        assertEquals("0100000000000000444c534255434b54",
            java.util.HexFormat.of().formatHex(header.byteArray()));
    }
}
