package org.swarmjvm.protocol.codec;

/**
 * The length prefix of an {@code ARRAY}: a u64, little-endian, counting the bytes that follow.
 * <pre>
 *   0                   8
 *  +-------------------+------------------ - -
 *  | u64 length (LE)   | length bytes ...
 *  +-------------------+------------------ - -
 * </pre>
 * {@code ARRAY("")} is therefore eight zero bytes; streams use it as their end marker.
 */
public final class ArrayPrefix
{
    /** Bytes taken by the prefix. */
    public static final int LENGTH = 8;

    /**
     * The largest array the legacy readers accept (swarm's {@code FiberSelectReader.max_array_size}): a longer one
     * is read, discarded, and the connection closed.
     */
    public static final int MAX_ARRAY_LENGTH = 10 * 1024 * 1024;

    private ArrayPrefix()
    {
    }
}
