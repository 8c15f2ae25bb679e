package org.swarmjvm.protocol.batch;

import io.airlift.compress.lzo.LzoCompressor;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.HexKey;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Collects records into one batch and writes it compressed, ready for the wire: the one LZO batch writer of every
 * protocol (legacy DHT and logfiles {@code RecordBatcher}, neo DHT GetAll and Mirror, neo logfiles GetRange).
 * <pre>
 * uncompressed entry (key/value batch):  key | u64 len(value) | value
 * uncompressed entry (keys-only batch):  key
 * key, by {@link KeyFormat}:             HEX_ARRAY   u64 16 | 16 hex digits (legacy)
 *                                        LONG_ARRAY  u64 8 | u64 key        (neo DHT GetAll)
 *                                        BARE_LONG   u64 key                (neo DHT Mirror, neo logfiles GetRange)
 * compressed batch:                      u64 uncompressed length | raw LZO1X-1 block
 * on the wire, {@link #writeArray}:      ARRAY(compressed batch)
 * on the wire, {@link #writeLengthThenArray}: u64 uncompressed length | ARRAY(raw LZO1X-1 block) (neo logfiles)
 * </pre>
 * A writer made by the constructors has a hard limit: entries are appended until the next one would make the batch
 * exceed its size; the caller then writes the batch and starts a new one. A writer made by {@link #belowThreshold}
 * has a soft one, as the neo originals: an entry of any size is appended while the batch is below the threshold, and
 * the buffers grow to the largest batch. One writer is reused for every batch of a connection: nothing is allocated
 * per batch.
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

    /** How a {@code long} key is written into an entry. */
    public enum KeyFormat
    {
        /** An array of the key's 16 hex digits, as the legacy protocols send keys. */
        HEX_ARRAY(ArrayPrefix.LENGTH + HexKey.LENGTH),
        /** An array of the key's 8 little-endian bytes, as neo GetAll sends keys. */
        LONG_ARRAY(ArrayPrefix.LENGTH + Long.BYTES),
        /** The key's 8 little-endian bytes alone, as neo Mirror and GetRange send keys and timestamps. */
        BARE_LONG(Long.BYTES);

        private final int entryLength;

        KeyFormat(final int entryLength)
        {
            this.entryLength = entryLength;
        }
    }

    /** Uncompressed bytes a soft-limited writer holds at first: a batch just below the threshold plus one entry. */
    private static final int SOFT_LIMIT_HEADROOM = 2;

    /** The LZO1X block of zero bytes: the end-of-stream marker alone. */
    static final byte[] EMPTY_BLOCK = {0x11, 0x00, 0x00};

    /** Bytes of a batch compressed to decide whether the whole batch is worth compressing. */
    static final int SAMPLE_LENGTH = 4096;

    private final int batchSize;
    private final KeyFormat keyFormat;
    private final boolean softLimit;
    private final ExpandableArrayBuffer uncompressed;
    private final LzoCompressor compressor = new LzoCompressor();
    private final boolean storesIncompressible;
    private byte[] compressed;
    private int length;
    private int entries;

    /**
     * A writer of legacy batches, keys as hex arrays.
     *
     * @param batchSize the largest uncompressed batch, in bytes.
     */
    public RecordBatchWriter(final int batchSize)
    {
        this(KeyFormat.HEX_ARRAY, batchSize);
    }

    /**
     * A writer whose batches never exceed their size.
     *
     * @param keyFormat how keys are written.
     * @param batchSize the largest uncompressed batch, in bytes.
     */
    public RecordBatchWriter(final KeyFormat keyFormat, final int batchSize)
    {
        this(keyFormat, batchSize, false, false, batchSize);
    }

    private RecordBatchWriter(
        final KeyFormat keyFormat,
        final int batchSize,
        final boolean softLimit,
        final boolean storesIncompressible,
        final int capacity)
    {
        this.keyFormat = keyFormat;
        this.storesIncompressible = storesIncompressible;
        this.softLimit = softLimit;
        this.batchSize = batchSize;
        this.uncompressed = new ExpandableArrayBuffer(capacity);
        this.compressed = new byte[compressor.maxCompressedLength(capacity)];
    }

    /**
     * A writer that sends a batch whose sample does not compress as one literal run (see the class comment).
     *
     * @param batchSize the largest uncompressed batch, in bytes.
     * @return the writer.
     */
    public static RecordBatchWriter storingIncompressible(final int batchSize)
    {
        return new RecordBatchWriter(KeyFormat.HEX_ARRAY, batchSize, false, true, batchSize);
    }

    /**
     * A writer with a soft limit (see the class comment): entries are appended while the batch is below the
     * threshold.
     *
     * @param keyFormat how keys are written.
     * @param threshold uncompressed bytes from which the batch is full.
     * @return the writer.
     */
    public static RecordBatchWriter belowThreshold(final KeyFormat keyFormat, final int threshold)
    {
        return new RecordBatchWriter(keyFormat, threshold, true, false, SOFT_LIMIT_HEADROOM * threshold);
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
     * @return bytes left before the batch reaches its size (or threshold).
     */
    public int free()
    {
        return batchSize - length;
    }

    /**
     * @return true once a soft-limited batch has reached its threshold, or a hard-limited one its size.
     */
    public boolean isFull()
    {
        return length >= batchSize;
    }

    /**
     * @return uncompressed bytes a keys-only entry takes.
     */
    public int keyEntryLength()
    {
        return keyFormat.entryLength;
    }

    /**
     * @param valueLength bytes of the value.
     * @return uncompressed bytes a key/value entry takes.
     */
    public int recordEntryLength(final int valueLength)
    {
        return keyFormat.entryLength + ArrayPrefix.LENGTH + valueLength;
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
     * Appends a key/value entry, the key written in this writer's {@link KeyFormat}.
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
        if (!hasRoomFor(recordEntryLength(valueLength)))
        {
            return false;
        }
        appendLongKey(key);
        appendArray(value, valueOffset, valueLength);
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
        if (!hasRoomFor((long)ENTRY_OVERHEAD + keyLength + valueLength))
        {
            return false;
        }
        appendArray(key, keyOffset, keyLength);
        appendArray(value, valueOffset, valueLength);
        entries++;
        return true;
    }

    /**
     * Appends a keys-only entry (GetAllKeys), the key written in this writer's {@link KeyFormat}.
     *
     * @param key the record key.
     * @return false, appending nothing, when the entry does not fit what is left of the batch.
     */
    public boolean appendKey(final long key)
    {
        if (!hasRoomFor(keyFormat.entryLength))
        {
            return false;
        }
        appendLongKey(key);
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
        final int compressedLength = writeBlock(dst, offset + 2 * ArrayPrefix.LENGTH);
        dst.putLong(offset, ArrayPrefix.LENGTH + compressedLength, LITTLE_ENDIAN);
        dst.putLong(offset + ArrayPrefix.LENGTH, length, LITTLE_ENDIAN);
        reset();
        return 2 * ArrayPrefix.LENGTH + compressedLength;
    }

    /**
     * The most bytes {@link #writeLengthThenArray} writes for the entries collected.
     *
     * @return the wire length of the batch compressed at worst.
     */
    public int maxWrittenLength()
    {
        return 2 * ArrayPrefix.LENGTH + compressor.maxCompressedLength(length);
    }

    /**
     * Compresses the batch and writes it as {@code u64 uncompressed length | ARRAY(LZO1X block)} (neo logfiles:
     * the length stands before the array, not inside it), then starts a new, empty batch.
     *
     * @param dst    buffer to write into; needs {@link #maxWrittenLength()} bytes free, or to grow on demand.
     * @param offset where the uncompressed length goes.
     * @return bytes written.
     */
    public int writeLengthThenArray(final MutableDirectBuffer dst, final int offset)
    {
        final int compressedLength = writeBlock(dst, offset + 2 * ArrayPrefix.LENGTH);
        dst.putLong(offset, length, LITTLE_ENDIAN);
        dst.putLong(offset + ArrayPrefix.LENGTH, compressedLength, LITTLE_ENDIAN);
        reset();
        return 2 * ArrayPrefix.LENGTH + compressedLength;
    }

    private int writeBlock(final MutableDirectBuffer dst, final int blockOffset)
    {
        ensureCompressedCapacity();
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
        return compressedLength;
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
        return compressor.compress(uncompressed.byteArray(), 0, length, out, outOffset, maxLength);
    }

    /**
     * A soft-limited batch may have grown past the buffer the worst case of its compression was sized for.
     */
    private void ensureCompressedCapacity()
    {
        final int maxCompressedLength = compressor.maxCompressedLength(length);
        if (compressed.length < maxCompressedLength)
        {
            compressed = new byte[maxCompressedLength];
        }
    }

    private boolean hasRoomFor(final long entryLength)
    {
        return softLimit ? length < batchSize : length + entryLength <= batchSize;
    }

    private boolean sampleCompresses()
    {
        final int sampleLength =
            compressor.compress(uncompressed.byteArray(), 0, SAMPLE_LENGTH, compressed, 0, compressed.length);
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
        System.arraycopy(uncompressed.byteArray(), 0, out, at, length);
        at += length;
        System.arraycopy(EMPTY_BLOCK, 0, out, at, EMPTY_BLOCK.length);
        return at + EMPTY_BLOCK.length - outOffset;
    }

    private void appendLongKey(final long key)
    {
        switch (keyFormat)
        {
            case HEX_ARRAY:
                uncompressed.putLong(length, HexKey.LENGTH, LITTLE_ENDIAN);
                HexKey.put(key, uncompressed, length + ArrayPrefix.LENGTH);
                break;
            case LONG_ARRAY:
                uncompressed.putLong(length, Long.BYTES, LITTLE_ENDIAN);
                uncompressed.putLong(length + ArrayPrefix.LENGTH, key, LITTLE_ENDIAN);
                break;
            default:
                uncompressed.putLong(length, key, LITTLE_ENDIAN);
                break;
        }
        length += keyFormat.entryLength;
    }

    private void appendArray(final DirectBuffer src, final int offset, final int arrayLength)
    {
        uncompressed.putLong(length, arrayLength, LITTLE_ENDIAN);
        uncompressed.putBytes(length + ArrayPrefix.LENGTH, src, offset, arrayLength);
        length += ArrayPrefix.LENGTH + arrayLength;
    }
}
