package org.swarmjvm.queue.node.storage;

import java.nio.charset.StandardCharsets;

/**
 * Layout of {@code overflow.chains} (our own file, kept only while ring files exist): for every overflow id, which
 * storage its chain in {@code overflow.dat} belongs to and where the chain's oldest record is. The ring file of a
 * storage holds the same facts; this copy is what finds a storage's records on disk when its ring file's header is
 * damaged, because the records of {@code overflow.dat} carry an id but no storage name, and records popped long
 * ago stay in the file with valid headers. Little-endian; slot {@code i} at {@code i * SLOT_LENGTH}, slot 0 being
 * the file header (the magic, then zeros).
 * <pre>
 *   0       4       8               16              24      28      32
 *  +-------+-------+---------------+---------------+-------+-------+----------------- -
 *  | u32   | i32   | u64 ring file | i64 head:     | u32   | pad 0 | storage name
 *  | id    | name  | sequence      | first offset, | CRC32 |       | (ASCII, name length bytes)
 *  |       | length|               | 0 when empty  |       |       |
 *  +-------+-------+---------------+---------------+-------+-------+----------------- -
 * </pre>
 * The CRC covers bytes 0..15 and the name, not the head: the head is rewritten by every pop from disk with one
 * 8-byte write, and is trusted only when it points at a record of {@code overflow.dat} with a valid header and the
 * slot's id. A slot of zeros is free.
 */
public final class OverflowChainDescriptor
{
    /** The first 8 bytes of the file. */
    public static final byte[] MAGIC = "SWQCHNS1".getBytes(StandardCharsets.US_ASCII);

    /** Offset of the u32 overflow id. */
    public static final int ID_OFFSET = 0;
    /** Offset of the i32 storage name length. */
    public static final int NAME_LENGTH_OFFSET = ID_OFFSET + Integer.BYTES;
    /** Offset of the u64 sequence number of the storage's ring file ({@code <16 hex digits>.ring}). */
    public static final int RING_SEQUENCE_OFFSET = NAME_LENGTH_OFFSET + Integer.BYTES;
    /** Offset of the i64 offset of the chain's oldest record in {@code overflow.dat}. */
    public static final int HEAD_OFFSET = RING_SEQUENCE_OFFSET + Long.BYTES;
    /** Offset of the u32 CRC32 of bytes {@code 0 .. HEAD_OFFSET - 1} and the name. */
    public static final int CRC_OFFSET = HEAD_OFFSET + Long.BYTES;
    /** Offset of the storage name. */
    public static final int NAME_OFFSET = CRC_OFFSET + 2 * Integer.BYTES;
    /** Bytes of one slot. */
    public static final int SLOT_LENGTH = 512;
    /** Longest storage name a slot holds. */
    public static final int MAX_NAME_LENGTH = SLOT_LENGTH - NAME_OFFSET;

    private OverflowChainDescriptor()
    {
    }

    /**
     * @param id overflow id, at least 1.
     * @return offset of its slot in the file.
     */
    public static long slotOffset(final int id)
    {
        return (id & 0xffff_ffffL) * SLOT_LENGTH;
    }
}
