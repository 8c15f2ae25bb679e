package org.swarmjvm.logfiles.node.storage;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The storage engine end to end in a temporary data directory: the original's files served in the original's
 * order, upstream's versioning expectations, appends read back, batches, filters and channel removal.
 */
class LogfilesStorageTest
{
    private static final long ALL_LOWER = 0;
    private static final long ALL_UPPER = -1L;

    @TempDir
    Path dataDir;

    /** A record as a scan returned it. */
    record Got(long key, String value)
    {
    }

    private LogfilesStorage open() throws IOException
    {
        return LogfilesStorage.open(new StorageSettings(dataDir, 64 * 1024, 20, 3));
    }

    private static void put(final LogfilesStorage storage, final String channel, final long key, final String value)
        throws IOException
    {
        final byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        storage.append(channel, key, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /** Runs a scan to its end and returns the records and how many batches carried them. */
    private static List<List<Got>> scanBatches(
        final LogfilesStorage storage, final String channel, final long lower, final long upper,
        final RecordFilter filter) throws IOException
    {
        final List<List<Got>> batches = new ArrayList<>();
        final LogfilesChannel ch = storage.channel(channel);
        final RecordBatchWriter batch = new RecordBatchWriter(LogfilesConst.BATCH_SIZE);
        final UnsafeBuffer wire = new UnsafeBuffer(
            new byte[RecordBatchWriter.maxArrayLength(LogfilesConst.BATCH_SIZE)]);
        final RecordBatchReader reader = new RecordBatchReader();
        boolean ended = null == ch;
        try (RecordScan scan = null == ch ? null : ch.scan(lower, upper, filter, new BucketReader(20)))
        {
            do
            {
                if (null != scan)
                {
                    ended = scan.fill(batch);
                }
                final int length = batch.writeArray(wire, 0);
                reader.wrap(wire, 8, length - 8);
                final List<Got> records = new ArrayList<>();
                while (reader.nextRecord())
                {
                    final byte[] value = new byte[reader.valueLength()];
                    reader.buffer().getBytes(reader.valueOffset(), value);
                    records.add(new Got(HexKey.parse(reader.buffer(), reader.keyOffset()),
                        new String(value, StandardCharsets.ISO_8859_1)));
                }
                batches.add(records);
            }
            while (!ended);
        }
        return batches;
    }

    private static List<Got> scan(final LogfilesStorage storage, final String channel, final long lower,
        final long upper) throws IOException
    {
        return scanBatches(storage, channel, lower, upper, RecordFilter.ALL).stream().flatMap(List::stream).toList();
    }

    private static List<Got> all(final LogfilesStorage storage, final String channel) throws IOException
    {
        return scan(storage, channel, ALL_LOWER, ALL_UPPER);
    }

    private static List<Got> got(final List<Fixtures.Rec> records)
    {
        return records.stream().map((r) -> new Got(r.key(), r.text())).toList();
    }

    @Test
    void shouldServeTheNodeWrittenChannelInManifestOrder() throws IOException
    {
        Fixtures.copyTree(Fixtures.filesDir().resolve("logs"), dataDir.resolve("logs"));
        try (LogfilesStorage storage = open())
        {
            final List<Got> expected = new ArrayList<>();
            for (final Fixtures.Bucket bucket : Fixtures.manifest())
            {
                expected.addAll(got(bucket.records()));
            }
            assertEquals(expected, all(storage, "logs"));
            assertEquals(List.of(0x57fff000L, 0x57ffffffL, 0x58000003L, 0x58000000L),
                scan(storage, "logs", 0x57fff000L, 0x58000003L).stream().map(Got::key).toList());
        }
    }

    @Test
    void shouldMeetUpstreamVersioningExpectations() throws IOException
    {
        Fixtures.copyTree(Fixtures.upstreamDir().resolve("legacy"), dataDir.resolve("legacy"));
        Fixtures.copyTree(Fixtures.upstreamDir().resolve("parity-fine"), dataDir.resolve("parity-fine"));
        Fixtures.copyTree(Fixtures.upstreamDir().resolve("legacy"), dataDir.resolve("mixed"));
        Files.createDirectories(dataDir.resolve("mixed/0000000058"));
        Files.write(dataDir.resolve("mixed/0000000058/275"),
            Files.readAllBytes(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275")));
        try (LogfilesStorage storage = open())
        {
            assertEquals(got(Fixtures.legacyRecords()), all(storage, "legacy"));
            assertEquals(got(Fixtures.parityFineRecords()), all(storage, "parity-fine"));
            final List<Got> mixed = new ArrayList<>(got(Fixtures.legacyRecords()));
            mixed.addAll(got(Fixtures.parityFineRecords()));
            assertEquals(mixed, all(storage, "mixed"));
            // Slot 58 holds keys of slot 57: a range over slot 58 opens the file but no key is in range.
            assertEquals(List.of(), scan(storage, "mixed", 0x58000000L, 0x58ffffffL));
            assertEquals(List.of("legacy", "mixed", "parity-fine"), storage.channelNames());
        }
    }

    @Test
    void shouldAppendLegacyRecordsToALegacyBucket() throws IOException
    {
        Fixtures.copyTree(Fixtures.upstreamDir().resolve("putlegacy"), dataDir.resolve("putlegacy"));
        try (LogfilesStorage storage = open())
        {
            put(storage, "putlegacy", 0x57275813L, "test1");
            put(storage, "putlegacy", 0x57275814L, "test2");
            put(storage, "putlegacy", 0x57275815L, "test3");
            put(storage, "putlegacy", 0x57275817L, "test4");
            final List<Got> expected = new ArrayList<>(got(Fixtures.legacyRecords()));
            expected.add(new Got(0x57275813L, "test1"));
            expected.add(new Got(0x57275814L, "test2"));
            expected.add(new Got(0x57275815L, "test3"));
            expected.add(new Got(0x57275817L, "test4"));
            assertEquals(expected, all(storage, "putlegacy"));
        }
        final Path file = dataDir.resolve("putlegacy/0000000057/275");
        assertEquals(217, Files.size(file));
        final byte[] head = Arrays.copyOf(Files.readAllBytes(file), 133);
        assertArrayEquals(Files.readAllBytes(Fixtures.upstreamDir().resolve("putlegacy/0000000057/275")), head);
    }

    @Test
    void shouldAppendVersionOneRecordsToAVersionOneBucket() throws IOException
    {
        Fixtures.copyTree(Fixtures.upstreamDir().resolve("parity-fine"), dataDir.resolve("putversionone"));
        try (LogfilesStorage storage = open())
        {
            for (int i = 0; i < 4; i++)
            {
                put(storage, "putversionone", 0x57275476L + i, "test" + (i + 1));
            }
            assertEquals(12, all(storage, "putversionone").size());
        }
        final byte[] file = Files.readAllBytes(dataDir.resolve("putversionone/0000000057/275"));
        assertEquals(373, file.length);
        final int[] parities = {0x57, 0x56, 0x59, 0x58};
        for (int i = 0; i < 4; i++)
        {
            assertEquals(parities[i], file[285 + i * 22 + 16] & 0xff);
        }
    }

    @Test
    void shouldWriteNewBucketsInVersionOneWithTheOriginalsBytes() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            put(storage, "fresh", 0x5727545cL, "Hello there");
        }
        final byte[] file = Files.readAllBytes(dataDir.resolve("fresh/0000000057/275"));
        final byte[] fixture = Files.readAllBytes(Fixtures.upstreamDir().resolve("parity-fine/0000000057/275"));
        assertArrayEquals(Arrays.copyOf(fixture, 44), file);
    }

    @Test
    void shouldReadBackRecordsInBucketThenAppendOrder() throws IOException
    {
        final long[] keys = {0x59000005L, 0x59000001L, 0x59000003L, 0x59000001L, 0x59002000L, 0x59001000L,
            0x59000002L, 0x5a000000L, 0x58fff000L};
        try (LogfilesStorage storage = open())
        {
            for (final long key : keys)
            {
                put(storage, "order", key, HexKey.toString(key));
            }
            final long[] expected = {0x58fff000L, 0x59000005L, 0x59000001L, 0x59000003L, 0x59000001L, 0x59000002L,
                0x59001000L, 0x59002000L, 0x5a000000L};
            assertArrayEquals(expected, all(storage, "order").stream().mapToLong(Got::key).toArray());
            assertTrue(storage.channel("order").openBuckets() <= 3);
        }
    }

    @Test
    void shouldCompareRangeBoundsNumerically() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            for (long key = 0x5800; key <= 0x58ff; key += 0x11)
            {
                put(storage, "range", key, "v");
            }
            // 0x58aa and 0x58bb are stored; 0x58ab lies between them. The original compared the rendered key with
            // the bound as text, so an upper-case bound "...58AB" would have dropped 0x58aa ('a' > 'A').
            final List<Got> got = scan(storage, "range", 0x5800, 0x58ab);
            assertEquals(11, got.size());
            assertEquals(0x58aaL, got.get(got.size() - 1).key());
            assertEquals(List.of(), scan(storage, "range", 0x58ab, 0x5800));
            assertEquals(1, scan(storage, "range", 0x58aa, 0x58aa).size());
            assertEquals(List.of(), scan(storage, "range", 0x58ab, 0x58ab));
            assertEquals(16, scan(storage, "range", 0, -1L).size());
        }
    }

