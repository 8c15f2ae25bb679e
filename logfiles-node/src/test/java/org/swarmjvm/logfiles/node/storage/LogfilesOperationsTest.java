package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.storage.LogfilesOperations.PutCheck;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The logfiles storage rules, each outcome of each check and of the Put that needs no disk, over a real storage in
 * a temporary data folder, without a socket.
 */
class LogfilesOperationsTest
{
    private static final long KEY = 0x60000000L;

    @TempDir
    Path dataDir;

    @Test
    void aChannelNameIsOneTo255AlphanumericUnderscoreOrDashBytes()
    {
        assertTrue(isValid("Channel_1-a"));
        assertTrue(isValid("c".repeat(LogfilesConst.MAX_CHANNEL_NAME_LENGTH)));
        assertFalse(isValid(""));
        assertFalse(isValid("c".repeat(LogfilesConst.MAX_CHANNEL_NAME_LENGTH + 1)));
        assertFalse(isValid("a/b"), "it becomes a directory");
        assertFalse(isValid(".."));
    }

    @Test
    void aPutValueIsCheckedForItsLimitBeforeBeingEmpty()
    {
        assertEquals(PutCheck.ACCEPTED, LogfilesOperations.checkPutValue(false, 1));
        assertEquals(PutCheck.ACCEPTED, LogfilesOperations.checkPutValue(false, LogfilesConst.MAX_PUT_VALUE_LENGTH));
        assertEquals(PutCheck.VALUE_TOO_BIG,
            LogfilesOperations.checkPutValue(false, LogfilesConst.MAX_PUT_VALUE_LENGTH + 1));
        assertEquals(PutCheck.VALUE_TOO_BIG, LogfilesOperations.checkPutValue(true, 0), "dropped by the decoder");
        assertEquals(PutCheck.EMPTY_VALUE, LogfilesOperations.checkPutValue(false, 0));
    }

    @Test
    void theBufferedPutLeavesAMissingChannelToTheWorker() throws IOException
    {
        try (LogfilesStorage storage = LogfilesStorage.open(StorageSettings.defaults(dataDir)))
        {
            assertFalse(new LogfilesOperations(storage).appendBuffered("new", KEY, ascii("v"), 0, 1));
            assertNull(storage.channel("new"), "created without the worker");
        }
    }

    @Test
    void theBufferedPutLeavesABucketNotOpenYetToTheWorker() throws IOException
    {
        try (LogfilesStorage storage = LogfilesStorage.open(StorageSettings.defaults(dataDir)))
        {
            storage.createChannel("ch");
            assertFalse(new LogfilesOperations(storage).appendBuffered("ch", KEY, ascii("v"), 0, 1));
            final long otherBucket = KEY + (1L << 40);
            assertNotEquals(BucketLayout.bucketId(KEY), BucketLayout.bucketId(otherBucket));
            append(storage, "ch", KEY, "opens the bucket");
            assertFalse(new LogfilesOperations(storage).appendBuffered("ch", otherBucket, ascii("v"), 0, 1));
        }
    }

    @Test
    void theBufferedPutAppendsToTheOpenBucketsWriteBufferAndTheFlushWritesIt() throws IOException
    {
        try (LogfilesStorage storage = LogfilesStorage.open(StorageSettings.defaults(dataDir)))
        {
            append(storage, "ch", KEY, "opens the bucket");
            storage.flush();
            final long written = channelBytes("ch");
            final DirectBuffer value = ascii("buffered");
            assertTrue(new LogfilesOperations(storage).appendBuffered("ch", KEY + 1, value, 0, value.capacity()));
            assertEquals(written, channelBytes("ch"), "written before the flush");
            storage.flush();
            assertTrue(channelBytes("ch") >= written + value.capacity(), "the flush wrote the record");
        }
    }

    @Test
    void theBufferedPutLeavesAFullWriteBufferToTheWorker() throws IOException
    {
        final StorageSettings settings = new StorageSettings(dataDir, 64, StorageSettings.DEFAULT_READ_BUFFER_SIZE,
            StorageSettings.DEFAULT_OPEN_BUCKETS_PER_CHANNEL);
        try (LogfilesStorage storage = LogfilesStorage.open(settings))
        {
            append(storage, "ch", KEY, "opens the bucket");
            final DirectBuffer value = ascii("v".repeat(64));
            assertFalse(new LogfilesOperations(storage).appendBuffered("ch", KEY + 1, value, 0, value.capacity()));
        }
    }

    @Test
    void theBufferedPutLeavesARemovedChannelAlone() throws IOException
    {
        try (LogfilesStorage storage = LogfilesStorage.open(StorageSettings.defaults(dataDir)))
        {
            append(storage, "ch", KEY, "opens the bucket");
            final LogfilesOperations operations = new LogfilesOperations(storage);
            assertTrue(storage.removeChannel("ch"));
            assertFalse(operations.appendBuffered("ch", KEY + 1, ascii("v"), 0, 1));
            assertNull(storage.channel("ch"));
        }
    }

    private static boolean isValid(final String name)
    {
        final DirectBuffer bytes = ascii(name);
        return LogfilesOperations.isValidChannel(bytes, 0, bytes.capacity());
    }

    private static void append(final LogfilesStorage storage, final String channel, final long key,
        final String value) throws IOException
    {
        storage.createChannel(channel);
        final DirectBuffer bytes = ascii(value);
        storage.append(channel, key, bytes, 0, bytes.capacity());
    }

    private long channelBytes(final String channel) throws IOException
    {
        try (Stream<Path> files = Files.walk(dataDir.resolve(channel)))
        {
            long bytes = 0;
            for (final Path file : (Iterable<Path>)files.filter(Files::isRegularFile)::iterator)
            {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }

    private static DirectBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
