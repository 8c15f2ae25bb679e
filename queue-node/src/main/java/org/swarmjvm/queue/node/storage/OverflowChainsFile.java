package org.swarmjvm.queue.node.storage;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.swarmjvm.queue.node.storage.OverflowChainDescriptor.*;

/**
 * {@code overflow.chains}, laid out as {@link OverflowChainDescriptor}: written beside {@code overflow.dat} while the
 * node runs with ring files, through the file channel to the page cache (it survives the process being killed,
 * like the ring files), replaced at every start, deleted at a clean shutdown once {@code ofchannels.csv} holds the
 * chains. Not thread-safe.
 */
final class OverflowChainsFile implements AutoCloseable
{
    /** Name of the file, in the data directory. */
    static final String FILE = "overflow.chains";

    /**
     * One slot as read at start.
     *
     * @param id           overflow id.
     * @param storage      storage name.
     * @param ringSequence sequence number of the storage's ring file.
     * @param head         offset of the chain's oldest record, 0 when it had none.
     */
    record Chain(int id, String storage, long ringSequence, long head)
    {
    }

    private final Path path;
    private final FileChannel file;
    private final ByteBuffer slotBytes = ByteBuffer.allocateDirect(SLOT_LENGTH);
    private final UnsafeBuffer slot = new UnsafeBuffer(slotBytes);
    private final ByteBuffer headBytes = ByteBuffer.allocateDirect(Long.BYTES).order(LITTLE_ENDIAN);
    private final CRC32 crc = new CRC32();

    private OverflowChainsFile(final Path path, final FileChannel file)
    {
        this.path = path;
        this.file = file;
    }

    /**
     * Reads the slots of a previous run.
     *
     * @param path     the file.
     * @param problems receives one description per slot that is not free and cannot be trusted.
     * @return the trusted slots, by id; empty when the file is missing or has no magic (then in problems).
     */
    static List<Chain> read(final Path path, final List<String> problems)
    {
        final List<Chain> chains = new ArrayList<>();
        if (!Files.exists(path))
        {
            return chains;
        }
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(path);
        }
        catch (final IOException ex)
        {
            problems.add("cannot read " + path + ": " + ex);
            return chains;
        }
        if (bytes.length < MAGIC.length || !Arrays.equals(MAGIC, Arrays.copyOf(bytes, MAGIC.length)))
        {
            problems.add(path + " has no magic");
            return chains;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final CRC32 crc = new CRC32();
        for (int at = SLOT_LENGTH; at + NAME_OFFSET <= bytes.length; at += SLOT_LENGTH)
        {
            final int id = buffer.getInt(at + ID_OFFSET, LITTLE_ENDIAN);
            final int nameLength = buffer.getInt(at + NAME_LENGTH_OFFSET, LITTLE_ENDIAN);
            if (0 == id && 0 == nameLength)
            {
                continue;
            }
            final String where = path + " slot " + (at / SLOT_LENGTH) + ": ";
            if (id != at / SLOT_LENGTH || nameLength < 1 || nameLength > MAX_NAME_LENGTH ||
                at + NAME_OFFSET + nameLength > bytes.length)
            {
                problems.add(where + "bad id " + id + " or name length " + nameLength);
                continue;
            }
            crc.reset();
            crc.update(bytes, at, HEAD_OFFSET);
            crc.update(bytes, at + NAME_OFFSET, nameLength);
            final String storage = new String(bytes, at + NAME_OFFSET, nameLength, StandardCharsets.US_ASCII);
            if ((int)crc.getValue() != buffer.getInt(at + CRC_OFFSET, LITTLE_ENDIAN) || !StorageName.isValid(storage))
            {
                problems.add(where + "bad checksum");
                continue;
            }
            chains.add(new Chain(id, storage, buffer.getLong(at + RING_SEQUENCE_OFFSET, LITTLE_ENDIAN),
                buffer.getLong(at + HEAD_OFFSET, LITTLE_ENDIAN)));
        }
        return chains;
    }

