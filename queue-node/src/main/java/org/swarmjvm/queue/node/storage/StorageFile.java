package org.swarmjvm.queue.node.storage;

import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.swarmjvm.queue.node.storage.StorageFileDescriptor.*;

/**
 * The preallocated memory of one storage: header, two state slots and the ring data, laid out as
 * {@link StorageFileDescriptor}. Backed either by a memory-mapped ring file (crash-safe: the state survives the
 * process) or by plain direct memory (the original's behaviour: lost on a crash). Allocated once, at its full
 * size, when the storage is created.
 */
public final class StorageFile implements AutoCloseable
{
    private Path path;
    private final ByteBuffer memory;
    private final UnsafeBuffer header;
    private final UnsafeBuffer data;
    private final long sequence;
    private final String channel;
    /** Bytes of the file; the memory's size unless the file was cut short. */
    private final int fileLength;
    private int activeSlot;

    private StorageFile(final Path path, final ByteBuffer memory, final long sequence, final String channel,
        final int fileLength)
    {
        this.path = path;
        this.fileLength = fileLength;
        this.memory = memory;
        this.header = new UnsafeBuffer(memory);
        this.sequence = sequence;
        this.channel = channel;
        final int channelLength = header.getInt(CHANNEL_LENGTH_OFFSET, LITTLE_ENDIAN);
        final int dataOffset = dataOffset(channelLength);
        this.data = new UnsafeBuffer(memory, dataOffset, memory.capacity() - dataOffset);
        this.activeSlot = header.getInt(ACTIVE_SLOT_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Creates the memory of a storage that lives in memory only.
     *
     * @param channel  name.
     * @param capacity ring bytes.
     * @return the storage memory, empty, plain.
     */
    public static StorageFile allocate(final String channel, final int capacity)
    {
        final byte[] name = channel.getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer memory = ByteBuffer.allocateDirect(dataOffset(name.length) + capacity);
        initialise(new UnsafeBuffer(memory), name, capacity, 0);
        return new StorageFile(null, memory, 0, channel, memory.capacity());
    }

    /**
     * Creates a new ring file, refusing to overwrite one. The header is written through the file, not the mapping,
     * so that the file system allocates its pages or says it cannot (a store into the mapping would kill the
     * process on a full disk, see {@link RingBacking}); the ring data stays sparse, the file's size set by the
     * mapping.
     *
     * @param file     to create.
     * @param sequence file sequence number, higher than every existing one.
     * @param channel  name.
     * @param capacity ring bytes.
     * @return the mapped storage memory, empty, plain.
     * @throws QueueStorageException when the file cannot be created (a full disk); none is left then.
     */
    public static StorageFile create(final Path file, final long sequence, final String channel, final int capacity)
    {
        final byte[] name = channel.getBytes(StandardCharsets.US_ASCII);
        final long size = (long)dataOffset(name.length) + capacity;
        boolean created = false;
        try (FileChannel fileChannel = FileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            created = true;
            final ByteBuffer header = ByteBuffer.allocate(dataOffset(name.length));
            initialise(new UnsafeBuffer(header), name, capacity, sequence);
            while (header.hasRemaining())
            {
                fileChannel.write(header, header.position());
            }
            final MappedByteBuffer memory = fileChannel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            return new StorageFile(file, memory, sequence, channel, memory.capacity());
        }
        catch (final IOException ex)
        {
            if (created)
            {
                deleteQuietly(file, ex);
            }
            throw new QueueStorageException("cannot create ring file " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static void deleteQuietly(final Path file, final IOException cause)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            cause.addSuppressed(ex);
        }
    }

    /**
     * Maps an existing ring file, as left by a previous run that did not shut down cleanly.
     * <p>
     * A file cut short after its header is read into memory instead, padded to its full size (see
     * {@link #dataLength()}); its ring must then be checked against what exists and copied to a new storage.
     *
     * @param file to open.
     * @return the storage memory, or {@code null} when the file was never completed (cut short by a crash while
     * being created: it held no record).
     * @throws DamagedFileException when the header cannot be trusted.
     */
    public static StorageFile open(final Path file)
    {
        try (FileChannel fileChannel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final long size = fileChannel.size();
            if (0 == size)
            {
                return null;
            }
            final ByteBuffer headerBytes =
                ByteBuffer.allocate((int)Math.min(size, MAX_HEADER_LENGTH)).order(LITTLE_ENDIAN);
            while (headerBytes.hasRemaining() && fileChannel.read(headerBytes, headerBytes.position()) >= 0)
            {
                // read the header, or as much of it as exists
            }
            final UnsafeBuffer header = new UnsafeBuffer(headerBytes.flip());
            if (size < CHANNEL_OFFSET)
            {
                throw new DamagedFileException(size, "cut short at " + size + " bytes, inside the header");
            }
            final byte[] magic = new byte[MAGIC.length];
            header.getBytes(MAGIC_OFFSET, magic);
            if (!Arrays.equals(MAGIC, magic))
            {
                if (Arrays.equals(new byte[MAGIC.length], magic) &&
                    0 == header.getLong(slotOffset(0) + ITEMS_OFFSET, LITTLE_ENDIAN) &&
                    0 == header.getLong(slotOffset(1) + ITEMS_OFFSET, LITTLE_ENDIAN) &&
                    isBlankAfterHeader(fileChannel, header.getInt(CHANNEL_LENGTH_OFFSET, LITTLE_ENDIAN), size))
                {
                    return null;
                }
                throw new DamagedFileException(MAGIC_OFFSET, "no ring file magic");
            }
            final long capacity = header.getLong(CAPACITY_OFFSET, LITTLE_ENDIAN);
            final int channelLength = header.getInt(CHANNEL_LENGTH_OFFSET, LITTLE_ENDIAN);
            final int active = header.getInt(ACTIVE_SLOT_OFFSET, LITTLE_ENDIAN);
            if (channelLength < 1 || channelLength > MAX_HEADER_LENGTH - CHANNEL_OFFSET ||
                dataOffset(channelLength) > MAX_HEADER_LENGTH ||
                dataOffset(channelLength) > size)
            {
                throw new DamagedFileException(CHANNEL_LENGTH_OFFSET, "bad channel name length " + channelLength);
            }
            if (capacity < 1 || capacity > Integer.MAX_VALUE - dataOffset(channelLength))
            {
                throw new DamagedFileException(CAPACITY_OFFSET, "bad ring capacity " + capacity);
            }
            if (0 != active && 1 != active)
            {
                throw new DamagedFileException(ACTIVE_SLOT_OFFSET, "bad active state slot " + active);
            }
            final long fullSize = dataOffset(channelLength) + capacity;
            if (size > fullSize)
            {
                throw new DamagedFileException(fullSize, size + " bytes, more than the " + fullSize +
                    " its header says");
            }
            final String channel = header.getStringWithoutLengthAscii(CHANNEL_OFFSET, channelLength);
            final long sequence = header.getLong(SEQUENCE_OFFSET, LITTLE_ENDIAN);
            if (size < fullSize)
            {
                final ByteBuffer memory = ByteBuffer.allocateDirect((int)fullSize);
                while (memory.position() < size && fileChannel.read(memory, memory.position()) >= 0)
                {
                    // read what exists; the rest stays zero
                }
                return new StorageFile(file, memory.clear(), sequence, channel, (int)size);
            }
            final MappedByteBuffer memory = fileChannel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            return new StorageFile(file, memory, sequence, channel, (int)size);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot open ring file " + file, ex);
        }
    }

    /**
     * Whether a file without magic is one whose creation never completed: the creation writes the header up to
     * the channel name and the magic last, never the ring data, so such a file has zeros past its name. A file
     * with anything there held records once (its header was zeroed) and must be kept.
     */
    private static boolean isBlankAfterHeader(final FileChannel fileChannel, final int channelLength,
        final long size) throws IOException
    {
        if (channelLength < 0 || channelLength > MAX_HEADER_LENGTH - CHANNEL_OFFSET)
        {
            return false;
        }
        final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        for (long at = CHANNEL_OFFSET + channelLength; at < size; )
        {
            final int n = fileChannel.read(chunk.clear(), at);
            if (n < 0)
            {
                break;
            }
            for (int i = 0; i < n; i++)
            {
                if (0 != chunk.get(i))
                {
                    return false;
                }
            }
            at += n;
        }
        return true;
    }

    /**
     * @return the bytes of the ring data region that exist in the file: less than {@link #capacity()} when the
     * file was cut short.
     */
    public int dataLength()
    {
        return Math.max(0, Math.min(data.capacity(), fileLength - (memory.capacity() - data.capacity())));
    }

    /**
     * @return true when the file was cut short: its memory is a copy, and the file must not be used any more.
     */
    public boolean isCutShort()
    {
        return fileLength < memory.capacity();
    }

    private static void initialise(final UnsafeBuffer header, final byte[] name, final int capacity,
        final long sequence)
    {
        header.putLong(CAPACITY_OFFSET, capacity, LITTLE_ENDIAN);
        header.putLong(SEQUENCE_OFFSET, sequence, LITTLE_ENDIAN);
        header.putInt(ACTIVE_SLOT_OFFSET, 0, LITTLE_ENDIAN);
        header.putInt(CHANNEL_LENGTH_OFFSET, name.length, LITTLE_ENDIAN);
        header.setMemory(slotOffset(0), 2 * SLOT_LENGTH, (byte)0);
        header.putInt(slotOffset(0) + SUBSCRIBER_LENGTH_OFFSET, -1, LITTLE_ENDIAN);
        header.putInt(slotOffset(1) + SUBSCRIBER_LENGTH_OFFSET, -1, LITTLE_ENDIAN);
        header.putBytes(CHANNEL_OFFSET, name);
        header.putBytes(MAGIC_OFFSET, MAGIC);
    }

    /**
     * @return the ring data region, at its full capacity.
     */
    public UnsafeBuffer data()
    {
        return data;
    }

    /**
     * @return the channel this storage belongs to.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * @return the file's sequence number (0 in memory).
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @return the ring file, or {@code null} when the storage lives in memory only.
     */
    public Path path()
    {
        return path;
    }

    /**
     * Publishes the current state: writes it into the inactive slot, then makes that slot the active one with a
     * single ordered store.
     *
     * @param ring              the ring's state.
     * @param overflow          the overflow chain's state.
     * @param subscriberLength  length of the subscriber name written by {@link #writeSubscriber}, -1 when plain.
     */
    public void commit(final Ring ring, final OverflowChannel overflow, final int subscriberLength)
    {
        final int next = activeSlot ^ 1;
        final int slot = slotOffset(next);
        final UnsafeBuffer header = this.header;
        header.putLong(slot + READ_FROM_OFFSET, ring.readFrom(), LITTLE_ENDIAN);
        header.putLong(slot + WRITE_TO_OFFSET, ring.writeTo(), LITTLE_ENDIAN);
        header.putLong(slot + GAP_OFFSET, ring.gap(), LITTLE_ENDIAN);
        header.putLong(slot + ITEMS_OFFSET, ring.items(), LITTLE_ENDIAN);
        header.putInt(slot + OVERFLOW_ID_OFFSET, overflow.id, LITTLE_ENDIAN);
        header.putInt(slot + SUBSCRIBER_LENGTH_OFFSET, subscriberLength, LITTLE_ENDIAN);
        header.putLong(slot + OVERFLOW_FIRST_OFFSET, overflow.firstOffset, LITTLE_ENDIAN);
        header.putLong(slot + OVERFLOW_LAST_OFFSET, overflow.lastOffset, LITTLE_ENDIAN);
        header.putLong(slot + OVERFLOW_RECORDS_OFFSET, overflow.records, LITTLE_ENDIAN);
        header.putLong(slot + OVERFLOW_BYTES_OFFSET, overflow.bytes, LITTLE_ENDIAN);
        header.putIntOrdered(ACTIVE_SLOT_OFFSET, next);
        activeSlot = next;
    }

    /**
     * Writes a subscriber name into its area; it becomes the storage's name with the next {@link #commit}.
     *
     * @param subscriber name, at most {@link StorageFileDescriptor#MAX_SUBSCRIBER_LENGTH} ASCII bytes.
     * @return its length, to pass to {@link #commit}.
     */
    public int writeSubscriber(final String subscriber)
    {
        final byte[] bytes = subscriber.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > MAX_SUBSCRIBER_LENGTH)
        {
            throw new IllegalArgumentException("subscriber name of " + bytes.length + " bytes is longer than " +
                MAX_SUBSCRIBER_LENGTH);
        }
        header.putBytes(SUBSCRIBER_OFFSET, bytes);
        return bytes.length;
    }

    /**
     * Restores the published state into a ring and an overflow chain.
     *
     * @param ring     to restore.
     * @param overflow to restore.
     * @return the subscriber name, or {@code null} for a plain storage.
     */
    public String restore(final Ring ring, final OverflowChannel overflow)
    {
        final int slot = slotOffset(activeSlot);
        ring.restore(
            header.getLong(slot + READ_FROM_OFFSET, LITTLE_ENDIAN),
            header.getLong(slot + WRITE_TO_OFFSET, LITTLE_ENDIAN),
            header.getLong(slot + GAP_OFFSET, LITTLE_ENDIAN),
            header.getLong(slot + ITEMS_OFFSET, LITTLE_ENDIAN));
        overflow.set(
            header.getInt(slot + OVERFLOW_ID_OFFSET, LITTLE_ENDIAN),
            header.getLong(slot + OVERFLOW_FIRST_OFFSET, LITTLE_ENDIAN),
            header.getLong(slot + OVERFLOW_LAST_OFFSET, LITTLE_ENDIAN),
            header.getLong(slot + OVERFLOW_RECORDS_OFFSET, LITTLE_ENDIAN),
            header.getLong(slot + OVERFLOW_BYTES_OFFSET, LITTLE_ENDIAN));
        final int subscriberLength = header.getInt(slot + SUBSCRIBER_LENGTH_OFFSET, LITTLE_ENDIAN);
        if (subscriberLength < 0)
        {
            return null;
        }
        if (subscriberLength > MAX_SUBSCRIBER_LENGTH)
        {
            throw new IllegalStateException("subscriber name length " + subscriberLength + " in " + path);
        }
        return header.getStringWithoutLengthAscii(SUBSCRIBER_OFFSET, subscriberLength);
    }

    /**
     * Renames the ring file (a file created under a temporary name becomes valid once its content is published).
     *
     * @param target new path.
     */
    public void renameTo(final Path target)
    {
        try
        {
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
            path = target;
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot rename ring file " + path + " to " + target, ex);
        }
    }

    /**
     * @return the ring capacity in bytes.
     */
    public int capacity()
    {
        return data.capacity();
    }

    /**
     * Releases the memory; the file stays.
     */
    @Override
    public void close()
    {
        if (memory instanceof MappedByteBuffer)
        {
            IoUtil.unmap((MappedByteBuffer)memory);
        }
        else
        {
            BufferUtil.free(memory);
        }
    }

    /**
     * Releases the memory and deletes the ring file.
     */
    public void delete()
    {
        close();
        if (null != path)
        {
            try
            {
                Files.deleteIfExists(path);
            }
            catch (final IOException ex)
            {
                throw new QueueStorageException("cannot delete ring file " + path, ex);
            }
        }
    }
}
