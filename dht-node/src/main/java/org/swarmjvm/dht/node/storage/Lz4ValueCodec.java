package org.swarmjvm.dht.node.storage;

import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4JNIFastResetCompressor;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.openhft.chronicle.hash.Data;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;

/**
 * The stored form of the values of an LZ4 channel (docs/dht.md, "Value compression"): a header byte, then either
 * the value as sent ({@link #AS_SENT}) or ({@link #LZ4}) the value's length as a 4-byte int in the host's byte order
 * and the LZ4 block of the value. A value is compressed only when that makes it shorter.
 * <p>
 * One codec per thread: its compressor keeps its state between calls and its buffers grow to the longest value
 * seen, so encoding and decoding allocate nothing once warm. The native LZ4 library (in the lz4-java jar) is
 * required: its Java fallback allocates per call.
 */
final class Lz4ValueCodec
{
    /** Header of a value stored as sent. */
    static final byte AS_SENT = 0;
    /** Header of a value stored as an LZ4 block. */
    static final byte LZ4 = 1;
    /** Bytes before the value of a value stored as sent. */
    static final int AS_SENT_HEADER = 1;
    /** Bytes before the LZ4 block: the header byte and the value's length. */
    static final int LZ4_HEADER = 1 + Integer.BYTES;

    private static final LZ4Factory FACTORY = LZ4Factory.nativeInstance();
    /** Frees the native state of the compressors of threads that ended. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final LZ4JNIFastResetCompressor compressor = FACTORY.fastResetCompressor();
    private final LZ4SafeDecompressor decompressor = FACTORY.safeDecompressor();
    /** A value as sent, one byte in: {@link #AS_SENT} goes before it when it is stored as sent. */
    private ByteBuffer plain = ByteBuffer.allocateDirect(0);
    private final UnsafeBuffer plainView = new UnsafeBuffer(plain);
    /** A stored value: header and LZ4 block. */
    private ByteBuffer packed = ByteBuffer.allocateDirect(0);
    private final UnsafeBuffer packedView = new UnsafeBuffer(packed);
    /** A value stored as sent, viewed where the map holds it. */
    private final UnsafeBuffer storedView = new UnsafeBuffer(0, 0);
    private long encodedAddress;

    Lz4ValueCodec()
    {
        CLEANER.register(this, compressor::close);
    }

    /**
     * Checks that the native LZ4 library loads, so that a node configured to compress fails at start, not at its
     * first Put.
     *
     * @throws IllegalStateException when it does not.
     */
    static void requireNativeLibrary()
    {
        try
        {
            LZ4Factory.nativeInstance();
        }
        catch (final RuntimeException | LinkageError ex)
        {
            throw new IllegalStateException("LZ4 compression needs the native LZ4 library of lz4-java, which " +
                "did not load on this platform: " + ex, ex);
        }
    }

    /**
     * Encodes a value into this codec's buffers.
     *
     * @param value  buffer holding the value.
     * @param offset of the value.
     * @param length of the value.
     * @return length of the stored form, at {@link #encodedAddress()}.
     */
    int encode(final DirectBuffer value, final int offset, final int length)
    {
        ensurePlain(AS_SENT_HEADER + length);
        plainView.putBytes(AS_SENT_HEADER, value, offset, length);
        final int bound = LZ4_HEADER + compressor.maxCompressedLength(length);
        ensurePacked(bound);
        // Room for the worst case: a smaller limit makes the library throw (and allocate) on values that do not
        // shrink, which the comparison below catches instead.
        final int blockLength = compressor.compress(plain, AS_SENT_HEADER, length, packed, LZ4_HEADER,
            bound - LZ4_HEADER);
        if (LZ4_HEADER + blockLength < AS_SENT_HEADER + length)
        {
            packedView.putByte(0, LZ4);
            packedView.putInt(1, length);
            encodedAddress = packedView.addressOffset();
            return LZ4_HEADER + blockLength;
        }
        plainView.putByte(0, AS_SENT);
        encodedAddress = plainView.addressOffset();
        return AS_SENT_HEADER + length;
    }

    /**
     * @return where the stored form of the last {@link #encode} is.
     */
    long encodedAddress()
    {
        return encodedAddress;
    }

    /**
     * @param stored a value in its stored form, as the map holds it.
     * @return the length of the value as sent.
     */
    static int valueLength(final Data<byte[]> stored)
    {
        final long offset = stored.offset();
        return LZ4 == stored.bytes().readByte(offset) ?
            stored.bytes().readInt(offset + 1) : (int)stored.size() - AS_SENT_HEADER;
    }

    /**
     * Decodes a stored value into this codec's buffer.
     *
     * @param stored a value in its stored form, as the map holds it.
     * @return the value as sent, valid until the next call on this codec and while the caller holds the entry's
     *         lock (a value stored as sent is viewed in the map's memory); its length is the view's capacity.
     */
    DirectBuffer decode(final Data<byte[]> stored)
    {
        final long offset = stored.offset();
        final int storedLength = (int)stored.size();
        if (AS_SENT == stored.bytes().readByte(offset))
        {
            // The map's own bytes, behind the header: nothing to decode, so nothing to copy.
            storedView.wrap(stored.bytes().addressForRead(offset + AS_SENT_HEADER), storedLength - AS_SENT_HEADER);
            return storedView;
        }
        final int length = stored.bytes().readInt(offset + 1);
        final int blockLength = storedLength - LZ4_HEADER;
        ensurePacked(blockLength);
        stored.bytes().nativeRead(offset + LZ4_HEADER, packedView.addressOffset(), blockLength);
        ensurePlain(length);
        final int decoded = decompressor.decompress(packed, 0, blockLength, plain, 0, length);
        if (decoded != length)
        {
            throw new IllegalStateException("stored LZ4 value decoded to " + decoded + " bytes, not " + length);
        }
        plainView.wrap(plain, 0, length);
        return plainView;
    }

    private void ensurePlain(final int length)
    {
        if (plain.capacity() < length)
        {
            plain = ByteBuffer.allocateDirect(Math.max(length, 2 * plain.capacity()));
        }
        plainView.wrap(plain);
    }

    private void ensurePacked(final int length)
    {
        if (packed.capacity() < length)
        {
            packed = ByteBuffer.allocateDirect(Math.max(length, 2 * packed.capacity()));
            packedView.wrap(packed);
        }
    }
}
