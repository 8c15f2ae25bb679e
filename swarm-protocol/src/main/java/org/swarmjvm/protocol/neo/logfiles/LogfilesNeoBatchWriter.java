package org.swarmjvm.protocol.neo.logfiles;

import io.airlift.compress.lzo.LzoCompressor;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Collects the records of one neo GetRange {@code Records} message and writes them compressed.
 * <pre>
 * uncompressed entry:  i64 timestamp | u64 len(value) | value
 * on the wire:         u64 uncompressed length | ARRAY(LZO1X-1 block)
 * </pre>
 * Unlike the legacy and DHT batches, the uncompressed length stands before the array, not inside it. The limit is
 * soft, as in the original: a record is appended while the batch is below {@link LogfilesNeoRequest#BATCH_THRESHOLD}
 * bytes, so a batch holds every record whatever its size. The buffers grow to the largest batch and are reused.
 */
public final class LogfilesNeoBatchWriter
{
    private static final int ENTRY_OVERHEAD = 2 * Long.BYTES;

    private final ExpandableArrayBuffer uncompressed =
        new ExpandableArrayBuffer(2 * LogfilesNeoRequest.BATCH_THRESHOLD);
    private final LzoCompressor compressor = new LzoCompressor();
    private byte[] compressed = new byte[compressor.maxCompressedLength(2 * LogfilesNeoRequest.BATCH_THRESHOLD)];
    private int length;
    private int records;

    /**
     * @return uncompressed bytes collected.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return records collected.
     */
    public int records()
    {
        return records;
    }

    /**
     * @return true once the batch has reached its threshold and should be sent.
     */
    public boolean isFull()
    {
        return length >= LogfilesNeoRequest.BATCH_THRESHOLD;
    }

    /**
     * Appends a record unless the batch is full.
     *
     * @param timestamp   of the record.
     * @param value       buffer holding the value.
     * @param offset      of the value.
     * @param valueLength of the value.
     * @return false, appending nothing, when the batch is full.
     */
    public boolean append(final long timestamp, final DirectBuffer value, final int offset, final int valueLength)
    {
        if (isFull())
        {
            return false;
        }
        uncompressed.putLong(length, timestamp, LITTLE_ENDIAN);
        uncompressed.putLong(length + Long.BYTES, valueLength, LITTLE_ENDIAN);
        uncompressed.putBytes(length + ENTRY_OVERHEAD, value, offset, valueLength);
        length += ENTRY_OVERHEAD + valueLength;
        records++;
        return true;
    }

    /**
     * @return the most bytes {@link #write} writes for the records collected.
     */
    public int maxWrittenLength()
    {
        return 2 * Long.BYTES + compressor.maxCompressedLength(length);
    }

    /**
     * Compresses and writes {@code u64 uncompressed length | ARRAY(LZO1X block)}, then empties the batch.
     *
     * @param dst    buffer to write into; needs {@link #maxWrittenLength()} bytes free.
     * @param offset of the uncompressed length.
     * @return bytes written.
     */
    public int write(final MutableDirectBuffer dst, final int offset)
    {
        final int maxCompressed = compressor.maxCompressedLength(length);
        if (compressed.length < maxCompressed)
        {
            compressed = new byte[maxCompressed];
        }
        final int compressedLength =
            compressor.compress(uncompressed.byteArray(), 0, length, compressed, 0, compressed.length);
        dst.putLong(offset, length, LITTLE_ENDIAN);
        dst.putLong(offset + Long.BYTES, compressedLength, LITTLE_ENDIAN);
        dst.putBytes(offset + 2 * Long.BYTES, compressed, 0, compressedLength);
        reset();
        return 2 * Long.BYTES + compressedLength;
    }

    /**
     * Drops the records collected.
     */
    public void reset()
    {
        length = 0;
        records = 0;
    }
}
