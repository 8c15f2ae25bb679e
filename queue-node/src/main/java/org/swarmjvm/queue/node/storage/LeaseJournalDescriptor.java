package org.swarmjvm.queue.node.storage;

import java.nio.charset.StandardCharsets;

/**
 * Layout of a lease journal: the crash-safe backing of one channel's {@link LeaseTable} (ours; the original had
 * no leases). The file is memory-mapped at its full size and split into two halves; records are appended to the
 * active half and change state in place, each change one aligned 4-byte store, so a process killed at any
 * instruction leaves every earlier change on the page cache. When the active half is full, the live records are
 * copied to the other half and one aligned 8-byte store of the {@code generation} word makes it active. Little-endian.
 * <pre>
 *   0        8      12     16                  24              32        64            64 + half
 *  +--------+------+------+-------------------+---------------+--------+-------------+-------------+
 *  | magic  | u32  | u32  | u64 generation    | u64 next      | zero   | half 0      | half 1      |
 *  |SWQLEAS1| vers.| 0    | (g &lt;&lt; 1 | half) | lease id      |        | (half size) | (half size) |
 *  +--------+------+------+-------------------+---------------+--------+-------------+-------------+
 * </pre>
 * A record, 8-aligned, its value padded to 8 bytes:
 * <pre>
 *   0 i32 state | 4 u32 generation (low 32 bits) | 8 u64 lease id | 16 i32 deliveries | 20 i32 value length
 *  24 i64 lease deadline (the node's nano clock; meaningless after a restart) | 32 value
 * </pre>
 * A record is written with state 0 first, then its fields and value, then its state: a replay of the active half
 * reads records until one has state 0 or another generation (a record left from an older use of the half).
 */
public final class LeaseJournalDescriptor
{
    /** The first 8 bytes of a lease journal. */
    public static final byte[] MAGIC = "SWQLEAS1".getBytes(StandardCharsets.US_ASCII);
    /** Format version. */
    public static final int VERSION = 1;
    /** Suffix of a lease journal's file name; the name before it is the channel's. */
    public static final String SUFFIX = ".leases";

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the u32 format version. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + 8;
    /** Offset of the u64 generation word: the generation shifted left by one, or'ed with the active half. */
    public static final int GENERATION_OFFSET = VERSION_OFFSET + 2 * Integer.BYTES;
    /** Offset of the u64 lease id the next Take gets. */
    public static final int NEXT_LEASE_ID_OFFSET = GENERATION_OFFSET + Long.BYTES;
    /** Length of the header; half 0 starts here. */
    public static final int HEADER_LENGTH = 64;

    /** Offset of the i32 state in a record. */
    public static final int STATE_OFFSET = 0;
    /** Offset of the u32 generation in a record. */
    public static final int RECORD_GENERATION_OFFSET = STATE_OFFSET + Integer.BYTES;
    /** Offset of the u64 lease id in a record. */
    public static final int LEASE_ID_OFFSET = RECORD_GENERATION_OFFSET + Integer.BYTES;
    /** Offset of the i32 delivery count in a record: how many times the record was handed out by a Take. */
    public static final int DELIVERIES_OFFSET = LEASE_ID_OFFSET + Long.BYTES;
    /** Offset of the i32 value length in a record. */
    public static final int VALUE_LENGTH_OFFSET = DELIVERIES_OFFSET + Integer.BYTES;
    /** Offset of the i64 lease deadline in a record. */
    public static final int DEADLINE_OFFSET = VALUE_LENGTH_OFFSET + Integer.BYTES;
    /** Offset of the value in a record; also the length of a record's header. */
    public static final int VALUE_OFFSET = DEADLINE_OFFSET + Long.BYTES;

    /** Record state: none written here (the end of the half). */
    public static final int STATE_END = 0;
    /** Record state: taken, its lease running. */
    public static final int STATE_LEASED = 1;
    /** Record state: nacked or expired, ready again at the head of the channel. */
    public static final int STATE_RETURNED = 2;
    /** Record state: acked, popped or dead-lettered; dropped at the next compaction. */
    public static final int STATE_DONE = 3;

    private LeaseJournalDescriptor()
    {
    }

    /**
     * @param valueLength of the record's value.
     * @return the bytes the record takes in a half.
     */
    public static int recordLength(final int valueLength)
    {
        return VALUE_OFFSET + ((valueLength + 7) & ~7);
    }

    /**
     * @param fileLength of the journal.
     * @return the bytes of one half.
     */
    public static int halfLength(final long fileLength)
    {
        return (int)((fileLength - HEADER_LENGTH) / 2) & ~7;
    }
}
