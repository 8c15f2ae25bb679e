package org.swarmjvm.logfiles.node.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading the original's bucket files, intact and damaged, with the original's stop rules and with
 * resynchronisation after damage.
 */
class BucketReaderTest
{
    /** The bucket of the upstream fixtures' records, {@code 0000000057/275}. */
    private static final long PARITY_FINE_BUCKET = 0x57275L;

    @TempDir
    Path tmp;

    @Test
    void shouldReadEveryBucketOfTheNodeWrittenChannelAsTheManifestLists() throws IOException
    {
        final List<Fixtures.Bucket> manifest = Fixtures.manifest();
        assertEquals(5, manifest.size());
        for (final Fixtures.Bucket bucket : manifest)
        {
            final Path file = Fixtures.filesDir().resolve(bucket.path());
            assertEquals(bucket.size(), Files.size(file), bucket.path());
            assertEquals(bucket.records(), Fixtures.readBucket(file), bucket.path());
        }
    }

    @Test
    void shouldReadTheLegacyBucketWithoutHeader() throws IOException
    {
        assertEquals(Fixtures.legacyRecords(),
            Fixtures.readBucket(Fixtures.upstreamDir().resolve("legacy/0000000057/275")));
        assertEquals(Fixtures.legacyRecords(),
            Fixtures.readBucket(Fixtures.upstreamDir().resolve("putlegacy/0000000057/275")));
    }

    @Test
    void shouldReadAllEightRecordsOfTheParityFineBucket() throws IOException
    {
        assertEquals(Fixtures.parityFineRecords(),
            Fixtures.readBucket(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275")));
    }

    @Test
    void shouldStopAtTheBadHeaderWhenParityIsBroken() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275"));
        bytes[160] = (byte)0xa0;
        final Path file = write("parity-broken", bytes);
        assertEquals(Fixtures.parityFineRecords().subList(0, 4), Fixtures.readBucket(file));
        try (BucketReader reader = new BucketReader(64))
        {
            assertTrue(reader.open(file));
            while (reader.next())
            {
                assertTrue(reader.key() != 0);
            }
            assertEquals(BucketReader.EndReason.PARITY, reader.endReason());
            assertEquals(150, reader.position());
        }
    }

    @Test
    void shouldReadPastTheBadHeaderToTheNextRecordOfTheBucketWhenResynchronising() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275"));
        bytes[160] = (byte)0xa0;
        final Path file = write("parity-broken", bytes);
        final List<Fixtures.Rec> expected = new ArrayList<>(Fixtures.parityFineRecords());
        expected.remove(4);
        assertEquals(expected, Fixtures.readBucket(file, PARITY_FINE_BUCKET));
        try (BucketReader reader = new BucketReader(64))
        {
            assertTrue(reader.open(file, 0, PARITY_FINE_BUCKET));
            while (reader.next())
            {
                assertTrue(reader.key() != 0);
            }
            assertEquals(BucketReader.EndReason.END, reader.endReason());
            assertEquals(150, reader.firstDamage());
            assertEquals(191 - 150, reader.skippedBytes());
            assertEquals(bytes.length, reader.position());
        }
    }

    @Test
    void shouldSkipZerosAndJunkBetweenRecordsWhenResynchronising() throws IOException
    {
        final byte[] v1 = Files.readAllBytes(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275"));
        // zeros read as empty records with a valid parity; the junk after them as nothing
        final byte[] junk = new byte[100 + 7];
        Arrays.fill(junk, 100, junk.length, (byte)'j');
        final byte[] damaged = new byte[v1.length + junk.length];
        System.arraycopy(v1, 0, damaged, 0, 85);
        System.arraycopy(junk, 0, damaged, 85, junk.length);
        System.arraycopy(v1, 85, damaged, 85 + junk.length, v1.length - 85);
        final List<String> texts = Fixtures.readBucket(write("zeros", damaged), PARITY_FINE_BUCKET).stream()
            .map(Fixtures.Rec::text).toList();
        assertEquals(Fixtures.parityFineRecords().stream().map(Fixtures.Rec::text).toList(), texts);
    }

    @Test
    void shouldResynchroniseALegacyBucketAfterAnAbsurdLength() throws IOException
    {
        final byte[] legacy = Files.readAllBytes(Fixtures.upstreamDir().resolve("legacy/0000000057/275"));
        final byte[] bad = legacy.clone();
        Arrays.fill(bad, 27 + 8, 27 + 16, (byte)0xff);
        final List<Fixtures.Rec> expected = new ArrayList<>(Fixtures.legacyRecords());
        expected.remove(1);
        assertEquals(expected, Fixtures.readBucket(write("absurd", bad), PARITY_FINE_BUCKET));
    }

    @Test
    void shouldNotResynchroniseOnRecordsOfAnotherBucket() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275"));
        bytes[160] = (byte)0xa0;
        assertEquals(Fixtures.parityFineRecords().subList(0, 4),
            Fixtures.readBucket(write("moved", bytes), PARITY_FINE_BUCKET + 1));
    }

    @Test
    void shouldSeeOnlyCompleteRecordsWhenTheFileIsCutAnywhere() throws IOException
    {
        final byte[] v1 = Files.readAllBytes(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275"));
        final byte[] legacy = Files.readAllBytes(Fixtures.upstreamDir().resolve("legacy/0000000057/275"));
        checkEveryCut(v1, Fixtures.parityFineRecords(), 17);
        checkEveryCut(legacy, Fixtures.legacyRecords(), 16);
    }

    @Test
    void shouldSkipFilesShorterThanAHeader() throws IOException
    {
        try (BucketReader reader = new BucketReader(64))
        {
            assertFalse(reader.open(write("empty", new byte[0])));
            assertFalse(reader.open(write("fifteen", new byte[15])));
            assertFalse(reader.open(tmp.resolve("missing")));
        }
    }

    @Test
    void shouldIgnoreATrailingFragmentAfterALegacyRecord() throws IOException
    {
        final byte[] legacy = Files.readAllBytes(Fixtures.upstreamDir().resolve("legacy/0000000057/275"));
        final byte[] withNewline = Arrays.copyOf(legacy, legacy.length + 1);
        withNewline[legacy.length] = 0x0a;
        assertEquals(Fixtures.legacyRecords(), Fixtures.readBucket(write("newline", withNewline)));
    }

    @Test
    void shouldStopWhenALengthIsAbsurd() throws IOException
    {
        final byte[] legacy = Files.readAllBytes(Fixtures.upstreamDir().resolve("legacy/0000000057/275"));
        final byte[] bad = legacy.clone();
        Arrays.fill(bad, 27 + 8, 27 + 16, (byte)0xff);
        assertEquals(Fixtures.legacyRecords().subList(0, 1), Fixtures.readBucket(write("absurd", bad)));
    }

    private void checkEveryCut(final byte[] bytes, final List<Fixtures.Rec> records, final int headerLength)
        throws IOException
    {
        for (int length = 0; length <= bytes.length; length++)
        {
            final List<Fixtures.Rec> expected = new ArrayList<>();
            for (final Fixtures.Rec rec : records)
            {
                if (rec.offset() + headerLength + rec.value().length <= length && length >= 16)
                {
                    expected.add(rec);
                }
            }
            assertEquals(expected, Fixtures.readBucket(write("cut" + length, Arrays.copyOf(bytes, length))),
                "cut at " + length);
        }
    }

    private Path write(final String name, final byte[] bytes) throws IOException
    {
        final Path file = tmp.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
