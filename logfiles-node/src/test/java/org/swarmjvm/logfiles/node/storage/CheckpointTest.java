package org.swarmjvm.logfiles.node.storage;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkpoint file, start-up recovery and repairs of damaged buckets before appending.
 */
class CheckpointTest
{
    @TempDir
    Path dataDir;

    private LogfilesStorage open() throws IOException
    {
        return LogfilesStorage.open(new StorageSettings(dataDir, 64 * 1024, 64, 3));
    }

    private static void put(final LogfilesStorage storage, final String channel, final long key, final String value)
        throws IOException
    {
        final byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        storage.append(channel, key, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    @Test
    void shouldReadTheOriginalsCheckpoint() throws IOException
    {
        assertEquals(List.of(
            new Checkpoint.Entry("logs", 1476386816L, 389),
            new Checkpoint.Entry("logs", 1476395008L, 0),
            new Checkpoint.Entry("logs", 1476390912L, 0)),
            Checkpoint.read(Fixtures.filesDir().resolve("checkpoint.dat")));
    }

    @Test
    void shouldWriteAndReadUnsignedBucketStarts() throws IOException
    {
        final List<Checkpoint.Entry> entries = List.of(
            new Checkpoint.Entry("k2", 0xfffffffffffff000L, 0), new Checkpoint.Entry("chan3", 1462194176L, 38));
        Checkpoint.write(dataDir, entries);
        assertEquals("k2 18446744073709547520 0\nchan3 1462194176 38\n",
            Files.readString(dataDir.resolve(Checkpoint.FILE_NAME)));
        assertEquals(entries, Checkpoint.read(dataDir.resolve(Checkpoint.FILE_NAME)));
        assertFalse(Files.exists(dataDir.resolve(Checkpoint.TMP_FILE_NAME)));
    }

    @Test
    void shouldStopReadingAtAMalformedLine() throws IOException
    {
        Files.writeString(dataDir.resolve(Checkpoint.FILE_NAME), "a 4096 10\nb.c 4096 10\nd 8192 5\n");
        assertEquals(List.of(new Checkpoint.Entry("a", 4096, 10)),
            Checkpoint.read(dataDir.resolve(Checkpoint.FILE_NAME)));
    }

    @Test
    void shouldKeepFlushedRecordsWhereTheOriginalWouldTruncate() throws IOException
    {
        Fixtures.copyTree(Fixtures.filesDir().resolve("logs"), dataDir.resolve("logs"));
        Files.write(dataDir.resolve(Checkpoint.FILE_NAME),
            Files.readAllBytes(Fixtures.filesDir().resolve("checkpoint.dat")));
        try (LogfilesStorage storage = open())
        {
            // The original would cut 57/ffe to 389 bytes and 58/000 and 57/fff to 0: every record is complete.
            for (final Fixtures.Bucket bucket : Fixtures.manifest())
            {
                assertEquals(bucket.size(), Files.size(dataDir.resolve(bucket.path())), bucket.path());
            }
            assertTrue(storage.channelNames().contains("logs"));
        }
    }

    @Test
    void shouldCutATornTailPastTheCheckpointOffset() throws IOException
    {
        Fixtures.copyTree(Fixtures.filesDir().resolve("logs"), dataDir.resolve("logs"));
        final Path bucket = dataDir.resolve("logs/0000000058/000");
        final long size = Files.size(bucket);
        final Path fff = dataDir.resolve("logs/0000000057/fff");
        final long fffSize = Files.size(fff);
        // a torn record: a complete header, half a value
        Files.write(bucket, Arrays.copyOf(Files.readAllBytes(fff), 16 + 17 + 10), StandardOpenOption.APPEND);
        final byte[] tornRecord = Arrays.copyOfRange(Files.readAllBytes(fff), 16, 16 + 17 + 5);
        Files.write(bucket, tornRecord, StandardOpenOption.APPEND);
        // zeros, as a power loss can leave them: they read as empty records with a valid parity
        Files.write(fff, new byte[4096], StandardOpenOption.APPEND);
        Checkpoint.write(dataDir, List.of(
            new Checkpoint.Entry("logs", 0x58000000L, 16), new Checkpoint.Entry("logs", 0x57fff000L, 0)));
        final byte[] bucketAsFound = Files.readAllBytes(bucket);
        final byte[] fffAsFound = Files.readAllBytes(fff);
        try (LogfilesStorage storage = open())
        {
            assertEquals(List.of("logs"), storage.channelNames());
            assertEquals(size, Files.size(bucket));
            assertEquals(fffSize, Files.size(fff));
            assertEquals(204, Fixtures.readBucket(bucket).size());
        }
        assertArrayEquals(bucketAsFound, Files.readAllBytes(dataDir.resolve("logs/0000000058/000.bad")));
        assertArrayEquals(fffAsFound, Files.readAllBytes(dataDir.resolve("logs/0000000057/fff.bad")));
    }

    @Test
    void shouldCutRecordsOfOtherBucketsPastTheCheckpointOffset() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            put(storage, "ch", 0x57275806L, "mine");
            put(storage, "ch", 0x58275806L, "other bucket");
        }
        final Path bucket = dataDir.resolve("ch/0000000057/275");
        final long good = Files.size(bucket);
        Files.write(bucket, Arrays.copyOfRange(Files.readAllBytes(dataDir.resolve("ch/0000000058/275")), 16, 45),
            StandardOpenOption.APPEND);
        Checkpoint.write(dataDir, List.of(new Checkpoint.Entry("ch", 0x57275000L, 16)));
        try (LogfilesStorage storage = open())
        {
            assertEquals(List.of("ch"), storage.channelNames());
            assertEquals(good, Files.size(bucket));
        }
    }

