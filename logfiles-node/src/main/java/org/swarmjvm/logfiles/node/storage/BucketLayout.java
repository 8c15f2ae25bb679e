package org.swarmjvm.logfiles.node.storage;

import java.nio.file.Path;

/**
 * Where a record lives: {@code <channel>/<slot>/<bucket>}, named from the 16 hex digits of its key.
 * <pre>
 *   key as 16 hex digits:   SSSSSSSSSS BBB KKK
 *                           |          |   +-- position within the bucket, in no name
 *                           |          +------ bucket file, 3 lower-case hex digits:   (key >>> 12) &amp; 0xfff
 *                           +----------------- slot directory, 10 lower-case digits:   key >>> 24
 * </pre>
 * A bucket covers 4096 keys, 68.3 minutes of second timestamps; a slot 2^24 keys, about 194 days. The "bucket
 * id" used for ordering and ranges is {@code key >>> 12}, slot and bucket together.
 */
public final class BucketLayout
{
    /** Bits of the key below the bucket: a bucket holds 2^12 keys. */
    public static final int BUCKET_SHIFT = 12;

    /** Bits of the key below the slot. */
    public static final int SLOT_SHIFT = 24;

    /** Buckets per slot. */
    public static final int BUCKETS_PER_SLOT = 1 << (SLOT_SHIFT - BUCKET_SHIFT);

    /** Digits of a slot directory's name. */
    public static final int SLOT_NAME_LENGTH = 10;

    /** Digits of a bucket file's name. */
    public static final int BUCKET_NAME_LENGTH = 3;

    private BucketLayout()
    {
    }

    /**
     * @param key a record key.
     * @return the slot number, {@code key >>> 24}.
     */
    public static long slot(final long key)
    {
        return key >>> SLOT_SHIFT;
    }

    /**
     * @param key a record key.
     * @return the bucket within its slot, 0..0xfff.
     */
    public static int bucket(final long key)
    {
        return (int)(key >>> BUCKET_SHIFT) & (BUCKETS_PER_SLOT - 1);
    }

    /**
     * @param key a record key.
     * @return the bucket id, {@code key >>> 12}: slot and bucket, ordered as the buckets are visited.
     */
    public static long bucketId(final long key)
    {
        return key >>> BUCKET_SHIFT;
    }

    /**
     * @param key a record key.
     * @return the first key of its bucket, as the checkpoint file names buckets.
     */
    public static long bucketStart(final long key)
    {
        return key & -(1L << BUCKET_SHIFT);
    }

    /**
     * @param slot a slot number.
     * @return its directory name: 10 lower-case hex digits.
     */
    public static String slotName(final long slot)
    {
        return pad(Long.toHexString(slot), SLOT_NAME_LENGTH);
    }

    /**
     * @param bucket a bucket within its slot.
     * @return its file name: 3 lower-case hex digits.
     */
    public static String bucketName(final int bucket)
    {
        return pad(Integer.toHexString(bucket), BUCKET_NAME_LENGTH);
    }

    /**
     * @param channelDir the channel's directory.
     * @param key        a record key.
     * @return the bucket file the key belongs in.
     */
    public static Path bucketPath(final Path channelDir, final long key)
    {
        return channelDir.resolve(slotName(slot(key))).resolve(bucketName(bucket(key)));
    }

    /**
     * The slot a directory name stands for. Only names the node itself would write count: the original parses
     * any hex name but then addresses the directory by the 10-digit rendering, so other names are invisible.
     *
     * @param name a directory name.
     * @return the slot, or -1 when the name is not exactly 10 lower-case hex digits.
     */
    public static long parseSlotName(final String name)
    {
        return parseHex(name, SLOT_NAME_LENGTH);
    }

    /**
     * The bucket a file name stands for; the original probes exactly these names, so {@code 275.gz} and
     * {@code 275.tmp} are never seen.
     *
     * @param name a file name.
     * @return the bucket, or -1 when the name is not exactly 3 lower-case hex digits.
     */
    public static int parseBucketName(final String name)
    {
        return (int)parseHex(name, BUCKET_NAME_LENGTH);
    }

    private static long parseHex(final String name, final int digits)
    {
        if (name.length() != digits)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits; i++)
        {
            final char c = name.charAt(i);
            final int d;
            if (c >= '0' && c <= '9')
            {
                d = c - '0';
            }
            else if (c >= 'a' && c <= 'f')
            {
                d = c - 'a' + 10;
            }
            else
            {
                return -1;
            }
            value = (value << 4) | d;
        }
        return value;
    }

    private static String pad(final String hex, final int digits)
    {
        return "0".repeat(digits - hex.length()) + hex;
    }
}
