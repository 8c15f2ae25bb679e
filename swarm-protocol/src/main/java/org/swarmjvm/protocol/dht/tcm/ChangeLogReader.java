package org.swarmjvm.protocol.dht.tcm;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.CHECKSUM_OFFSET;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.FRAME_LENGTH;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.KEY_OFFSET;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.LENGTH_OFFSET;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.MAX_LENGTH;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.MIN_LENGTH;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.TYPE_OFFSET;
import static org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor.VALUE_OFFSET;

/**
 * Reads a change log ({@link ChangeLogDescriptor}) entry by entry. The first entry that does not fit the file,
 * has a length out of bounds, an unknown type or a wrong checksum ends the reading: {@link #next()} returns false,
 * {@link #damage()} says what was found where, and {@link #validLength()} is the length of the whole entries
 * before it, to which a writer cuts the file back. A file shorter than its header (created, then killed) reads as
 * an empty log torn at 0. No length is believed before it is checked against the file's, so a corrupt prefix
 * never makes the reader allocate.
 * <p>
 * The file is read in windows of {@link #WINDOW_SIZE}; a value is handed out where it lies in the window (no
 * copy), or, when longer than a window, from a buffer that grows to the largest such value and is reused.
 */
public final class ChangeLogReader extends WindowedRecordReader
{
    private final CRC32C checksum = new CRC32C();
    private final ByteBuffer checksummed = window.duplicate();
    private long validLength;
    private byte type;
    private String damage;
    private boolean ended;

    private ChangeLogReader(final Path path, final FileChannel file) throws IOException
    {
        super(path, file);
    }

    /**
     * Opens a log and checks its header.
     *
     * @param path of the log.
     * @return the reader, before the first entry; a file too short for its header reads as torn at 0.
     * @throws TcmFormatException when the header is not a change log's of a known version.
     * @throws IOException        when the file cannot be read.
     */
    public static ChangeLogReader open(final Path path) throws IOException
    {
        return open(path, FileChannel.open(path, StandardOpenOption.READ));
    }

    /**
     * Reads a log opened before: a file deleted since (a compaction folded it into the dump) is still read whole.
     *
     * @param path of the log, for the messages.
     * @param file the log opened for reading, at its start; the reader closes it.
     * @return the reader, before the first entry; a file too short for its header reads as torn at 0.
     * @throws TcmFormatException when the header is not a change log's of a known version.
     * @throws IOException        when the file cannot be read.
     */
    public static ChangeLogReader open(final Path path, final FileChannel file) throws IOException
    {
        final ChangeLogReader reader = new ChangeLogReader(path, file);
        try
        {
            if (!reader.fill(ChangeLogDescriptor.HEADER_LENGTH))
            {
                reader.end("file of " + reader.fileSize + " bytes ends inside its header");
                return reader;
            }
            final int magic = reader.window.getInt(ChangeLogDescriptor.MAGIC_OFFSET);
            final int version = reader.window.getInt(ChangeLogDescriptor.VERSION_OFFSET);
            if (ChangeLogDescriptor.MAGIC != magic || ChangeLogDescriptor.FORMAT_VERSION != version)
            {
                throw new TcmFormatException(path, 0, String.format("not a change log of version %d (magic %08x, " +
                    "version %d)", ChangeLogDescriptor.FORMAT_VERSION, magic, version));
            }
            reader.window.position(ChangeLogDescriptor.HEADER_LENGTH);
            reader.validLength = ChangeLogDescriptor.HEADER_LENGTH;
            return reader;
        }
        catch (final IOException | RuntimeException ex)
        {
            file.close();
            throw ex;
        }
    }

    /**
     * Steps to the next whole entry.
     *
     * @return false at the end of the file or at the first entry that is torn or damaged ({@link #damage()}).
     * @throws IOException when the file cannot be read.
     */
    public boolean next() throws IOException
    {
        if (ended)
        {
            return false;
        }
        final long at = offset();
        if (at == fileSize)
        {
            ended = true;
            return false;
        }
        if (!fill(FRAME_LENGTH))
        {
            return end("file ends inside the frame of the entry at byte offset " + at);
        }
        final int length = window.getInt(window.position() + LENGTH_OFFSET);
        if (length < MIN_LENGTH || length > MAX_LENGTH)
        {
            return end("entry at byte offset " + at + " has a length of " + Integer.toUnsignedString(length));
        }
        if (length > fileSize - at - FRAME_LENGTH)
        {
            return end("entry at byte offset " + at + " of " + length + " bytes runs past the end of the file (" +
                fileSize + " bytes)");
        }
        final int expected = window.getInt(window.position() + CHECKSUM_OFFSET);
        final DirectBuffer entry;
        final int entryOffset;
        if (FRAME_LENGTH + length <= WINDOW_SIZE)
        {
            fill(FRAME_LENGTH + length);
            entry = windowView;
            entryOffset = window.position();
            checksum.reset();
            checksum.update(
                checksummed.limit(entryOffset + FRAME_LENGTH + length).position(entryOffset + TYPE_OFFSET));
            window.position(entryOffset + FRAME_LENGTH + length);
        }
        else
        {
            final UnsafeBuffer largeEntry =
                readLarge(FRAME_LENGTH + length, "file ends inside an entry it was long enough for");
            entry = largeEntry;
            entryOffset = 0;
            checksum.reset();
            checksum.update(largeEntry.byteBuffer().duplicate().clear().limit(FRAME_LENGTH + length)
                .position(TYPE_OFFSET));
        }
        if ((int)checksum.getValue() != expected)
        {
            return end("entry at byte offset " + at + " has a wrong checksum");
        }
        final byte entryType = entry.getByte(entryOffset + TYPE_OFFSET);
        final int entryValueLength = length - MIN_LENGTH;
        if (!(ChangeLogDescriptor.PUT == entryType && entryValueLength > 0 ||
            (ChangeLogDescriptor.REMOVE == entryType || ChangeLogDescriptor.CLEAR == entryType) &&
            0 == entryValueLength))
        {
            return end("entry at byte offset " + at + " has type " + entryType + " and " + entryValueLength +
                " value bytes");
        }
        type = entryType;
        key = entry.getLong(entryOffset + KEY_OFFSET, ByteOrder.LITTLE_ENDIAN);
        value = entry;
        valueOffset = entryOffset + VALUE_OFFSET;
        valueLength = entryValueLength;
        validLength = at + FRAME_LENGTH + length;
        return true;
    }

    /**
     * @return the current entry's type, {@link ChangeLogDescriptor#PUT}, {@code REMOVE} or {@code CLEAR}.
     */
    public byte type()
    {
        return type;
    }

    /**
     * @return byte offset in the file of the current entry's value (of the next entry when it has none).
     */
    public long valuePosition()
    {
        return validLength - valueLength;
    }

    /**
     * @return bytes of the header and the whole entries read so far: where a torn file is cut back to.
     */
    public long validLength()
    {
        return validLength;
    }

    /**
     * @return what ended the reading before the end of the file, with the byte offset; {@code null} when the
     *         file was read to its end (or not yet).
     */
    public String damage()
    {
        return damage;
    }

    private boolean end(final String what)
    {
        damage = what;
        ended = true;
        return false;
    }
}
