package org.swarmjvm.protocol.neo.dht;

import io.airlift.compress.lzo.LzoDecompressor;
import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.SwarmProtocolException;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Decodes the compressed DHT neo batches written by {@link org.swarmjvm.protocol.batch.RecordBatchWriter}, with a
 * bounded, safe
 * decompressor.
 */
public final class NeoRecordBatchReader
{
    /** Largest uncompressed batch accepted. */
    public static final int MAX_UNCOMPRESSED_LENGTH = 16 * 1024 * 1024;

    /**
     * Receives the records of a batch.
     */
    public interface RecordConsumer
    {
        /**
         * @param key   of the record.
         * @param value its value, or {@code null} in a keys-only batch.
         */
        void onRecord(long key, byte[] value);
    }

    private NeoRecordBatchReader()
    {
    }

    /**
     * Decodes {@code ARRAY(u64 uncompressed length | LZO block)}.
     *
     * @param buffer      holding the array.
     * @param offset      of the array's length prefix.
     * @param keyPrefixed true for GetAll batches, false for Mirror refresh batches.
     * @param keysOnly    true for a keys-only GetAll batch.
     * @param consumer    receiving each record.
     * @return bytes of the array, prefix included.
     */
    public static int read(
        final DirectBuffer buffer, final int offset, final boolean keyPrefixed, final boolean keysOnly,
        final RecordConsumer consumer)
    {
        final long arrayLength = buffer.getLong(offset, LITTLE_ENDIAN);
        final long uncompressedLength = buffer.getLong(offset + Long.BYTES, LITTLE_ENDIAN);
        if (arrayLength < Long.BYTES || arrayLength > buffer.capacity() - offset - Long.BYTES ||
            uncompressedLength < 0 || uncompressedLength > MAX_UNCOMPRESSED_LENGTH)
        {
            throw new SwarmProtocolException("invalid batch lengths " + arrayLength + "/" + uncompressedLength);
        }
        final byte[] compressed = new byte[(int)arrayLength - Long.BYTES];
        buffer.getBytes(offset + 2 * Long.BYTES, compressed);
        final byte[] plain = new byte[(int)uncompressedLength];
        if (uncompressedLength > 0)
        {
            final int decoded = new LzoDecompressor().decompress(
                compressed, 0, compressed.length, plain, 0, plain.length);
            if (decoded != uncompressedLength)
            {
                throw new SwarmProtocolException("batch decoded to " + decoded + " bytes, not " + uncompressedLength);
            }
        }
        final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(plain);
        int position = 0;
        while (position < plain.length)
        {
            if (keyPrefixed)
            {
                position += Long.BYTES;
            }
            final long key = view.getLong(position, LITTLE_ENDIAN);
            position += Long.BYTES;
            byte[] value = null;
            if (!keysOnly)
            {
                final int length = (int)view.getLong(position, LITTLE_ENDIAN);
                position += Long.BYTES;
                value = new byte[length];
                view.getBytes(position, value);
                position += length;
            }
            consumer.onRecord(key, value);
        }
        return Long.BYTES + (int)arrayLength;
    }
}
