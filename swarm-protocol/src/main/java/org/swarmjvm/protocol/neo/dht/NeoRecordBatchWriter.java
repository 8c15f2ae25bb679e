package org.swarmjvm.protocol.neo.dht;

import io.airlift.compress.lzo.LzoCompressor;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Collects DHT records into one compressed neo batch.
 * <pre>
 * GetAll (RecordBatcher):     u64 8 | u64 key | u64 len(value) | value     keys only: u64 8 | u64 key
 * Mirror (BatchWriter):       u64 key | u64 len(value) | value
 * on the wire:                ARRAY(u64 uncompressed length | LZO1X-1 block)
 * </pre>
 */
public final class NeoRecordBatchWriter
{
    /** The most uncompressed bytes of a batch (swarm's {@code DefaultMaxBatchSize}). */
    public static final int BATCH_SIZE = 64 * 1024;
    private static final byte[] EMPTY_BLOCK = {0x11, 0x00, 0x00};

    private final boolean keyPrefixed;
    private final byte[] uncompressed;
    private final UnsafeBuffer batch;
    private final byte[] compressed;
    private final LzoCompressor compressor = new LzoCompressor();
    private int length;

    /**
     * @param keyPrefixed true for GetAll batches (key as an 8-byte array), false for Mirror refresh batches.
     * @param capacity    the most uncompressed bytes held (Mirror batches may exceed 64 KiB by one record).
     */
    public NeoRecordBatchWriter(final boolean keyPrefixed, final int capacity)
    {
        this.keyPrefixed = keyPrefixed;
        this.uncompressed = new byte[capacity];
        this.batch = new UnsafeBuffer(uncompressed);
        this.compressed = new byte[compressor.maxCompressedLength(capacity)];
    }

    /**
     * @return uncompressed bytes collected.
     */
    public int length()
    {
        return length;
    }

    /**
     * @param valueLength of a value.
     * @return uncompressed bytes the record takes.
     */
    public int entryLength(final int valueLength)
    {
        return (keyPrefixed ? 3 : 2) * Long.BYTES + valueLength;
    }

    /**
     * @return bytes still free.
     */
    public int free()
    {
        return uncompressed.length - length;
    }

    /**
     * Appends a record; the caller checked {@link #free()}.
     *
     * @param key    of the record.
     * @param value  buffer holding the value.
     * @param offset of the value.
     * @param valueLength of the value.
     */
    public void append(final long key, final DirectBuffer value, final int offset, final int valueLength)
    {
        appendKey(key);
        batch.putLong(length, valueLength, LITTLE_ENDIAN);
        batch.putBytes(length + Long.BYTES, value, offset, valueLength);
        length += Long.BYTES + valueLength;
    }

    /**
     * Appends a key only (GetAll keys-only); the caller checked {@link #free()}.
     *
     * @param key of the record.
     */
    public void appendKey(final long key)
    {
        if (keyPrefixed)
        {
            batch.putLong(length, Long.BYTES, LITTLE_ENDIAN);
            length += Long.BYTES;
        }
        batch.putLong(length, key, LITTLE_ENDIAN);
        length += Long.BYTES;
    }

    /**
     * @return the most bytes {@link #writeArray} writes.
     */
    public int maxArrayLength()
    {
        return 2 * Long.BYTES + compressed.length;
    }

    /**
     * Compresses and writes {@code ARRAY(u64 length | LZO block)}, then empties the batch.
     *
     * @param dst    buffer to write into (must grow on demand).
     * @param offset of the array prefix.
     * @return bytes written.
     */
    public int writeArray(final MutableDirectBuffer dst, final int offset)
    {
        final int compressedLength;
        if (0 == length)
        {
            System.arraycopy(EMPTY_BLOCK, 0, compressed, 0, EMPTY_BLOCK.length);
            compressedLength = EMPTY_BLOCK.length;
        }
        else
        {
            compressedLength = compressor.compress(uncompressed, 0, length, compressed, 0, compressed.length);
        }
        dst.putLong(offset, Long.BYTES + compressedLength, LITTLE_ENDIAN);
        dst.putLong(offset + Long.BYTES, length, LITTLE_ENDIAN);
        dst.putBytes(offset + 2 * Long.BYTES, compressed, 0, compressedLength);
        length = 0;
        return 2 * Long.BYTES + compressedLength;
    }
}
