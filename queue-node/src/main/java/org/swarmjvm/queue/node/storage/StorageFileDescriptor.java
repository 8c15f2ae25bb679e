package org.swarmjvm.queue.node.storage;

import java.nio.charset.StandardCharsets;

/**
 * Layout of a ring file: the crash-safe backing of one storage (our own format; the original kept rings only in
 * memory). The file is memory-mapped; every push and pop writes the record bytes first and then publishes the new
 * state with one aligned 4-byte store, so a process killed at any instruction leaves the last published state
 * intact on the page cache. Little-endian.
 * <pre>
 *   0        8        16       24     28     32             104            176            432       data offset
 *  +--------+--------+--------+------+------+--------------+--------------+--------------+---------+----------- -
 *  | magic  | u64    | u64    | i32  | i32  | state slot 0 | state slot 1 | subscriber   | channel | ring data
 *  |SWQRING1| capac. | seq.   |active|name C| (72 bytes)   | (72 bytes)   | name (256)   | name, C | (capacity)
 *  +--------+--------+--------+------+------+--------------+--------------+--------------+---------+----------- -
 * </pre>
 * A state slot, the one {@code active} names being current:
 * <pre>
 *   0 i64 readFrom | 8 i64 writeTo | 16 i64 gap | 24 i64 items            (the ring, see {@link Ring})
 *  32 u32 overflow id | 36 i32 subscriber name length, -1 for a plain storage
 *  40 i64 overflow first offset | 48 i64 overflow last offset | 56 i64 overflow records | 64 i64 overflow bytes
 * </pre>
 * The magic is written last when a file is created, so a file cut short by a crash is recognised and dropped (it
 * held no record). The data offset is the end of the channel name rounded up to 64 bytes.
 */
public final class StorageFileDescriptor
{
    /** The first 8 bytes of a ring file. */
    public static final byte[] MAGIC = "SWQRING1".getBytes(StandardCharsets.US_ASCII);

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the u64 ring capacity. */
    public static final int CAPACITY_OFFSET = MAGIC_OFFSET + 8;
    /** Offset of the u64 file sequence number: of two files for one storage, the higher one is newer. */
    public static final int SEQUENCE_OFFSET = CAPACITY_OFFSET + Long.BYTES;
    /** Offset of the i32 index (0 or 1) of the current state slot. */
    public static final int ACTIVE_SLOT_OFFSET = SEQUENCE_OFFSET + Long.BYTES;
    /** Offset of the i32 channel name length. */
    public static final int CHANNEL_LENGTH_OFFSET = ACTIVE_SLOT_OFFSET + Integer.BYTES;
    /** Offset of state slot 0. */
    public static final int SLOTS_OFFSET = CHANNEL_LENGTH_OFFSET + Integer.BYTES;

    /** Offset of readFrom in a slot. */
    public static final int READ_FROM_OFFSET = 0;
    /** Offset of writeTo in a slot. */
    public static final int WRITE_TO_OFFSET = READ_FROM_OFFSET + Long.BYTES;
    /** Offset of gap in a slot. */
    public static final int GAP_OFFSET = WRITE_TO_OFFSET + Long.BYTES;
    /** Offset of items in a slot. */
    public static final int ITEMS_OFFSET = GAP_OFFSET + Long.BYTES;
    /** Offset of the overflow id in a slot. */
    public static final int OVERFLOW_ID_OFFSET = ITEMS_OFFSET + Long.BYTES;
    /** Offset of the subscriber name length in a slot. */
    public static final int SUBSCRIBER_LENGTH_OFFSET = OVERFLOW_ID_OFFSET + Integer.BYTES;
    /** Offset of the overflow first offset in a slot. */
    public static final int OVERFLOW_FIRST_OFFSET = SUBSCRIBER_LENGTH_OFFSET + Integer.BYTES;
    /** Offset of the overflow last offset in a slot. */
    public static final int OVERFLOW_LAST_OFFSET = OVERFLOW_FIRST_OFFSET + Long.BYTES;
    /** Offset of the overflow record count in a slot. */
    public static final int OVERFLOW_RECORDS_OFFSET = OVERFLOW_LAST_OFFSET + Long.BYTES;
    /** Offset of the overflow payload bytes in a slot. */
    public static final int OVERFLOW_BYTES_OFFSET = OVERFLOW_RECORDS_OFFSET + Long.BYTES;
    /** Bytes of one state slot. */
    public static final int SLOT_LENGTH = OVERFLOW_BYTES_OFFSET + Long.BYTES;

    /** Offset of the subscriber name. */
    public static final int SUBSCRIBER_OFFSET = SLOTS_OFFSET + 2 * SLOT_LENGTH;
    /** Longest subscriber name. */
    public static final int MAX_SUBSCRIBER_LENGTH = 255;
    /** Offset of the channel name. */
    public static final int CHANNEL_OFFSET = SUBSCRIBER_OFFSET + MAX_SUBSCRIBER_LENGTH + 1;

    /** Alignment of the ring data. */
    public static final int DATA_ALIGNMENT = 64;
    /** Upper bound of the header for any channel name the node accepts. */
    public static final int MAX_HEADER_LENGTH = 8192;

    private StorageFileDescriptor()
    {
    }

    /**
     * @param slot 0 or 1.
     * @return offset of that state slot.
     */
    public static int slotOffset(final int slot)
    {
        return SLOTS_OFFSET + slot * SLOT_LENGTH;
    }

    /**
     * @param channelLength bytes of the channel name.
     * @return offset of the ring data.
     */
    public static int dataOffset(final int channelLength)
    {
        return (CHANNEL_OFFSET + channelLength + DATA_ALIGNMENT - 1) & -DATA_ALIGNMENT;
    }
}
