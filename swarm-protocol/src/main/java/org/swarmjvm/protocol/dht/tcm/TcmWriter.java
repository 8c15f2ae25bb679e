package org.swarmjvm.protocol.dht.tcm;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.codec.HexKey;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;

import static org.swarmjvm.protocol.dht.tcm.TcmRecordDescriptor.FORMAT_VERSION;
import static org.swarmjvm.protocol.dht.tcm.TcmRecordDescriptor.MAX_VALUE_LENGTH;

/**
 * Writes one channel's dump ({@link TcmRecordDescriptor}) the way the DHT node does: into a temporary file
 * {@code <channel>.tcm.XXXXXX.dumping} (mode 0600) that a loader ignores, then, on {@link #commit(int)}, padded,
 * forced to disk and renamed over {@code <channel>.tcm}, the directory forced after the rename. Closing without a
 * commit deletes the temporary file, so a failed dump never replaces the previous one. The writer holds an
 * exclusive lock on the temporary file while it exists, so that a file left by a killed writer can be told from
 * one being written ({@link #lockIfStale(Path)}): the DHT node and dht-dump write into the same folder.
 * <p>
 * Records go through one 64 KiB direct buffer; appending allocates nothing.
 */
public final class TcmWriter implements AutoCloseable
{
    /** Size of the write buffer. */
    public static final int BUFFER_SIZE = 64 * 1024;

    /** Suffix of the live file. */
    public static final String SUFFIX = ".tcm";

    /** Suffix of a temporary file while it is written. */
    public static final String TEMP_SUFFIX = ".dumping";

    private static final String RANDOM_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_LENGTH = 6;
    private static final int CREATE_ATTEMPTS = 100;
    private static final int STATS_OVERHEAD = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dataDir;
    private final String channel;
    private final Path tempFile;
    private final FileChannel file;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer bufferView = new UnsafeBuffer(buffer);
    private long written;
    private long records;
    private long bytes;
    private boolean closed;

    private TcmWriter(final Path dataDir, final String channel, final Path tempFile, final FileChannel file)
    {
        this.dataDir = dataDir;
        this.channel = channel;
        this.tempFile = tempFile;
        this.file = file;
    }

    /**
     * Starts a dump: creates the temporary file and writes the header.
     *
     * @param dataDir the node's data directory.
     * @param channel whose dump this is; must be a valid channel name.
     * @return the writer.
     * @throws IOException when the temporary file cannot be created.
     */
    public static TcmWriter create(final Path dataDir, final String channel) throws IOException
    {
        if (!ChannelName.isValid(channel, DhtConst.MAX_CHANNEL_NAME_LENGTH))
        {
            throw new IllegalArgumentException("\"" + channel + "\" is not a valid channel name for a dump file");
        }
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++)
        {
            final Path temp = dataDir.resolve(channel + SUFFIX + "." + randomChars() + TEMP_SUFFIX);
            final FileChannel file;
            try
            {
                file = FileChannel.open(temp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            catch (final FileAlreadyExistsException ex)
            {
                continue;
            }
            if (!lockCreated(file, temp))
            {
                continue;
            }
            final TcmWriter writer = new TcmWriter(dataDir, channel, temp, file);
            writer.putLong(FORMAT_VERSION);
            return writer;
        }
        throw new IOException("cannot create a unique temporary dump file for " + channel + " in " + dataDir);
    }

    /**
     * Whether a temporary dump file is left over from a writer that died: no process holds its lock. A writer
     * holds the lock from creating the file until it is renamed or deleted.
     *
     * @param file a {@code .dumping} file.
     * @return a channel holding the file's lock, to close once the file is deleted; {@code null} while a writer
     *         holds it, or when the file is gone.
     * @throws IOException when the file cannot be opened.
     */
    public static FileChannel lockIfStale(final Path file) throws IOException
    {
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        if (null == tryLock(channel))
        {
            channel.close();
            return null;
        }
        return channel;
    }

    /**
     * @return the temporary file being written.
     */
    public Path tempFile()
    {
        return tempFile;
    }

    /**
     * @return the file a commit replaces: {@code <dataDir>/<channel>.tcm}.
     */
    public Path targetFile()
    {
        return dataDir.resolve(channel + SUFFIX);
    }

    /**
     * @return records appended.
     */
    public long records()
    {
        return records;
    }

    /**
     * @return bytes appended as the original's stats count them: key + value + 16 per record.
     */
    public long bytes()
    {
        return bytes;
    }

    /**
     * Appends a record, its key as 16 lower-case hex digits.
     *
     * @param key    of the record.
     * @param value  buffer holding the value.
     * @param offset of the value.
     * @param length of the value; at most {@link TcmRecordDescriptor#MAX_VALUE_LENGTH}.
     * @throws IOException when writing fails.
     */
    public void append(final long key, final DirectBuffer value, final int offset, final int length)
        throws IOException
    {
        if (length < 0 || length > MAX_VALUE_LENGTH)
        {
            throw new IllegalArgumentException(
                "value of " + length + " bytes, readers accept at most " + MAX_VALUE_LENGTH);
        }
        ensureOpen();
        putLong(HexKey.LENGTH);
        if (buffer.remaining() < HexKey.LENGTH)
        {
            flush();
        }
        HexKey.put(key, bufferView, buffer.position());
        buffer.position(buffer.position() + HexKey.LENGTH);
        putLong(length);
        putBytes(value, offset, length);
        written += TcmRecordDescriptor.RECORD_OVERHEAD + length;
        records++;
        bytes += HexKey.LENGTH + length + STATS_OVERHEAD;
    }

    /**
     * Finishes the dump: end marker, zero padding to a multiple of 512 bytes, force to disk, close; then keeps up
     * to {@code keepGenerations} previous dumps as {@code <channel>.tcm.1} (newest) to {@code .tcm.<n>}, renames
     * the temporary file over {@code <channel>.tcm} atomically and forces the directory.
     *
     * @param keepGenerations previous dumps to keep; 0 keeps none, as the original.
     * @throws IOException when any step fails; the temporary file is then deleted by {@link #close()}.
     */
    public void commit(final int keepGenerations) throws IOException
    {
        if (keepGenerations < 0)
        {
            throw new IllegalArgumentException("keepGenerations must be >= 0, not " + keepGenerations);
        }
        ensureOpen();
        putLong(0);
        final long contentLength = TcmRecordDescriptor.HEADER_LENGTH + written + TcmRecordDescriptor.END_MARKER_LENGTH;
        for (long padding = TcmRecordDescriptor.paddedLength(contentLength) - contentLength; padding > 0; padding--)
        {
            if (!buffer.hasRemaining())
            {
                flush();
            }
            buffer.put((byte)0);
        }
        flush();
        file.force(true);
        rotateGenerations(keepGenerations);
        // Renamed while still open, so still locked: a cleaner never takes a finished dump for a stale one.
        Files.move(tempFile, targetFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        closed = true;
        file.close();
        forceDirectory(dataDir);
    }

    /**
     * Abandons an uncommitted dump: closes and deletes the temporary file. Does nothing after a commit.
     *
     * @throws IOException when the file cannot be closed or deleted.
     */
    @Override
    public void close() throws IOException
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            file.close();
        }
        finally
        {
            Files.deleteIfExists(tempFile);
        }
    }

