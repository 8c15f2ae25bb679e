package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.storage.BucketReader;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A bucket damaged on disk while the node was stopped, then read and appended to through the node's socket: one
 * damaged record costs that record only. Every intact record before and after it is served by GetAll and GetRange,
 * before and after a Put into the same bucket and after another restart; the file's bytes as found are kept in
 * {@code <bucket>.bad}; a log line names the file and the offset of the damage; the channel's other bucket is
 * served whole. The original, and this node before, cut the bucket back to the damaged record at the first Put,
 * deleting the 4,089 intact records behind a byte flipped 366 bytes into a 284,688-byte bucket.
 */
@Timeout(120)
class LogfilesDamagedBucketTest
{
    private static final String CHANNEL = "damaged";
    private static final long BUCKET_KEY = 0x60000000L;
    private static final long OTHER_BUCKET_KEY = BUCKET_KEY + 4096;
    private static final int RECORDS = 4100;
    private static final int OTHER_RECORDS = 20;

    @TempDir
    Path dataDir;

    private Path bucket;

    @Test
    void shouldServeEveryIntactRecordAroundAHeaderWithAFlippedByteAndKeepTheFile() throws IOException
    {
        final long[] offsets = fill();
        final int damaged = firstRecordFrom(offsets, 366);
        final byte[] bytes = Files.readAllBytes(bucket);
        bytes[(int)offsets[damaged] + 3] ^= 0x5a; // a key byte: the header's parity no longer holds
        Files.write(bucket, bytes);
        checkServedAroundTheDamage(bytes, offsets[damaged], damaged);
    }

    @Test
    void shouldSkipARecordWhoseLengthPointsPastTheEndOfTheFile() throws IOException
    {
        final long[] offsets = fill();
        final int damaged = firstRecordFrom(offsets, 100_000);
        final byte[] bytes = Files.readAllBytes(bucket);
        // The same bit flipped in two bytes of the length: the parity still holds, the length is 2^32 + 2^40 more.
        bytes[(int)offsets[damaged] + 8 + 4] ^= 0x01;
        bytes[(int)offsets[damaged] + 8 + 5] ^= 0x01;
        Files.write(bucket, bytes);
        checkServedAroundTheDamage(bytes, offsets[damaged], damaged);
    }

    @Test
    void shouldAppendBehindTheLastIntactRecordWhenTheLastRecordIsDamaged() throws IOException
    {
        final long[] offsets = fill();
        final int damaged = RECORDS - 1;
        final byte[] bytes = Files.readAllBytes(bucket);
        bytes[(int)offsets[damaged] + 8] ^= 0x10; // a length byte
        Files.write(bucket, bytes);
        checkServedAroundTheDamage(bytes, offsets[damaged], damaged);
        // The damaged record was the file's tail: it went, with everything, into the copy; what is before it stayed.
        final byte[] now = Files.readAllBytes(bucket);
        assertArrayEquals(Arrays.copyOf(bytes, (int)offsets[damaged]), Arrays.copyOf(now, (int)offsets[damaged]));
    }

