package org.swarmjvm.protocol.dht.tcm;

import org.swarmjvm.protocol.codec.HexKey;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

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
 * The file is read in windows of {@link #WINDOW_SIZE}; a value that fits a window is handed out where it lies in
 * the window, in native memory (no copy); a larger one is read into a buffer that grows to the largest such value
 * and is then reused. Nothing is allocated per record.
 */
public final class TcmReader extends WindowedRecordReader
{
    private long invalidRecords;
    private long emptyRecords;
    private boolean ended;
    private long estimatedRecords;
    private int estimatedAverageValueLength;

    private TcmReader(final Path path, final FileChannel file) throws IOException
    {
        super(path, file);
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
            reader.require(TcmRecordDescriptor.HEADER_LENGTH, Expected.HEADER, 0);
            final long version = reader.window.getLong();
            if (version != TcmRecordDescriptor.FORMAT_VERSION)
            {
                throw new TcmFormatException(path, TcmRecordDescriptor.VERSION_OFFSET,
                    "unsupported format version " + Long.toUnsignedString(version) + ", only 0 is known");
            }
            reader.estimateFromWindow();
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
            require(Long.BYTES, Expected.KEY_LENGTH, 0);
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
            require((int)keyLength, Expected.KEY, keyLength);
            final boolean validKey = readKey((int)keyLength);
            final long valueLengthOffset = offset();
            require(Long.BYTES, Expected.VALUE_LENGTH, 0);
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
     * @return the records of the file, estimated from those of the first window (its records' mean length over the
     *         file's length), for sizing a map before loading; 0 when not one record fits the first window.
     */
    public long estimatedRecords()
    {
        return estimatedRecords;
    }

    /**
     * @return the mean value length of the first window's records, 0 when not one record fits it.
     */
    public int estimatedAverageValueLength()
    {
        return estimatedAverageValueLength;
    }

    /**
     * @return bytes of the file read so far.
     */
    public long position()
    {
        return offset();
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
        if (length <= WINDOW_SIZE)
        {
            require(length, Expected.VALUE, length);
            value = windowView;
            valueOffset = window.position();
            window.position(valueOffset + length);
        }
        else
        {
            value = readLarge(length, "file ends inside a value: truncated");
            valueOffset = 0;
        }
        valueLength = length;
    }

    /**
     * Walks the records the first window holds, without reading them, to estimate the file's; a length the walk
     * cannot believe ends it (reading the records reports it).
     */
    private void estimateFromWindow()
    {
        final int start = window.position();
        final int limit = window.limit();
        int at = start;
        long records = 0;
        long valueBytes = 0;
        while (at + 2L * Long.BYTES <= limit)
        {
            final long keyLength = window.getLong(at);
            if (keyLength <= 0 || keyLength > MAX_KEY_LENGTH || at + 2L * Long.BYTES + keyLength > limit)
            {
                break;
            }
            final long length = window.getLong(at + Long.BYTES + (int)keyLength);
            final long end = at + 2L * Long.BYTES + keyLength + length;
            if (length < 0 || end > limit)
            {
                break;
            }
            records++;
            valueBytes += length;
            at = (int)end;
        }
        if (records > 0)
        {
            estimatedRecords = Math.max(records, (long)((double)records * (fileSize - start) / (at - start)));
            estimatedAverageValueLength = (int)(valueBytes / records);
        }
    }

    /**
     * Makes the window hold at least {@code length} bytes from the current offset.
     *
     * @param length  bytes needed, at most {@link #WINDOW_SIZE}.
     * @param what    the bytes needed, for the message of a truncated file.
     * @param ofBytes their length, where the message gives it.
     */
    private void require(final int length, final Expected what, final long ofBytes) throws IOException
    {
        final long at = offset();
        if (!fill(length))
        {
            throw new TcmFormatException(path, at, "file ends before " + what.describe(ofBytes) + " (" +
                fileSize + " bytes): truncated, no end marker");
        }
    }

    /**
     * What a read needs, named in the message when the file ends before it; the message is built only then.
     */
    private enum Expected
    {
        HEADER("the version header"),
        KEY_LENGTH("the end marker or a key length"),
        KEY("a key of %d bytes"),
        VALUE_LENGTH("a value length"),
        VALUE("a value of %d bytes");

        private final String description;

        Expected(final String description)
        {
            this.description = description;
        }

        String describe(final long length)
        {
            return String.format(Locale.ROOT, description, length);
        }
    }
}
