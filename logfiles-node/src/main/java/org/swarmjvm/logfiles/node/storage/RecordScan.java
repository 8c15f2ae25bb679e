package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.HexKey;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A GetAll or GetRange over one channel, run one batch at a time so that a worker can interleave it with other
 * work and the connection can send each batch before the next is read.
 * <p>
 * Order (the original's {@code StorageEngineStepIterator}): slot directories in ascending order, inside each the
 * bucket files in ascending order, inside each file the records in file order, which is append order, not key
 * order. Only buckets whose key range meets {@code [lower, upper]} are opened; inside the two boundary buckets
 * each record's key is compared with the bounds numerically (unsigned), not as text as the original did, whose
 * comparison of upper-case bounds dropped matching records. Directories and files are listed when the scan
 * reaches them; buckets of fewer than 16 bytes and names the node does not write ({@code 275.gz}, {@code 275.tmp})
 * are skipped. Inside a file the reader resynchronises after a damaged record (see {@link BucketReader}): the
 * records after it are served, and the damage is logged ({@link DamageLog}).
 * <p>
 * A record whose batch entry would not fit even an empty batch ({@code 32 + value length > batch size}) cannot be
 * sent in the legacy protocol; it is skipped and counted, as the original skips it.
 */
public final class RecordScan implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(RecordScan.class.getName());
    private static final long[] NO_SLOTS = new long[0];

    private final Path channelDir;
    private final long lower;
    private final long upper;
    private final long firstBucketId;
    private final long lastBucketId;
    private final RecordFilter filter;
    private final BucketReader reader;
    private final DamageLog damageLog;
    private final LegacySink legacySink = new LegacySink();
    private long[] slots;
    private int slotIndex;
    private Path slotDir;
    private long slotBucketBase;
    private int[] buckets;
    private int bucketIndex;
    private boolean readerOpen;
    private boolean pending;
    private boolean ended;
    private long records;
    private long valueBytes;
    private long skippedTooBig;

    /**
     * @param channelDir the channel's directory; a missing one scans as empty.
     * @param lower      smallest key, inclusive, unsigned.
     * @param upper      largest key, inclusive, unsigned; below {@code lower} the scan is empty.
     * @param filter     which values to return.
     * @param reader     a reader for this scan alone; closed with the scan.
     * @param damageLog  where to report damaged files.
     */
    RecordScan(final Path channelDir, final long lower, final long upper, final RecordFilter filter,
        final BucketReader reader, final DamageLog damageLog)
    {
        this.damageLog = damageLog;
        this.channelDir = channelDir;
        this.lower = lower;
        this.upper = upper;
        this.firstBucketId = BucketLayout.bucketId(lower);
        this.lastBucketId = BucketLayout.bucketId(upper);
        this.filter = filter;
        this.reader = reader;
        this.ended = Long.compareUnsigned(lower, upper) > 0;
    }

    /**
     * Receives the records of a scan: a legacy batch or a neo {@code Records} batch.
     */
    public interface RecordSink
    {
        /**
         * @param valueLength of a record.
         * @return false when a record of this size can never be taken: it is skipped.
         */
        boolean canEverTake(int valueLength);

        /**
         * @param key    of the record.
         * @param value  buffer holding the value.
         * @param offset of the value.
         * @param length of the value.
         * @return false, taking nothing, when the sink is full: the record is the first of the next fill.
         */
        boolean append(long key, DirectBuffer value, int offset, int length);
    }

    /**
     * Appends records to a legacy batch until it is full or the scan has ended.
     *
     * @param batch to append to; an entry that did not fit is the first of the next call.
     * @return true when the scan has ended: the batch holds its last records (and is the only batch, empty, when
     * nothing matched); false when the batch is full and more records follow.
     * @throws IOException when a directory or a bucket cannot be read.
     */
    public boolean fill(final RecordBatchWriter batch) throws IOException
    {
        legacySink.batch = batch;
        return fill(legacySink);
    }

    /**
     * Appends records to a sink until it is full or the scan has ended.
     *
     * @param batch to append to; an entry that did not fit is the first of the next call.
     * @return true when the scan has ended: the batch holds its last records (and is the only batch, empty, when
     * nothing matched); false when the batch is full and more records follow.
     * @throws IOException when a directory or a bucket cannot be read.
     */
    public boolean fill(final RecordSink batch) throws IOException
    {
        while (!ended)
        {
            if (!pending && !advance())
            {
                end();
                break;
            }
            pending = false;
            final long key = reader.key();
            if (Long.compareUnsigned(key, lower) < 0 || Long.compareUnsigned(key, upper) > 0)
            {
                continue;
            }
            final DirectBuffer value = reader.valueBuffer();
            final int offset = reader.valueOffset();
            final int length = reader.valueLength();
            try
            {
                if (!filter.matches(value, offset, length))
                {
                    continue;
                }
            }
            catch (final MatchLimitExceededException ex)
            {
                LOG.log(System.Logger.Level.WARNING, "{0}: scan ended at key {1}: {2}",
                    channelDir.getFileName(), HexKey.toString(key), ex.getMessage());
                end();
                break;
            }
            if (!batch.canEverTake(length))
            {
                skippedTooBig++;
                LOG.log(System.Logger.Level.WARNING, "{0}: record {1} of {2} bytes cannot fit a batch, skipped",
                    channelDir.getFileName(), HexKey.toString(key), length);
                continue;
            }
            if (!batch.append(key, value, offset, length))
            {
                pending = true;
                return false;
            }
            records++;
            valueBytes += length;
        }
        return true;
    }

    /**
     * @return true once {@link #fill} has returned true.
     */
    public boolean isEnded()
    {
        return ended;
    }

    /**
     * @return records appended to batches so far.
     */
    public long records()
    {
        return records;
    }

    /**
     * @return value bytes appended to batches so far.
     */
    public long valueBytes()
    {
        return valueBytes;
    }

    /**
     * @return records skipped because they cannot fit a batch.
     */
    public long skippedTooBig()
    {
        return skippedTooBig;
    }

    @Override
    public void close() throws IOException
    {
        ended = true;
        readerOpen = false;
        reader.close();
    }

    /**
     * Closes a scan that is being abandoned; a failure to close is only logged, as nothing is left to do.
     *
     * @param scan to close, or {@code null}.
     */
    public static void closeQuietly(final RecordScan scan)
    {
        if (null == scan)
        {
            return;
        }
        try
        {
            scan.close();
        }
        catch (final IOException ex)
        {
            LOG.log(System.Logger.Level.DEBUG, "closing scan", ex);
        }
    }

    private void end() throws IOException
    {
        close();
    }

    private boolean advance() throws IOException
    {
        while (true)
        {
            if (readerOpen)
            {
                if (reader.next())
                {
                    return true;
                }
                damageLog.scanned(slotDir.resolve(BucketLayout.bucketName(buckets[bucketIndex - 1])), reader);
                reader.close();
                readerOpen = false;
            }
            if (!openNextBucket())
            {
                return false;
            }
        }
    }

    private boolean openNextBucket() throws IOException
    {
        if (null == slots)
        {
            slots = listSlots();
        }
        while (true)
        {
            while (null != buckets && bucketIndex < buckets.length)
            {
                final int bucket = buckets[bucketIndex++];
                final Path file = slotDir.resolve(BucketLayout.bucketName(bucket));
                if (reader.open(file, 0, slotBucketBase | bucket))
                {
                    readerOpen = true;
                    return true;
                }
            }
            if (slotIndex >= slots.length)
            {
                return false;
            }
            final long slot = slots[slotIndex++];
            slotDir = channelDir.resolve(BucketLayout.slotName(slot));
            slotBucketBase = slot << (BucketLayout.SLOT_SHIFT - BucketLayout.BUCKET_SHIFT);
            buckets = listBuckets(slot);
            bucketIndex = 0;
        }
    }

    private long[] listSlots() throws IOException
    {
        final long firstSlot = firstBucketId >>> (BucketLayout.SLOT_SHIFT - BucketLayout.BUCKET_SHIFT);
        final long lastSlot = lastBucketId >>> (BucketLayout.SLOT_SHIFT - BucketLayout.BUCKET_SHIFT);
        long[] found = new long[16];
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(channelDir))
        {
            for (final Path entry : entries)
            {
                final long slot = BucketLayout.parseSlotName(entry.getFileName().toString());
                if (slot >= firstSlot && slot <= lastSlot && Files.isDirectory(entry))
                {
                    if (count == found.length)
                    {
                        found = Arrays.copyOf(found, 2 * count);
                    }
                    found[count++] = slot;
                }
            }
        }
        catch (final NoSuchFileException | NotDirectoryException ex)
        {
            return NO_SLOTS;
        }
        final long[] slotsFound = Arrays.copyOf(found, count);
        Arrays.sort(slotsFound);
        return slotsFound;
    }

    private int[] listBuckets(final long slot) throws IOException
    {
        final long slotBase = slot << (BucketLayout.SLOT_SHIFT - BucketLayout.BUCKET_SHIFT);
        final boolean[] present = new boolean[BucketLayout.BUCKETS_PER_SLOT];
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(slotDir))
        {
            for (final Path entry : entries)
            {
                final int bucket = BucketLayout.parseBucketName(entry.getFileName().toString());
                final long id = slotBase | Math.max(bucket, 0);
                if (bucket >= 0 && id >= firstBucketId && id <= lastBucketId && !present[bucket])
                {
                    present[bucket] = true;
                    count++;
                }
            }
        }
        catch (final NoSuchFileException | NotDirectoryException ex)
        {
            return new int[0];
        }
        final int[] found = new int[count];
        for (int bucket = 0, i = 0; i < count; bucket++)
        {
            if (present[bucket])
            {
                found[i++] = bucket;
            }
        }
        return found;
    }

    /**
     * Feeds a legacy batch, whose keys travel as 16 hex digits and whose size is a hard limit.
     */
    private static final class LegacySink implements RecordSink
    {
        private RecordBatchWriter batch;

        @Override
        public boolean canEverTake(final int valueLength)
        {
            return batch.fitsEmptyBatch(HexKey.LENGTH, valueLength);
        }

        @Override
        public boolean append(final long key, final DirectBuffer value, final int offset, final int length)
        {
            return batch.appendRecord(key, value, offset, length);
        }
    }
}