    /**
     * Replaces the file with the slots of the given chains, then opens it for the updates of this run.
     *
     * @param path     the file.
     * @param channels every chain with an id.
     * @return the open file.
     */
    static OverflowChainsFile create(final Path path, final Collection<OverflowChannel> channels)
    {
        FileReplacement.replace(path, out ->
        {
            final OverflowChainsFile writer = new OverflowChainsFile(path, out);
            writer.slotBytes.clear();
            writer.slot.setMemory(0, SLOT_LENGTH, (byte)0);
            writer.slot.putBytes(0, MAGIC);
            writer.writeFully(writer.slotBytes, 0);
            for (final OverflowChannel channel : channels)
            {
                if (0 != channel.id)
                {
                    writer.writeSlot(channel);
                }
            }
        });
        try
        {
            return new OverflowChainsFile(path, FileChannel.open(path, StandardOpenOption.WRITE));
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot open " + path, ex);
        }
    }

    /**
     * Writes a chain's whole slot: its storage, ring file and head. A storage whose name is longer than a slot
     * holds gets a free slot instead (its records are found through its ring file only).
     *
     * @param channel the chain, with an id.
     */
    void write(final OverflowChannel channel)
    {
        try
        {
            writeSlot(channel);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot write " + path, ex);
        }
    }

    /**
     * Writes a chain's head: one 8-byte write, so a process killed at any point leaves the old or the new head.
     *
     * @param channel the chain, with an id.
     */
    void writeHead(final OverflowChannel channel)
    {
        try
        {
            headBytes.clear().putLong(0, channel.firstOffset);
            writeFully(headBytes, slotOffset(channel.id) + HEAD_OFFSET);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot write " + path, ex);
        }
    }

    /**
     * Frees the slot of an id whose storage was removed, so that its records are never brought back.
     *
     * @param id overflow id.
     */
    void free(final int id)
    {
        try
        {
            slot.setMemory(0, NAME_OFFSET, (byte)0);
            writeFully(slotBytes.clear().limit(NAME_OFFSET), slotOffset(id));
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot write " + path, ex);
        }
    }

    /**
     * Closes and deletes the file.
     */
    void delete()
    {
        close();
        deleteFile(path);
    }

    /**
     * Deletes the file of a previous run, if any.
     *
     * @param path the file.
     */
    static void deleteFile(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot delete " + path, ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            file.close();
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot close " + path, ex);
        }
    }

    private void writeSlot(final OverflowChannel channel) throws IOException
    {
        final String storage = channel.storage;
        final int nameLength = null == storage || storage.length() > MAX_NAME_LENGTH ? 0 : storage.length();
        slot.setMemory(0, NAME_OFFSET, (byte)0);
        if (nameLength > 0)
        {
            slot.putInt(ID_OFFSET, channel.id, LITTLE_ENDIAN);
            slot.putInt(NAME_LENGTH_OFFSET, nameLength, LITTLE_ENDIAN);
            slot.putLong(RING_SEQUENCE_OFFSET, channel.ringSequence, LITTLE_ENDIAN);
            slot.putLong(HEAD_OFFSET, channel.firstOffset, LITTLE_ENDIAN);
            slot.putStringWithoutLengthAscii(NAME_OFFSET, storage);
            crc.reset();
            crc.update(slotBytes.clear().limit(HEAD_OFFSET));
            crc.update(slotBytes.clear().position(NAME_OFFSET).limit(NAME_OFFSET + nameLength));
            slot.putInt(CRC_OFFSET, (int)crc.getValue(), LITTLE_ENDIAN);
        }
        writeFully(slotBytes.clear().limit(NAME_OFFSET + nameLength), slotOffset(channel.id));
    }

    private void writeFully(final ByteBuffer from, final long position) throws IOException
    {
        long at = position;
        while (from.hasRemaining())
        {
            at += file.write(from, at);
        }
    }
}
