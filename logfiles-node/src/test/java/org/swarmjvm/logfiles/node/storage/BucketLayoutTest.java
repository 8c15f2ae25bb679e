package org.swarmjvm.logfiles.node.storage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Key to slot directory and bucket file, with the original's examples.
 */
class BucketLayoutTest
{
    @ParameterizedTest
    @CsvSource({
        "0000000057275806, 0000000057/275, 0000000057275000",
        "00000000570e13eb, 0000000057/0e1, 00000000570e1000",
        "0000000000000000, 0000000000/000, 0000000000000000",
        "ffffffffffffff01, ffffffffff/fff, fffffffffffff000",
        "0000000058000fff, 0000000058/000, 0000000058000000",
    })
    void shouldNameSlotAndBucketFromTheKeyDigits(final String key, final String path, final String start)
    {
        final long k = Long.parseUnsignedLong(key, 16);
        assertEquals(Path.of("ch", path), BucketLayout.bucketPath(Path.of("ch"), k));
        assertEquals(Long.parseUnsignedLong(start, 16), BucketLayout.bucketStart(k));
        assertEquals(k >>> 12, BucketLayout.bucketId(k));
    }

    @Test
    void shouldStartBucketAtTheCheckpointsKey()
    {
        assertEquals(1462194176L, BucketLayout.bucketStart(0x57275806L));
        assertEquals("18446744073709547520", Long.toUnsignedString(BucketLayout.bucketStart(-1L)));
    }

    @Test
    void shouldAcceptOnlyNamesTheNodeWrites()
    {
        assertEquals(0x57L, BucketLayout.parseSlotName("0000000057"));
        assertEquals(0xffffffffffL, BucketLayout.parseSlotName("ffffffffff"));
        assertEquals(-1L, BucketLayout.parseSlotName("57"));
        assertEquals(-1L, BucketLayout.parseSlotName("000000005A"));
        assertEquals(-1L, BucketLayout.parseSlotName("00000000zz"));
        assertEquals(0x275, BucketLayout.parseBucketName("275"));
        assertEquals(-1, BucketLayout.parseBucketName("275.gz"));
        assertEquals(-1, BucketLayout.parseBucketName("275.tmp"));
        assertEquals(-1, BucketLayout.parseBucketName("ABC"));
    }
}
