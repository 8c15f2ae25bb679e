package org.swarmjvm.protocol.batch;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lzo.LzoDecompressor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.codec.ArrayPrefix;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Decompresses a record batch (see {@link RecordBatchWriter} for the layout) and steps through its entries.
 * <p>
 * The original trusts the declared uncompressed length and uses liblzo's unchecked decompressor, so a corrupt
 * batch crashed it. Here the declared length is capped at {@link #MAX_UNCOMPRESSED_LENGTH}, decompression is
 * bounds-checked, and the result must have exactly the declared length; anything else is a
 * {@link SwarmProtocolException}, which closes the connection. The reader's buffers grow to the largest batch
 * seen and are then reused.
 */
public final class RecordBatchReader
{
    /** Largest uncompressed batch accepted: 16 MiB (the original sets no limit). */
    public static final int MAX_UNCOMPRESSED_LENGTH = 16 * 1024 * 1024;
    /** Buffers larger than this are given back by {@link #releaseLargeBuffers()}; clients send 64 KiB batches. */
    public static final int RETAINED_LENGTH = 1024 * 1024;

    private final LzoDecompressor decompressor = new LzoDecompressor();
    private final UnsafeBuffer entriesBuffer = new UnsafeBuffer(new byte[0]);
    private byte[] compressedScratch = new byte[0];
    private byte[] uncompressed = new byte[0];
    private int length;
    private int position;
    private int keyOffset;
    private int keyLength;
    private int valueOffset;
    private int valueLength;

    /**
     * Decompresses a batch: the content of the wire {@code ARRAY}, starting with the u64 uncompressed length.
     *
     * @param src    buffer holding the batch.
     * @param offset of the u64 uncompressed length.
     * @param batchLength bytes of the batch (the ARRAY's length).
     * @return this reader, positioned before the first entry.
     * @throws SwarmProtocolException when the batch is malformed.
     */
    public RecordBatchReader wrap(final DirectBuffer src, final int offset, final int batchLength)
    {
        if (batchLength < ArrayPrefix.LENGTH)
        {
            throw new SwarmProtocolException("record batch of " + batchLength + " bytes has no length header");
        }
        final long declared = src.getLong(offset, LITTLE_ENDIAN);
        if (declared < 0 || declared > MAX_UNCOMPRESSED_LENGTH)
        {
            throw new SwarmProtocolException("record batch declares " + Long.toUnsignedString(declared) +
                " uncompressed bytes, over the limit of " + MAX_UNCOMPRESSED_LENGTH);
        }
        final int compressedLength = batchLength - ArrayPrefix.LENGTH;
        if (0 == declared)
        {
            return wrapEmpty(src, offset + ArrayPrefix.LENGTH, compressedLength);
        }
        if (compressedScratch.length < compressedLength)
        {
            compressedScratch = new byte[compressedLength];
        }
        src.getBytes(offset + ArrayPrefix.LENGTH, compressedScratch, 0, compressedLength);
        if (uncompressed.length < declared)
        {
            uncompressed = new byte[(int)declared];
            entriesBuffer.wrap(uncompressed);
        }
        final int actual;
        try
        {
            actual = decompressor.decompress(compressedScratch, 0, compressedLength, uncompressed, 0, (int)declared);
        }
        catch (final MalformedInputException | IndexOutOfBoundsException ex)
        {
            throw new SwarmProtocolException("record batch is not valid LZO1X: " + ex.getMessage(), ex);
        }
        if (actual != declared)
        {
            throw new SwarmProtocolException(
                "record batch declares " + declared + " uncompressed bytes but holds " + actual);
        }
        length = actual;
        position = 0;
        return this;
    }

    /**
     * Gives back the buffers an unusually large batch made grow beyond {@link #RETAINED_LENGTH}, so that a reader
     * held by a connection does not keep up to 16 MiB for the rest of its life. Call it once a batch is done.
     */
    public void releaseLargeBuffers()
    {
        if (uncompressed.length > RETAINED_LENGTH)
        {
            uncompressed = new byte[0];
            entriesBuffer.wrap(uncompressed);
            length = 0;
            position = 0;
        }
        if (compressedScratch.length > RETAINED_LENGTH)
        {
            compressedScratch = new byte[0];
        }
    }

    /**
     * Steps to the next key/value entry.
     *
     * @return false at the end of the batch.
     * @throws SwarmProtocolException when an entry runs past the end of the batch.
     */
    public boolean nextRecord()
    {
        if (position >= length)
        {
            return false;
        }
        position = readArray(position);
        keyOffset = valueOffset;
        keyLength = valueLength;
        position = readArray(position);
        return true;
    }

    /**
     * Steps to the next keys-only entry.
     *
     * @return false at the end of the batch.
     * @throws SwarmProtocolException when an entry runs past the end of the batch.
     */
    public boolean nextKey()
    {
        if (position >= length)
        {
            return false;
        }
        position = readArray(position);
        keyOffset = valueOffset;
        keyLength = valueLength;
        return true;
    }

    /**
     * @return the buffer holding the uncompressed entries; the offsets below point into it.
     */
    public DirectBuffer buffer()
    {
        return entriesBuffer;
    }

    /**
     * @return uncompressed length of the current batch.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return offset of the current entry's key.
     */
    public int keyOffset()
    {
        return keyOffset;
    }

    /**
     * @return length of the current entry's key.
     */
    public int keyLength()
    {
        return keyLength;
    }

    /**
     * @return offset of the current entry's value.
     */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * @return length of the current entry's value.
     */
    public int valueLength()
    {
        return valueLength;
    }

    private RecordBatchReader wrapEmpty(final DirectBuffer src, final int offset, final int compressedLength)
    {
        // The LZO library refuses to decode into zero bytes; an empty batch is liblzo's lone end-of-stream marker.
        if (compressedLength != RecordBatchWriter.EMPTY_BLOCK.length ||
            src.getByte(offset) != RecordBatchWriter.EMPTY_BLOCK[0] ||
            src.getByte(offset + 1) != RecordBatchWriter.EMPTY_BLOCK[1] ||
            src.getByte(offset + 2) != RecordBatchWriter.EMPTY_BLOCK[2])
        {
            throw new SwarmProtocolException("empty record batch is not the LZO1X end-of-stream marker");
        }
        length = 0;
        position = 0;
        return this;
    }

    private int readArray(final int at)
    {
        if (length - at < ArrayPrefix.LENGTH)
        {
            throw new SwarmProtocolException("record batch entry truncated at offset " + at);
        }
        final long arrayLength = entriesBuffer.getLong(at, LITTLE_ENDIAN);
        if (arrayLength < 0 || arrayLength > length - at - ArrayPrefix.LENGTH)
        {
            throw new SwarmProtocolException(
                "record batch entry at offset " + at + " declares " + Long.toUnsignedString(arrayLength) + " bytes");
        }
        valueOffset = at + ArrayPrefix.LENGTH;
        valueLength = (int)arrayLength;
        return valueOffset + valueLength;
    }
}