    @Test
    void shouldEmptyABucketWhoseHeaderIsTorn() throws IOException
    {
        Files.createDirectories(dataDir.resolve("ch/0000000057"));
        Files.write(dataDir.resolve("ch/0000000057/275"), new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 'D', 'L'});
        Files.createDirectories(dataDir.resolve("ch/0000000058"));
        Files.write(dataDir.resolve("ch/0000000058/275"), new byte[40]);
        Checkpoint.write(dataDir, List.of(
            new Checkpoint.Entry("ch", 0x57275000L, 0), new Checkpoint.Entry("ch", 0x58275000L, 0)));
        try (LogfilesStorage storage = open())
        {
            assertEquals(List.of("ch"), storage.channelNames());
            assertEquals(0, Files.size(dataDir.resolve("ch/0000000057/275")));
            assertEquals(0, Files.size(dataDir.resolve("ch/0000000058/275")));
        }
    }

    @Test
    void shouldListOpenBucketsWithTheirSyncedLengthsOnCommit() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            put(storage, "ch", 0x57275806L, "hello");
            storage.commitCheckpoint();
            final Path file = dataDir.resolve("ch/0000000057/275");
            assertEquals(List.of(new Checkpoint.Entry("ch", 0x57275000L, Files.size(file))),
                Checkpoint.read(dataDir.resolve(Checkpoint.FILE_NAME)));
            assertEquals(16 + 17 + 5, Files.size(file));
        }
        assertFalse(Files.exists(dataDir.resolve(Checkpoint.FILE_NAME)));
        assertFalse(Files.exists(dataDir.resolve(Checkpoint.TMP_FILE_NAME)));
    }

    @Test
    void shouldMakeRecordsAppendedAfterAJunkTailVisible() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            put(storage, "ch", 0x57275806L, "before");
        }
        final Path file = dataDir.resolve("ch/0000000057/275");
        final long good = Files.size(file);
        Files.write(file, "0123456789".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        final byte[] asFound = Files.readAllBytes(file);
        try (LogfilesStorage storage = open())
        {
            put(storage, "ch", 0x57275807L, "after");
        }
        assertArrayEquals(asFound, Files.readAllBytes(dataDir.resolve("ch/0000000057/275.bad")));
        // The original appended behind the junk and never returned "after" again.
        assertEquals(List.of("before", "after"), Fixtures.readBucket(file).stream().map(Fixtures.Rec::text).toList());
        assertEquals(good + 17 + 5, Files.size(file));
    }

    @Test
    void shouldKeepDamageInsideTheFileCopyItOnceAndCopyAgainBeforeEachCut() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            put(storage, "ch", 0x57275806L, "first");
            put(storage, "ch", 0x57275807L, "second");
            put(storage, "ch", 0x57275808L, "third");
        }
        final Path file = dataDir.resolve("ch/0000000057/275");
        final byte[] damaged = Files.readAllBytes(file);
        damaged[16 + 17 + 5 + 2] ^= 0x01; // a key byte of "second"
        Files.write(file, damaged);
        for (int restart = 0; restart < 2; restart++)
        {
            try (LogfilesStorage storage = open())
            {
                put(storage, "ch", 0x57275809L, "fourth " + restart);
            }
        }
        assertEquals(List.of("first", "third", "fourth 0", "fourth 1"),
            Fixtures.readBucket(file, 0x57275L).stream().map(Fixtures.Rec::text).toList());
        assertArrayEquals(damaged, Files.readAllBytes(dataDir.resolve("ch/0000000057/275.bad")));
        assertFalse(Files.exists(dataDir.resolve("ch/0000000057/275.bad.1")), "damage inside is copied once");

        final byte[] torn = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(torn, torn.length - 3));
        try (LogfilesStorage storage = open())
        {
            put(storage, "ch", 0x5727580aL, "fifth");
        }
        assertArrayEquals(Arrays.copyOf(torn, torn.length - 3),
            Files.readAllBytes(dataDir.resolve("ch/0000000057/275.bad.1")), "each cut has its copy");
        assertEquals(List.of("first", "third", "fourth 0", "fifth"),
            Fixtures.readBucket(file, 0x57275L).stream().map(Fixtures.Rec::text).toList());
    }

    @Test
    void shouldRestartABucketOfFewerThanSixteenBytes() throws IOException
    {
        Files.createDirectories(dataDir.resolve("ch/0000000057"));
        final Path file = dataDir.resolve("ch/0000000057/275");
        Files.write(file, new byte[7]);
        try (LogfilesStorage storage = open())
        {
            put(storage, "ch", 0x5727545cL, "Hello there");
        }
        assertArrayEquals(new byte[7], Files.readAllBytes(dataDir.resolve("ch/0000000057/275.bad")));
        final byte[] fixture = Files.readAllBytes(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275"));
        assertArrayEquals(Arrays.copyOf(fixture, 44), Files.readAllBytes(file));
    }

    @Test
    void shouldAppendBehindTheLastRecordOfTheEmptyBucketFixtureShape() throws IOException
    {
        // A legacy record followed by a stray newline, as in upstream's empty-bucket/0000000057/21c.
        Files.createDirectories(dataDir.resolve("ch/0000000057"));
        final Path file = dataDir.resolve("ch/0000000057/275");
        final byte[] legacy = Files.readAllBytes(Fixtures.upstreamDir().resolve("legacy/0000000057/275"));
        final byte[] withNewline = Arrays.copyOf(legacy, legacy.length + 1);
        withNewline[legacy.length] = 0x0a;
        Files.write(file, withNewline);
        try (LogfilesStorage storage = open())
        {
            put(storage, "ch", 0x57275813L, "test1");
        }
        assertEquals(5, Fixtures.readBucket(file).size());
        assertEquals(legacy.length + 16 + 5, Files.size(file));
    }
}
