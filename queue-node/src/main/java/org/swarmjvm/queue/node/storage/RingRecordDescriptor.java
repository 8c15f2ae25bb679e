package org.swarmjvm.queue.node.storage;

/**
 * A record inside a ring, and inside a {@code .rq} dump, which holds ring records unchanged: the payload length
 * as a u64, little-endian, then the payload, with no padding.
 * <pre>
 *   0                   8
 *  +-------------------+------------------ - -
 *  | u64 length L (LE) | L payload bytes
 *  +-------------------+------------------ - -
 * </pre>
 */
public final class RingRecordDescriptor
{
    /** Offset of the payload length. */
    public static final int LENGTH_OFFSET = 0;

    /** Bytes of the header before the payload. */
    public static final int HEADER_LENGTH = LENGTH_OFFSET + Long.BYTES;

    private RingRecordDescriptor()
    {
    }

    /**
     * @param payloadLength of a record.
     * @return the bytes the record takes in a ring: header plus payload.
     */
    public static long pushSize(final long payloadLength)
    {
        return HEADER_LENGTH + payloadLength;
    }
}