    @Test
    void shouldSplitBatchesAndSkipRecordsThatFitNoBatch() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            put(storage, "big", 0x60000001L, "x".repeat(30_000));
            put(storage, "big", 0x60000002L, "y".repeat(30_000));
            put(storage, "big", 0x60000003L, "z".repeat(30_000));
            put(storage, "big", 0x60000004L, "a".repeat(LogfilesConst.BATCH_SIZE - 32));
            put(storage, "big", 0x60000005L, "b".repeat(LogfilesConst.BATCH_SIZE - 31));
            put(storage, "big", 0x60000006L, "c".repeat(LogfilesConst.MAX_PUT_VALUE_LENGTH));
            put(storage, "big", 0x60000007L, "small");
            final List<List<Got>> batches = scanBatches(storage, "big", ALL_LOWER, ALL_UPPER, RecordFilter.ALL);
            // 32 + 65504 fills a batch exactly; 65505 and 65536 fit no batch and are skipped, as in the original.
            assertEquals(List.of(2, 1, 1, 1), batches.stream().map(List::size).toList());
            assertEquals(0x60000004L, batches.get(2).get(0).key());
            assertEquals(List.of(new Got(0x60000007L, "small")), batches.get(3));
        }
    }

    @Test
    void shouldAnswerOneEmptyBatchWhenNothingMatches() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            assertEquals(List.of(List.of()), scanBatches(storage, "missing", ALL_LOWER, ALL_UPPER, RecordFilter.ALL));
            put(storage, "some", 0x1000, "value");
            assertEquals(List.of(List.of()), scanBatches(storage, "some", ALL_LOWER, ALL_UPPER,
                new SubstringFilter("absent".getBytes(StandardCharsets.US_ASCII))));
        }
    }

    @Test
    void shouldFilterBySubstringAndRegularExpression() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            for (int i = 0; i < 100; i++)
            {
                put(storage, "bulk", 0x60000000L + 16 * i, String.format("record-%05d", i) + ".".repeat(i % 50));
            }
            assertEquals(10, count(storage, new SubstringFilter(ascii("record-0001"))));
            assertEquals(100, count(storage, new SubstringFilter(new byte[0])));
            assertEquals(0, count(storage, new SubstringFilter(ascii("RECORD"))));
            assertEquals(0, count(storage, RegexFilter.compile(ascii("RECORD-0001[0-5]"), false, 1_000_000)));
            assertEquals(6, count(storage, RegexFilter.compile(ascii("RECORD-0001[0-5]"), true, 1_000_000)));
            assertEquals(1, count(storage, RegexFilter.compile(ascii("^record-00003\\.{3}$"), false, 1_000_000)));
        }
    }

    @Test
    void shouldEndTheScanQuietlyWhenAnExpressionRunsAway() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            put(storage, "evil", 0x1, "short");
            put(storage, "evil", 0x2, "a".repeat(2000) + "!");
            put(storage, "evil", 0x3, "after");
            final RegexFilter catastrophic = RegexFilter.compile(ascii("^(a+)+$|short|after"), false, 1000);
            assertEquals(List.of(new Got(0x1, "short")),
                scanBatches(storage, "evil", ALL_LOWER, ALL_UPPER, catastrophic).get(0));
        }
    }

    @Test
    void shouldRemoveTheChannelDirectoryWithStrayFiles() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            put(storage, "gone", 0x57275806L, "v");
            Files.write(dataDir.resolve("gone/0000000057/275.gz"), new byte[3]);
            Files.write(dataDir.resolve("gone/stray"), new byte[3]);
            assertTrue(storage.removeChannel("gone"));
            assertFalse(Files.exists(dataDir.resolve("gone")));
            assertNull(storage.channel("gone"));
            assertFalse(storage.removeChannel("gone"));
            assertEquals(List.of(), storage.channelNames());
            put(storage, "gone", 0x57275806L, "again");
            assertEquals(List.of(new Got(0x57275806L, "again")), all(storage, "gone"));
        }
    }

    @Test
    void shouldRoundTripRandomRecordsAcrossRestarts() throws IOException
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final List<Got> written = new ArrayList<>();
        try (LogfilesStorage storage = LogfilesStorage.open(new StorageSettings(dataDir, 1000, 100, 2)))
        {
            for (int i = 0; i < 500; i++)
            {
                final long key = 0x60000000L + random.nextInt(8) * 4096L + random.nextInt(4096);
                final String value = "v" + i + "-" + "x".repeat(random.nextInt(random.nextBoolean() ? 50 : 3000));
                put(storage, "rand", key, value);
                written.add(new Got(key, value));
            }
        }
        final List<Got> expected = new ArrayList<>(written);
        expected.sort((a, b) -> Long.compare(a.key() >>> 12, b.key() >>> 12));
        try (LogfilesStorage storage = open())
        {
            assertEquals(expected, all(storage, "rand"), "seed " + seed);
        }
    }

    @Test
    void shouldKeepRecordsInMemoryUntilFlushedAndSeeThemInScans() throws IOException
    {
        try (LogfilesStorage storage = open())
        {
            put(storage, "buffered", 0x57275806L, "hello");
            final Path file = dataDir.resolve("buffered/0000000057/275");
            assertEquals(16, Files.size(file));
            storage.flush();
            assertEquals(16 + 17 + 5, Files.size(file));
            put(storage, "buffered", 0x57275807L, "world");
            assertEquals(2, all(storage, "buffered").size());
            assertEquals(16 + 2 * (17 + 5), Files.size(file));
        }
    }

    @Test
    void shouldLoadEveryDirectoryAsAChannelAndIgnoreFiles() throws IOException
    {
        Files.createDirectories(dataDir.resolve("one"));
        Files.createDirectories(dataDir.resolve("bad name"));
        Files.write(dataDir.resolve("stray.txt"), new byte[1]);
        try (LogfilesStorage storage = open())
        {
            assertEquals(List.of("bad name", "one"), storage.channelNames());
        }
    }

    private static int count(final LogfilesStorage storage, final RecordFilter filter) throws IOException
    {
        return scanBatches(storage, "bulk", ALL_LOWER, ALL_UPPER, filter).stream().mapToInt(List::size).sum();
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
