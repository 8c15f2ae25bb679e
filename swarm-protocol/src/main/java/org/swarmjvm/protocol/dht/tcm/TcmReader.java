package org.swarmjvm.protocol.dht.tcm;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.dht.HexKey;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.swarmjvm.protocol.dht.tcm.TcmRecordDescriptor.MAX_KEY_LENGTH;
import static org.swarmjvm.protocol.dht.tcm.TcmRecordDescriptor.MAX_VALUE_LENGTH;
import static org.swarmjvm.protocol.dht.tcm.TcmRecordDescriptor.RAW_KEY_LENGTH;

/**
 * Reads a {@code .tcm} dump ({@link TcmRecordDescriptor}) record by record, as the DHT node loads it: keys of 16
 * hex digits (either case) or 8 raw little-endian bytes; other keys are counted as invalid and skipped, empty
 * values counted and skipped. Unlike the original, which trusts every length, a version other than 0, a file
 * ending before its end marker and absurd lengths are {@link TcmFormatException}s naming the file and offset, and
 * no length is believed beyond what the file holds, so a corrupt prefix never makes the reader allocate.
 * <p>
 * The value buffer grows to the largest value read and is then reused; nothing is allocated per record.
 */
public final class TcmReader implements AutoCloseable
{
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;
    private final FileChannel file;
    private final long fileSize;
    private final ByteBuffer window = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer windowView = new UnsafeBuffer(window);
    private final UnsafeBuffer value = new UnsafeBuffer(new byte[0]);
    private byte[] valueBytes = new byte[0];
    private long windowFileOffset;
    private long key;
    private int valueLength;
    private long invalidRecords;
    private long emptyRecords;
    private boolean ended;

    private TcmReader(final Path path, final FileChannel file) throws IOException
    {
        this.path = path;
        this.file = file;
        this.fileSize = file.size();
        window.limit(0);
    }

    /**
     * Opens a dump and checks its version.
     *
     * @param path of the dump file.
     * @return the reader, before the first record.
     * @throws TcmFormatException when the file is empty, too short or of another version.
     * @throws IOException        when the file cannot be read.
     */
    public static TcmReader open(final Path path) throws IOException
    {
        final FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
        final TcmReader reader = new TcmReader(path, file);
        try
        {
            if (0 == reader.fileSize)
            {
                throw new TcmFormatException(path, 0, "empty file, no version header");
            }
            reader.require(TcmRecordDescriptor.HEADER_LENGTH, "the version header");
            final long version = reader.window.getLong();
            if (version != TcmRecordDescriptor.FORMAT_VERSION)
            {
                throw new TcmFormatException(path, TcmRecordDescriptor.VERSION_OFFSET,
                    "unsupported format version " + Long.toUnsignedString(version) + ", only 0 is known");
            }
            return reader;
        }
        catch (final IOException | RuntimeException ex)
        {
            file.close();
            throw ex;
        }
    }

    /**
     * Steps to the next record with a valid key and a value.
     *
     * @return false at the end marker.
     * @throws TcmFormatException when the file is truncated or holds an absurd length.
     * @throws IOException        when the file cannot be read.
     */
    public boolean next() throws IOException
    {
        while (!ended)
        {
            final long keyLengthOffset = offset();
            require(Long.BYTES, "the end marker or a key length");
            final long keyLength = window.getLong();
            if (0 == keyLength)
            {
                ended = true;
                return false;
            }
            if (keyLength < 0 || keyLength > MAX_KEY_LENGTH)
            {
                throw new TcmFormatException(path, keyLengthOffset, "key length " +
                    Long.toUnsignedString(keyLength) + " over the limit of " + MAX_KEY_LENGTH);
            }
            require((int)keyLength, "a key of " + keyLength + " bytes");
            final boolean validKey = readKey((int)keyLength);
            final long valueLengthOffset = offset();
            require(Long.BYTES, "a value length");
            final long length = window.getLong();
            if (length < 0 || length > MAX_VALUE_LENGTH)
            {
                throw new TcmFormatException(path, valueLengthOffset, "value length " +
                    Long.toUnsignedString(length) + " over the limit of " + MAX_VALUE_LENGTH);
            }
            if (length > fileSize - offset())
            {
                throw new TcmFormatException(path, valueLengthOffset, "value length " + length +
                    " runs past the end of the file (" + fileSize + " bytes): truncated");
            }
            readValue((int)length);
            if (!validKey)
            {
                invalidRecords++;
            }
            else if (0 == length)
            {
                emptyRecords++;
            }
            else
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the current record's key.
     */
    public long key()
    {
        return key;
    }

    /**
     * @return buffer holding the current record's value; valid until the next call of {@link #next()}.
     */
    public DirectBuffer valueBuffer()
    {
        return value;
    }

    /**
     * @return offset of the value in {@link #valueBuffer()}.
     */
    public int valueOffset()
    {
        return 0;
    }

    /**
     * @return length of the current record's value.
     */
    public int valueLength()
    {
        return valueLength;
    }

    /**
     * @return records skipped because their key was neither 16 hex digits nor 8 raw bytes.
     */
    public long invalidRecords()
    {
        return invalidRecords;
    }

    /**
     * @return records skipped because their value was empty.
     */
    public long emptyRecords()
    {
        return emptyRecords;
    }

    /**
     * @return the dump file.
     */
    public Path path()
    {
        return path;
    }

    @Override
    public void close() throws IOException
    {
        file.close();
    }

    private boolean readKey(final int keyLength)
    {
        final int at = window.position();
        window.position(at + keyLength);
        if (keyLength == HexKey.LENGTH && HexKey.isValid(windowView, at, keyLength))
        {
            key = HexKey.parse(windowView, at);
            return true;
        }
        if (keyLength == RAW_KEY_LENGTH)
        {
            key = window.getLong(at);
            return true;
        }
        return false;
    }

    private void readValue(final int length) throws IOException
    {
        if (valueBytes.length < length)
        {
            valueBytes = new byte[length];
            value.wrap(valueBytes);
        }
        final int buffered = Math.min(length, window.remaining());
        window.get(valueBytes, 0, buffered);
        final ByteBuffer rest = ByteBuffer.wrap(valueBytes, buffered, length - buffered);
        while (rest.hasRemaining())
        {
            if (file.read(rest) < 0)
            {
                throw new TcmFormatException(path, offset(), "file ends inside a value: truncated");
            }
        }
        windowFileOffset += length - buffered;
        valueLength = length;
    }

    private long offset()
    {
        return windowFileOffset + window.position();
    }

    private void require(final int length, final String what) throws IOException
    {
        if (window.remaining() >= length)
        {
            return;
        }
        final long at = offset();
        windowFileOffset = at;
        window.compact();
        while (window.position() < length)
        {
            if (file.read(window) < 0)
            {
                window.flip();
                throw new TcmFormatException(path, at, "file ends before " + what + " (" + fileSize +
                    " bytes): truncated, no end marker");
            }
        }
        window.flip();
    }
}