    /**
     * Puts the records through a node, stops it cleanly.
     *
     * @return the offsets of the records in the bucket, in put order.
     */
    private long[] fill() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir);
            LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
        {
            for (int i = 0; i < RECORDS; i++)
            {
                assertEquals(SwarmStatus.OK, client.put(CHANNEL, key(i), ascii(value(i))));
            }
            for (int i = 0; i < OTHER_RECORDS; i++)
            {
                assertEquals(SwarmStatus.OK, client.put(CHANNEL, OTHER_BUCKET_KEY + i, ascii("other " + i)));
            }
        }
        bucket = dataDir.resolve(CHANNEL).resolve("0000000060").resolve("000");
        final long[] offsets = new long[RECORDS];
        try (BucketReader reader = new BucketReader(64 * 1024))
        {
            assertTrue(reader.open(bucket));
            for (int i = 0; i < RECORDS; i++)
            {
                assertTrue(reader.next(), "record " + i);
                offsets[i] = reader.recordOffset();
            }
            assertEquals(Files.size(bucket), reader.position());
        }
        return offsets;
    }

    /**
     * Starts the node on the damaged file: reads serve every record but the damaged one, a Put into the bucket
     * is served with them, the file as found is in the copy, the log names file and offset; after another
     * restart, the same.
     */
    private void checkServedAroundTheDamage(final byte[] asFound, final long damageOffset, final int damaged)
        throws IOException
    {
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++)
        {
            if (i != damaged)
            {
                expected.add(value(i));
            }
        }
        try (LogCapture log = new LogCapture())
        {
            try (LogfilesNode node = TestNodes.launch(dataDir);
                LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
            {
                assertServed(expected, bucketValues(client), "served before any Put");
                assertEquals(OTHER_RECORDS, otherValues(client).size(), "the channel's other bucket");
                assertTrue(log.count(Level.WARNING, bucket + " ") > 0 &&
                    log.count(Level.WARNING, "offset " + damageOffset) > 0,
                    "a log line names " + bucket + " and offset " + damageOffset + ": " + log);

                assertEquals(SwarmStatus.OK, client.put(CHANNEL, key(5), ascii("after the damage")));
                expected.add("after the damage");
                assertServed(expected, bucketValues(client), "served after a Put into the damaged bucket");
                assertEquals(OTHER_RECORDS, otherValues(client).size(), "the channel's other bucket");
            }
            final Path copy = bucket.resolveSibling(bucket.getFileName() + ".bad");
            assertTrue(Files.isRegularFile(copy), "a copy of the damaged file is kept: " + log);
            assertArrayEquals(asFound, Files.readAllBytes(copy), "the copy holds the file as found");
            assertTrue(log.count(Level.WARNING, copy.toString()) > 0, "a log line names the copy: " + log);
        }
        try (LogfilesNode node = TestNodes.launch(dataDir);
            LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
        {
            assertServed(expected, bucketValues(client), "served after another restart");
            assertEquals(OTHER_RECORDS, otherValues(client).size(), "the channel's other bucket");
        }
    }

    /** The values of the damaged bucket, by GetRange over it; GetAll must serve the same. */
    private static List<String> bucketValues(final LogfilesClient client) throws IOException
    {
        final List<String> ranged = new ArrayList<>();
        assertEquals(SwarmStatus.OK, client.getRange(CHANNEL, BUCKET_KEY, BUCKET_KEY + 4095,
            (key, buffer, offset, length) -> ranged.add(buffer.getStringWithoutLengthAscii(offset, length))));
        final List<String> all = new ArrayList<>();
        assertEquals(SwarmStatus.OK, client.getAll(CHANNEL, (key, buffer, offset, length) ->
        {
            if (key < OTHER_BUCKET_KEY)
            {
                all.add(buffer.getStringWithoutLengthAscii(offset, length));
            }
        }));
        assertServed(ranged, all, "GetAll serves what GetRange serves");
        return ranged;
    }

    /** Compares record lists with a message of a line: thousands of values would say nothing more. */
    private static void assertServed(final List<String> expected, final List<String> served, final String what)
    {
        if (expected.equals(served))
        {
            return;
        }
        int first = 0;
        while (first < expected.size() && first < served.size() && expected.get(first).equals(served.get(first)))
        {
            first++;
        }
        fail(what + ": " + served.size() + " records served, " + expected.size() + " expected; the first difference " +
            "at record " + first + ": expected " +
                (first < expected.size() ? "'" + expected.get(first) + "'" : "none") +
            ", served " + (first < served.size() ? "'" + served.get(first) + "'" : "none"));
    }

    private static List<String> otherValues(final LogfilesClient client) throws IOException
    {
        final List<String> values = new ArrayList<>();
        assertEquals(SwarmStatus.OK, client.getRange(CHANNEL, OTHER_BUCKET_KEY, OTHER_BUCKET_KEY + 4095,
            (key, buffer, offset, length) -> values.add(buffer.getStringWithoutLengthAscii(offset, length))));
        return values;
    }

    private static int firstRecordFrom(final long[] offsets, final long offset)
    {
        int i = 0;
        while (offsets[i] < offset)
        {
            i++;
        }
        return i;
    }

    private static long key(final int i)
    {
        return BUCKET_KEY + i % 4096;
    }

    /** 13 to 92 bytes: 4,100 records make a bucket of about 290 KB, as in the case reported. */
    private static String value(final int i)
    {
        return String.format("record-%05d ", i) + "x".repeat(i % 80);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