    /**
     * Forces a directory's entries (renames, new files) to disk.
     *
     * @param directory to force.
     * @throws IOException when the directory cannot be opened or forced.
     */
    public static void forceDirectory(final Path directory) throws IOException
    {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            dir.force(true);
        }
    }

    private void rotateGenerations(final int keepGenerations) throws IOException
    {
        final Path live = targetFile();
        if (0 == keepGenerations || !Files.exists(live))
        {
            return;
        }
        for (int generation = keepGenerations - 1; generation >= 1; generation--)
        {
            final Path older = generation(generation);
            if (Files.exists(older))
            {
                Files.move(older, generation(generation + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // A hard link keeps the live file in place until the atomic rename replaces it: a crash in between
        // leaves the previous dump loadable.
        final Path newest = generation(1);
        Files.deleteIfExists(newest);
        Files.createLink(newest, live);
    }

    private Path generation(final int generation)
    {
        return dataDir.resolve(channel + SUFFIX + "." + generation);
    }

    private void putLong(final long value) throws IOException
    {
        if (buffer.remaining() < Long.BYTES)
        {
            flush();
        }
        buffer.putLong(value);
    }

    private void putBytes(final DirectBuffer src, final int offset, final int length) throws IOException
    {
        int done = 0;
        while (done < length)
        {
            if (!buffer.hasRemaining())
            {
                flush();
            }
            final int chunk = Math.min(length - done, buffer.remaining());
            bufferView.putBytes(buffer.position(), src, offset + done, chunk);
            buffer.position(buffer.position() + chunk);
            done += chunk;
        }
    }

    private void flush() throws IOException
    {
        buffer.flip();
        while (buffer.hasRemaining())
        {
            file.write(buffer);
        }
        buffer.clear();
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("dump of " + channel + " is already committed or closed");
        }
    }

    /**
     * Locks a temporary file just created; false (the channel closed) when a cleaner took the lock first, or took
     * it and deleted the file meanwhile: the caller tries another name.
     */
    private static boolean lockCreated(final FileChannel file, final Path temp) throws IOException
    {
        if (null != tryLock(file) && Files.exists(temp))
        {
            return true;
        }
        file.close();
        return false;
    }

    private static FileLock tryLock(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            // Locked through another channel of this JVM: in use.
            return null;
        }
    }

    private static String randomChars()
    {
        final char[] chars = new char[RANDOM_LENGTH];
        for (int i = 0; i < RANDOM_LENGTH; i++)
        {
            chars[i] = RANDOM_CHARS.charAt(RANDOM.nextInt(RANDOM_CHARS.length()));
        }
        return new String(chars);
    }
}
