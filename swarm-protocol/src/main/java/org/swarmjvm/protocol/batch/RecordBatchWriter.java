package org.swarmjvm.protocol.batch;

import io.airlift.compress.lzo.LzoCompressor;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.HexKey;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Collects records into one batch and writes it compressed, ready for the wire (swarm's {@code RecordBatcher}).
 * <pre>
 * uncompressed entry (key/value batch):  u64 len(key) | key | u64 len(value) | value
 * uncompressed entry (keys-only batch):  u64 len(key) | key
 * compressed batch:                      u64 uncompressed length | raw LZO1X-1 block
 * on the wire:                           ARRAY(compressed batch)
 * </pre>
 * Entries are appended until the next one would make the batch exceed its size; the caller then writes the
 * batch and starts a new one. One writer is reused for every batch of a connection: nothing is allocated per
 * batch.
 * <p>
 * A writer made by {@link #storingIncompressible} first compresses a sample (the batch's first
 * {@value #SAMPLE_LENGTH} bytes); when LZO saves less than 1/32 of it, the whole batch is written as one LZO1X
 * literal run instead, the block liblzo's own compressor writes for input it finds no match in. The block
 * decompresses to the same bytes in every LZO1X decompressor and is a 255th longer than the batch, plus 5
 * bytes (LZO's own worst case is a sixteenth longer); compressing a batch of random bytes costs several times
 * copying it, and saves nothing.
 */
public final class RecordBatchWriter
{
    /** Bytes an entry takes besides the key and the value: two u64 lengths. */
    public static final int ENTRY_OVERHEAD = 2 * ArrayPrefix.LENGTH;

    /** The LZO1X block of zero bytes: the end-of-stream marker alone. */
    static final byte[] EMPTY_BLOCK = {0x11, 0x00, 0x00};

    /** Bytes of a batch compressed to decide whether the whole batch is worth compressing. */
    static final int SAMPLE_LENGTH = 4096;

    private final int batchSize;
    private final byte[] uncompressed;
    private final UnsafeBuffer uncompressedBuffer;
    private final byte[] compressed;
    private final LzoCompressor compressor = new LzoCompressor();
    private final boolean storesIncompressible;
    private int length;
    private int entries;

    /**
     * @param batchSize the largest uncompressed batch, in bytes.
     */
    public RecordBatchWriter(final int batchSize)
    {
        this(batchSize, false);
    }

    private RecordBatchWriter(final int batchSize, final boolean storesIncompressible)
    {
        this.storesIncompressible = storesIncompressible;
        this.batchSize = batchSize;
        this.uncompressed = new byte[batchSize];
        this.uncompressedBuffer = new UnsafeBuffer(uncompressed);
        this.compressed = new byte[compressor.maxCompressedLength(batchSize)];
    }

    /**
     * A writer that sends a batch whose sample does not compress as one literal run (see the class comment).
     *
     * @param batchSize the largest uncompressed batch, in bytes.
     * @return the writer.
     */
    public static RecordBatchWriter storingIncompressible(final int batchSize)
    {
        return new RecordBatchWriter(batchSize, true);
    }

    /**
     * The most bytes {@link #writeArray(MutableDirectBuffer, int)} can write for a batch size.
     *
     * @param batchSize the largest uncompressed batch.
     * @return the wire length of the largest compressed batch, array prefix included.
     */
    public static int maxArrayLength(final int batchSize)
    {
        return 2 * ArrayPrefix.LENGTH + new LzoCompressor().maxCompressedLength(batchSize);
    }

    /**
     * @return the largest uncompressed batch, in bytes.
     */
    public int batchSize()
    {
        return batchSize;
    }

    /**
     * @return the uncompressed bytes collected so far.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return the entries collected so far.
     */
    public int entries()
    {
        return entries;
    }

    /**
     * Whether a record of this size could ever be sent in a batch of this writer's size.
     *
     * @param keyLength   bytes of the key.
     * @param valueLength bytes of the value.
     * @return true when the entry fits an empty batch.
     */
    public boolean fitsEmptyBatch(final int keyLength, final int valueLength)
    {
        return ENTRY_OVERHEAD + (long)keyLength + valueLength <= batchSize;
    }

    /**
     * Appends a key/value entry whose key is rendered as 16 hex digits.
     *
     * @param key         the record key.
     * @param value       buffer holding the value.
     * @param valueOffset of the value.
     * @param valueLength of the value.
     * @return false, appending nothing, when the entry does not fit what is left of the batch.
     */
    public boolean appendRecord(
        final long key, final DirectBuffer value, final int valueOffset, final int valueLength)
    {
        if (length + ENTRY_OVERHEAD + HexKey.LENGTH + valueLength > batchSize)
        {
            return false;
        }
        appendHexKey(key);
        uncompressedBuffer.putLong(length, valueLength, LITTLE_ENDIAN);
        uncompressedBuffer.putBytes(length + ArrayPrefix.LENGTH, value, valueOffset, valueLength);
        length += ArrayPrefix.LENGTH + valueLength;
        entries++;
        return true;
    }

    /**
     * Appends a key/value entry with the key's bytes as given (logfiles and forwarded batches).
     *
     * @param key         buffer holding the key.
     * @param keyOffset   of the key.
     * @param keyLength   of the key.
     * @param value       buffer holding the value.
     * @param valueOffset of the value.
     * @param valueLength of the value.
     * @return false, appending nothing, when the entry does not fit what is left of the batch.
     */
    public boolean appendRecord(
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        if ((long)length + ENTRY_OVERHEAD + keyLength + valueLength > batchSize)
        {
            return false;
        }
        appendArray(key, keyOffset, keyLength);
        appendArray(value, valueOffset, valueLength);
        entries++;
        return true;
    }

    /**
     * Appends a keys-only entry (GetAllKeys).
     *
     * @param key the record key, rendered as 16 hex digits.
     * @return false, appending nothing, when the entry does not fit what is left of the batch.
     */
    public boolean appendKey(final long key)
    {
        if (length + ArrayPrefix.LENGTH + HexKey.LENGTH > batchSize)
        {
            return false;
        }
        appendHexKey(key);
        entries++;
        return true;
    }

    /**
     * Compresses the batch and writes it as {@code ARRAY(u64 uncompressed length | LZO1X block)}, then starts a
     * new, empty batch. An empty batch is valid and written too (the node sends one for an empty channel).
     *
     * @param dst    buffer to write into; needs {@link #maxArrayLength(int)} bytes free.
     * @param offset where the array's length prefix goes.
     * @return bytes written.
     */
    public int writeArray(final MutableDirectBuffer dst, final int offset)
    {
        final int blockOffset = offset + 2 * ArrayPrefix.LENGTH;
        final byte[] dstArray = dst.byteArray();
        final int compressedLength;
        if (null != dstArray && dst.capacity() - blockOffset >= compressed.length)
        {
            // Straight into the destination's array when it has room for the worst case: one copy less.
            compressedLength = compress(dstArray, dst.wrapAdjustment() + blockOffset, dst.capacity() - blockOffset);
        }
        else
        {
            compressedLength = compress(compressed, 0, compressed.length);
            dst.putBytes(blockOffset, compressed, 0, compressedLength);
        }
        dst.putLong(offset, ArrayPrefix.LENGTH + compressedLength, LITTLE_ENDIAN);
        dst.putLong(offset + ArrayPrefix.LENGTH, length, LITTLE_ENDIAN);
        reset();
        return 2 * ArrayPrefix.LENGTH + compressedLength;
    }

    /**
     * Drops the entries collected so far.
     */
    public void reset()
    {
        length = 0;
        entries = 0;
    }

    private int compress(final byte[] out, final int outOffset, final int maxLength)
    {
        if (0 == length)
        {
            // The LZO library writes nothing for no input; liblzo, and so every legacy peer, writes a lone
            // end-of-stream marker, and the original's empty-channel answer carries exactly that.
            System.arraycopy(EMPTY_BLOCK, 0, out, outOffset, EMPTY_BLOCK.length);
            return EMPTY_BLOCK.length;
        }
        if (storesIncompressible && length > SAMPLE_LENGTH && !sampleCompresses())
        {
            return store(out, outOffset);
        }
        return compressor.compress(uncompressed, 0, length, out, outOffset, maxLength);
    }

    private boolean sampleCompresses()
    {
        final int sampleLength =
            compressor.compress(uncompressed, 0, SAMPLE_LENGTH, compressed, 0, compressed.length);
        return sampleLength < SAMPLE_LENGTH - SAMPLE_LENGTH / 32;
    }

    /**
     * Writes the batch, longer than the sample, as one literal run and the end-of-stream marker, encoded as
     * liblzo's lzo1x_1 encodes a run of more than 238 bytes: 0, then {@code length - 18} in the LZO length encoding
     * (a zero byte per 255, then the rest, never zero).
     */
    private int store(final byte[] out, final int outOffset)
    {
        int at = outOffset;
        out[at++] = 0;
        int rest = length - 18;
        while (rest > 255)
        {
            out[at++] = 0;
            rest -= 255;
        }
        out[at++] = (byte)rest;
        System.arraycopy(uncompressed, 0, out, at, length);
        at += length;
        System.arraycopy(EMPTY_BLOCK, 0, out, at, EMPTY_BLOCK.length);
        return at + EMPTY_BLOCK.length - outOffset;
    }

    private void appendHexKey(final long key)
    {
        uncompressedBuffer.putLong(length, HexKey.LENGTH, LITTLE_ENDIAN);
        HexKey.put(key, uncompressedBuffer, length + ArrayPrefix.LENGTH);
        length += ArrayPrefix.LENGTH + HexKey.LENGTH;
    }

    private void appendArray(final DirectBuffer src, final int offset, final int arrayLength)
    {
        uncompressedBuffer.putLong(length, arrayLength, LITTLE_ENDIAN);
        uncompressedBuffer.putBytes(length + ArrayPrefix.LENGTH, src, offset, arrayLength);
        length += ArrayPrefix.LENGTH + arrayLength;
    }
}
