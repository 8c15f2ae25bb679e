package org.swarmjvm.queue.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The disk overflow shared by all storages: {@code overflow.dat}, records of every storage appended in push
 * order, each storage's records chained by their headers (spec §4.2); and its index {@code ofchannels.csv}
 * (§4.3). A storage whose ring is full appends here; pops read the chain from its first record. When the last
 * record of all storages is popped both files are truncated to 0 bytes, which is the only way the data file
 * shrinks (the original's head-cutting "minimise" was never reached and is not done here).
 * <p>
 * Writes go through the file channel to the page cache, so they survive the process being killed; the chain
 * positions live in each storage's state (see {@link StorageFile}), and the index file is written at clean
 * shutdown only, in the original's format. With ring files, {@code overflow.chains} keeps a second copy of each
 * chain's storage name and head (see {@link OverflowChainDescriptor}), so that the chain of a storage whose ring
 * file header is damaged can still be found.
 * <p>
 * On a full disk an append must not fail half way: a push asks {@link #reserve} first (through
 * {@link QueueStorage#prepare}), which writes zeros past the file's end for the records of the request, so that
 * the appends only overwrite bytes the file system holds already; a reservation the disk cannot make refuses the
 * push before anything is stored. An append that fails anyway (one that did not reserve, or an I/O error) cuts
 * the file back to its last whole record and changes nothing in memory. Not thread-safe.
 */
public final class DiskOverflow implements AutoCloseable
{
    /** Name of the data file. */
    public static final String DATA_FILE = "overflow.dat";
    /** Name of the index file. */
    public static final String INDEX_FILE = "ofchannels.csv";

    private static final int CHUNK = 64 * 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(CHUNK);

    private final Path dataPath;
    private final Path indexPath;
    /** {@code overflow.chains}, or {@code null} when the node runs without ring files. */
    private final Path chainsPath;
    private final FileChannel data;
    private final ByteBuffer headerBytes = ByteBuffer.allocateDirect(OverflowRecordDescriptor.HEADER_LENGTH);
    private final UnsafeBuffer header = new UnsafeBuffer(headerBytes);
    private final ByteBuffer chunkBytes = ByteBuffer.allocateDirect(CHUNK);
    private final UnsafeBuffer chunk = new UnsafeBuffer(chunkBytes);
    private final ByteBuffer zeros = ZEROS.duplicate();
    private final List<OverflowChannel> channels = new ArrayList<>();
    private final DiskFullOutage outage;
    /** Open once the start has registered every chain; {@code null} before and without ring files. */
    private OverflowChainsFile chains;
    private long fileEnd;
    /** The end of what the file holds: past {@link #fileEnd} are the zeros {@link #reserve} wrote. */
    private long backedEnd;
    /** Bytes {@link #reserve reserved} past {@link #fileEnd} for the request being stored. */
    private long reserved;
    private long totalRecords;

    /**
     * Opens (creating if missing) {@code overflow.dat} in a directory and checks its magic.
     *
     * @param directory  the data directory.
     * @param keepChains true when the storages' states live in ring files: keep {@code overflow.chains} too.
     * @param outage     the node's log of pushes refused for want of disk space.
     * @throws QueueStorageException when the data file is 1 to 7 bytes long or has a wrong magic.
     */
    public DiskOverflow(final Path directory, final boolean keepChains, final DiskFullOutage outage)
    {
        this.outage = outage;
        this.dataPath = directory.resolve(DATA_FILE);
        this.indexPath = directory.resolve(INDEX_FILE);
        this.chainsPath = keepChains ? directory.resolve(OverflowChainsFile.FILE) : null;
        if (!keepChains)
        {
            // left by a run with ring files: the ids of this run would make it name the wrong records later
            OverflowChainsFile.deleteFile(directory.resolve(OverflowChainsFile.FILE));
        }
        try
        {
            data = FileChannel.open(dataPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            fileEnd = data.size();
            backedEnd = fileEnd;
            if (fileEnd > 0)
            {
                if (fileEnd < OverflowRecordDescriptor.FILE_MAGIC.length)
                {
                    throw new QueueStorageException(dataPath + ": " + fileEnd + " bytes, too short for the magic");
                }
                final byte[] magic = new byte[OverflowRecordDescriptor.FILE_MAGIC.length];
                readFully(ByteBuffer.wrap(magic), 0);
                if (!Arrays.equals(OverflowRecordDescriptor.FILE_MAGIC, magic))
                {
                    throw new QueueStorageException(dataPath + ": wrong magic, expected QDSKOF01");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot open " + dataPath, ex);
        }
    }

    /**
     * Reads and validates {@code ofchannels.csv} against the data file (spec §4.3; every inconsistency is fatal,
     * as in the original). The ids come from each chain's first record.
     *
     * @return the overflow channels by storage name, in index order; empty when there is no index.
     * @throws QueueStorageException when the index is inconsistent.
     */
    public Map<String, OverflowChannel> readIndex()
    {
        final Map<String, OverflowChannel> index = new LinkedHashMap<>();
        if (!Files.exists(indexPath))
        {
            return index;
        }
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(indexPath, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot read " + indexPath, ex);
        }
        long sumBytes = 0;
        long sumRecords = 0;
        final Set<Integer> ids = new HashSet<>();
        final Set<Long> offsets = new HashSet<>();
        for (final String line : lines)
        {
            final String trimmed = line.trim();
            if (trimmed.isEmpty())
            {
                break;
            }
            final String[] fields = trimmed.split("\\s+");
            if (5 != fields.length || !StorageName.isValid(fields[0]))
            {
                throw new QueueStorageException(indexPath + ": bad line '" + line + "'");
            }
            final String name = fields[0];
            final long records;
            final long bytes;
            final long first;
            final long last;
            try
            {
                records = Long.parseUnsignedLong(fields[1]);
                bytes = Long.parseUnsignedLong(fields[2]);
                first = Long.parseLong(fields[3]);
                last = Long.parseLong(fields[4]);
            }
            catch (final NumberFormatException ex)
            {
                throw new QueueStorageException(indexPath + ": bad number in line '" + line + "'");
            }
            if (0 == fileEnd)
            {
                throw new QueueStorageException(indexPath + " lists '" + name + "' but " + dataPath + " is empty");
            }
            if (index.containsKey(name))
            {
                throw new QueueStorageException(indexPath + ": '" + name + "' listed twice");
            }
            final String where = indexPath + " '" + name + "': ";
            if (records <= 0)
            {
                throw new QueueStorageException(where + "0 records");
            }
            if (last >= fileEnd || first < OverflowRecordDescriptor.FILE_MAGIC.length ||
                (1 == records ? first != last : first >= last))
            {
                throw new QueueStorageException(where + "offsets " + first + ".." + last + " do not fit " + records +
                    " records in a file of " + fileEnd + " bytes");
            }
            final int firstId = readValidHeader(first, where + "first record");
            final int lastId = readValidHeader(last, where + "last record");
            if (0 != OverflowRecordDescriptor.nextOffset(header, 0))
            {
                throw new QueueStorageException(where + "the last record links to another record");
            }
            if (firstId != lastId)
            {
                throw new QueueStorageException(where + "first and last record ids differ: " + firstId + ", " +
                    lastId);
            }
            if (!ids.add(firstId) || !offsets.add(first) || (first != last && !offsets.add(last)))
            {
                throw new QueueStorageException(where + "shares its id or a record offset with another storage");
            }
            sumBytes += bytes;
            sumRecords += records;
            final OverflowChannel channel = new OverflowChannel();
            channel.set(firstId, first, last, records, bytes);
            index.put(name, channel);
        }
        if (fileEnd < sumBytes + sumRecords * OverflowRecordDescriptor.HEADER_LENGTH)
        {
            throw new QueueStorageException(dataPath + " of " + fileEnd + " bytes cannot hold the " + sumRecords +
                " records of " + sumBytes + " bytes " + indexPath + " lists");
        }
        return index;
    }

    /**
     * A chain {@code overflow.chains} names that no storage of this start holds: its storage's ring file header was
     * damaged (or the file is gone).
     *
     * @param storage      the storage it belongs to.
     * @param ringSequence the sequence number of that storage's ring file.
     * @param chain        the records found from the chain's head, in push order; none when it had none.
     * @param problem      why the chain ends before a record that links further, or {@code null} when it ends at a
     *                     record that links nowhere.
     */
    public record Unclaimed(String storage, long ringSequence, OverflowChannel chain, String problem)
    {
    }

    /**
     * Finds, through {@code overflow.chains}, the chains of ids no registered storage holds. Each is walked from its
     * head through the links of its records, every header checked (parity, the slot's id, within the file); a
     * walk that meets a bad record keeps the records before it and makes the last of them the chain's end. Call it
     * once every storage of the start is registered.
     *
     * @param problems receives the slots of {@code overflow.chains} that cannot be trusted.
     * @return the unclaimed chains; empty without ring files or without the file.
     */
    public List<Unclaimed> unclaimedChains(final List<String> problems)
    {
        final List<Unclaimed> unclaimed = new ArrayList<>();
        if (null == chainsPath)
        {
            return unclaimed;
        }
        final Set<Integer> claimed = new HashSet<>();
        for (final OverflowChannel channel : channels)
        {
            claimed.add(channel.id);
        }
        for (final OverflowChainsFile.Chain slot : OverflowChainsFile.read(chainsPath, problems))
        {
            if (!claimed.contains(slot.id()))
            {
                final OverflowChannel chain = new OverflowChannel();
                chain.id = slot.id();
                final String problem = 0 == slot.head() ? null : walk(chain, slot.head());
                unclaimed.add(new Unclaimed(slot.storage(), slot.ringSequence(), chain, problem));
            }
        }
        return unclaimed;
    }

    /**
     * Replaces {@code overflow.chains} with the chains of every registered storage and keeps it current from now
     * on. Call it once the start has registered every chain.
     */
    public void openChains()
    {
        if (null != chainsPath)
        {
            chains = OverflowChainsFile.create(chainsPath, channels);
        }
    }

    private String walk(final OverflowChannel chain, final long head)
    {
        long at = head;
        String problem = null;
        try
        {
            while (true)
            {
                if (at < OverflowRecordDescriptor.FILE_MAGIC.length || at + OverflowRecordDescriptor.HEADER_LENGTH >
                    fileEnd)
                {
                    problem = "record at " + at + " outside " + dataPath + " of " + fileEnd + " bytes";
                    break;
                }
                readHeader(at);
                final long length = OverflowRecordDescriptor.length(header, 0);
                final long next = OverflowRecordDescriptor.nextOffset(header, 0);
                if (!OverflowRecordDescriptor.isParityValid(header, 0) ||
                    OverflowRecordDescriptor.id(header, 0) != chain.id || length < 1 ||
                    length > fileEnd - at - OverflowRecordDescriptor.HEADER_LENGTH)
                {
                    problem = "bad record header at " + at + " in " + dataPath;
                    break;
                }
                if (0 == chain.records)
                {
                    chain.firstOffset = at;
                }
                chain.lastOffset = at;
                chain.records++;
                chain.bytes += length;
                if (0 == next)
                {
                    return null;
                }
                if (next < OverflowRecordDescriptor.HEADER_LENGTH + length)
                {
                    problem = "bad link " + next + " at " + at + " in " + dataPath;
                    break;
                }
                at += next;
            }
            if (chain.records > 0)
            {
                // the chain ends here now: the index written at shutdown must name a last record linking nowhere
                readHeader(chain.lastOffset);
                OverflowRecordDescriptor.write(header, 0, chain.id, 0, OverflowRecordDescriptor.length(header, 0));
                writeFully(headerBytes.clear(), chain.lastOffset);
            }
        }
        catch (final IOException ex)
        {
            problem = "cannot read " + dataPath + " at " + at + ": " + ex;
        }
        return problem;
    }

    /**
     * Checks that a chain restored from a ring file points at valid records of this data file.
     *
     * @param channel restored chain.
     * @return a description of the inconsistency, or {@code null} when it is usable.
     */
    public String check(final OverflowChannel channel)
    {
        if (channel.isEmpty())
        {
            return null;
        }
        if (channel.lastOffset + OverflowRecordDescriptor.HEADER_LENGTH > fileEnd ||
            channel.firstOffset < OverflowRecordDescriptor.FILE_MAGIC.length)
        {
            return "offsets " + channel.firstOffset + ".." + channel.lastOffset + " outside a file of " + fileEnd +
                " bytes";
        }
        try
        {
            final int firstId = readValidHeader(channel.firstOffset, "first record");
            final int lastId = readValidHeader(channel.lastOffset, "last record");
            if (firstId != channel.id || lastId != channel.id)
            {
                return "record ids " + firstId + "/" + lastId + " instead of " + channel.id;
            }
        }
        catch (final QueueStorageException ex)
        {
            return ex.getMessage();
        }
        return null;
    }

    /**
     * Starts tracking a storage's chain (new, from the index or from a ring file).
     *
     * @param channel the chain.
     */
    public void register(final OverflowChannel channel)
    {
        channels.add(channel);
        totalRecords += channel.records;
    }

    /**
     * Stops tracking a storage's chain; its records are abandoned.
     *
     * @param channel the chain.
     */
    public void unregister(final OverflowChannel channel)
    {
        if (channels.remove(channel))
        {
            totalRecords -= channel.records;
            if (null != chains && 0 != channel.id)
            {
                chains.free(channel.id);
            }
        }
        channel.clearRecords();
    }

    /**
     * Forgets a storage's records but keeps its id.
     *
     * @param channel the chain.
     */
    public void clear(final OverflowChannel channel)
    {
        totalRecords -= channel.records;
        channel.clearRecords();
    }

    /**
     * Makes room for a record of a push about to be stored: writes zeros past the file's end, so that the record and
     * every other one the request reserved can be appended without the file system giving the file a block, and,
     * for a storage's first record on disk, its slot of {@code overflow.chains}. Reservations add up until
     * {@link #releaseReservation()}; a push that fails here stores nothing and is logged with the node's outage.
     *
     * @param channel the storage's chain.
     * @param storage the storage's name, for the log.
     * @param length  of the payload, at least 1.
     * @return false when the disk cannot hold the record.
     */
    boolean reserve(final OverflowChannel channel, final String storage, final int length)
    {
        boolean backed = false;
        try
        {
            if (0 == totalRecords && 0 == reserved)
            {
                startFile();
            }
            reserved += OverflowRecordDescriptor.HEADER_LENGTH + length;
            final long needed = fileEnd + reserved;
            if (needed > backedEnd)
            {
                final long from = backedEnd;
                backZeros(needed);
                backed = backedEnd > from;
            }
            if (null != chains && channel.isEmpty())
            {
                if (0 == channel.id)
                {
                    channel.id = nextId();
                }
                // the append then rewrites the slot in place
                chains.write(channel);
            }
        }
        catch (final IOException | QueueStorageException ex)
        {
            final Throwable cause = ex instanceof QueueStorageException && null != ex.getCause() ? ex.getCause() : ex;
            outage.refused(storage, "the disk overflow " + dataPath + " cannot take a record of " + length +
                " bytes: " + cause.getMessage());
            return false;
        }
        if (backed)
        {
            outage.overflowBacked(storage);
        }
        return true;
    }

    /**
     * Ends the reservations of a request: stored, refused or waiting to ask again.
     */
    void releaseReservation()
    {
        reserved = 0;
    }

    /**
     * Writes zeros from the held end to {@code needed} and, as far as the disk goes, one chunk further, so that
     * the next records find room without a write of their own.
     */
    private void backZeros(final long needed) throws IOException
    {
        final long wanted = needed + CHUNK;
        try
        {
            while (backedEnd < wanted)
            {
                backedEnd += data.write(zeros.clear().limit((int)Math.min(CHUNK, wanted - backedEnd)), backedEnd);
            }
        }
        catch (final IOException ex)
        {
            if (backedEnd < needed)
            {
                throw ex;
            }
        }
    }

    /** The first record after the file was emptied: the file starts again with its magic. */
    private void startFile() throws IOException
    {
        data.truncate(0);
        fileEnd = 0;
        backedEnd = 0;
        writeFully(ByteBuffer.wrap(OverflowRecordDescriptor.FILE_MAGIC), 0);
        fileEnd = OverflowRecordDescriptor.FILE_MAGIC.length;
        backedEnd = fileEnd;
    }

    /**
     * Appends a record to a storage's chain, into the room {@link #reserve} made for it when it did. An append
     * that fails cuts the file back to its last whole record and leaves the chain as it was.
     *
     * @param channel the storage's chain.
     * @param src     holding the payload.
     * @param offset  of the payload.
     * @param length  of the payload, at least 1.
     * @throws QueueStorageException when the record cannot be written.
     */
    public void push(final OverflowChannel channel, final DirectBuffer src, final int offset, final int length)
    {
        if (0 == totalRecords && 0 == reserved)
        {
            try
            {
                startFile();
            }
            catch (final IOException ex)
            {
                throw new QueueStorageException("cannot append to " + dataPath, ex);
            }
        }
        reserved = Math.max(0, reserved - OverflowRecordDescriptor.HEADER_LENGTH - length);
        final long position = fileEnd;
        try
        {
            if (0 == channel.id)
            {
                channel.id = nextId();
            }
            long at = position + OverflowRecordDescriptor.HEADER_LENGTH;
            if (length <= CHUNK - OverflowRecordDescriptor.HEADER_LENGTH)
            {
                // the common case: header and payload in one write
                OverflowRecordDescriptor.write(chunk, 0, channel.id, 0, length);
                chunk.putBytes(OverflowRecordDescriptor.HEADER_LENGTH, src, offset, length);
                writeFully(chunkBytes.clear().limit(OverflowRecordDescriptor.HEADER_LENGTH + length), position);
                at += length;
            }
            else
            {
                OverflowRecordDescriptor.write(header, 0, channel.id, 0, length);
                writeFully(headerBytes.clear(), position);
                for (int done = 0; done < length; )
                {
                    final int n = Math.min(CHUNK, length - done);
                    chunk.putBytes(0, src, offset + done, n);
                    writeFully(chunkBytes.clear().limit(n), at);
                    at += n;
                    done += n;
                }
            }
            backedEnd = Math.max(backedEnd, at);
            if (channel.records > 0)
            {
                readHeader(channel.lastOffset);
                OverflowRecordDescriptor.write(header, 0, channel.id, position - channel.lastOffset,
                    OverflowRecordDescriptor.length(header, 0));
                writeFully(headerBytes.clear(), channel.lastOffset);
            }
            else
            {
                channel.firstOffset = position;
                if (null != chains)
                {
                    chains.write(channel);
                }
            }
            fileEnd = at;
        }
        catch (final IOException | QueueStorageException ex)
        {
            if (channel.records == 0)
            {
                channel.firstOffset = 0;
            }
            throw new QueueStorageException("cannot append to " + dataPath + cutBack(position), ex);
        }
        channel.lastOffset = position;
        channel.records++;
        channel.bytes += length;
        totalRecords++;
    }

    /**
     * After a failed append: cuts the file at the end of its last whole record, so that no torn record stays.
     *
     * @return what the cut did, for the message of the failure.
     */
    private String cutBack(final long end)
    {
        try
        {
            data.truncate(end);
            backedEnd = Math.min(backedEnd, end);
            return " (cut back to its last whole record, " + end + " bytes)";
        }
        catch (final IOException ex)
        {
            return " (cannot cut it back to its last whole record, " + end + " bytes: " + ex.getMessage() + ")";
        }
    }

    /**
     * @param channel a storage's chain.
     * @return the payload length of its oldest record, or -1 when it has none.
     */
    public int peekLength(final OverflowChannel channel)
    {
        if (channel.isEmpty())
        {
            return -1;
        }
        readValidRecordHeader(channel);
        return (int)OverflowRecordDescriptor.length(header, 0);
    }

    /**
     * Removes a storage's oldest record and copies its payload out. Call {@link #truncateIfEmpty()} once the
     * storage's new state is published.
     *
     * @param channel the storage's chain.
     * @param dst     receives the payload; must have room (or be expandable) for {@link #peekLength} bytes.
     * @param offset  where the payload goes.
     * @return the payload length, or -1 when the chain is empty.
     */
    public int pop(final OverflowChannel channel, final MutableDirectBuffer dst, final int offset)
    {
        if (channel.isEmpty())
        {
            return -1;
        }
        readValidRecordHeader(channel);
        final int length = (int)OverflowRecordDescriptor.length(header, 0);
        final long next = OverflowRecordDescriptor.nextOffset(header, 0);
        long at = channel.firstOffset + OverflowRecordDescriptor.HEADER_LENGTH;
        try
        {
            for (int done = 0; done < length; )
            {
                final int n = Math.min(CHUNK, length - done);
                readFully(chunkBytes.clear().limit(n), at);
                dst.putBytes(offset + done, chunk, 0, n);
                at += n;
                done += n;
            }
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot read " + dataPath + " at " + at, ex);
        }
        channel.records--;
        channel.bytes -= length;
        totalRecords--;
        if (0 == channel.records)
        {
            channel.firstOffset = 0;
            channel.lastOffset = 0;
        }
        else
        {
            channel.firstOffset += next;
        }
        return length;
    }

    /**
     * Records a storage's new name in {@code overflow.chains} (a channel's plain storage became its first
     * subscriber's).
     *
     * @param channel the storage's chain.
     */
    public void renamed(final OverflowChannel channel)
    {
        if (null != chains && 0 != channel.id)
        {
            chains.write(channel);
        }
    }

    /**
     * Records a storage's new head after {@link #pop} in {@code overflow.chains}; call it before the storage's new
     * state is published, so that the copy never names a record the storage no longer holds.
     *
     * @param channel the storage's chain.
     */
    public void popped(final OverflowChannel channel)
    {
        if (null != chains)
        {
            chains.writeHead(channel);
        }
    }

    /**
     * Truncates both files to 0 bytes when no storage has a record on disk any more (spec §4.2).
     */
    public void truncateIfEmpty()
    {
        if (0 == totalRecords && fileEnd > 0)
        {
            try
            {
                data.truncate(0);
                fileEnd = 0;
                backedEnd = 0;
                if (Files.exists(indexPath))
                {
                    try (FileChannel index = FileChannel.open(indexPath, StandardOpenOption.WRITE))
                    {
                        index.truncate(0);
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new QueueStorageException("cannot truncate " + dataPath, ex);
            }
        }
    }

    /**
     * Truncates the index after its content moved into the ring files, so that a stale index can never bring
     * back records after a crash.
     */
    public void truncateIndex()
    {
        try
        {
            if (Files.exists(indexPath))
            {
                try (FileChannel index = FileChannel.open(indexPath, StandardOpenOption.WRITE))
                {
                    index.truncate(0);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot truncate " + indexPath, ex);
        }
    }

    /**
     * Clean shutdown: cuts the data file at its last record and writes the index of every storage with records on
     * disk, one line {@code <name> <records> <bytes> <first> <last>} each (written to a temporary file, then renamed
     * over the old one); when no record is on disk both files are deleted, as the original does. When writing fails the
     * temporary file is removed and the old index is left as it was.
     *
     * @param byName every storage's chain by storage name.
     */
    public void writeIndex(final Map<String, OverflowChannel> byName)
    {
        try
        {
            if (0 == totalRecords)
            {
                data.truncate(0);
                fileEnd = 0;
                backedEnd = 0;
                Files.deleteIfExists(dataPath);
                Files.deleteIfExists(indexPath);
                return;
            }
            // the zeros reserved past the last record: the file handed over ends with a record, as the original's
            data.truncate(fileEnd);
            backedEnd = fileEnd;
            data.force(true);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot write " + indexPath + ": " + ex.getMessage(), ex);
        }
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, OverflowChannel> entry : byName.entrySet())
        {
            final OverflowChannel channel = entry.getValue();
            if (!channel.isEmpty())
            {
                text.append(entry.getKey()).append(' ').append(channel.records).append(' ')
                    .append(channel.bytes).append(' ').append(channel.firstOffset).append(' ')
                    .append(channel.lastOffset).append('\n');
            }
        }
        final ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
        FileReplacement.replace(indexPath, out ->
        {
            while (bytes.hasRemaining())
            {
                out.write(bytes);
            }
        });
    }

    /**
     * Clean shutdown, once the index and every dump are written and the ring files deleted: deletes
     * {@code overflow.chains}, which must not outlive the ring files (the original node, taking over the directory,
     * reuses the ids).
     */
    public void deleteChains()
    {
        if (null != chains)
        {
            chains.delete();
            chains = null;
        }
    }

    /**
     * @return records on disk, over all storages.
     */
    public long totalRecords()
    {
        return totalRecords;
    }

    /**
     * @return current size of the data file.
     */
    public long fileSize()
    {
        return fileEnd;
    }

    @Override
    public void close()
    {
        if (null != chains)
        {
            chains.close();
            chains = null;
        }
        try
        {
            data.close();
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot close " + dataPath, ex);
        }
    }

    private int nextId()
    {
        int max = 0;
        for (final OverflowChannel channel : channels)
        {
            max = Math.max(max, channel.id);
        }
        return max + 1;
    }

    private void readValidRecordHeader(final OverflowChannel channel)
    {
        final int id = readValidHeader(channel.firstOffset, "record");
        if (id != channel.id)
        {
            throw new QueueStorageException(dataPath + ": record at " + channel.firstOffset + " has id " + id +
                ", expected " + channel.id);
        }
    }

    private int readValidHeader(final long position, final String what)
    {
        try
        {
            if (position + OverflowRecordDescriptor.HEADER_LENGTH > fileEnd)
            {
                throw new QueueStorageException(dataPath + ": " + what + " at " + position + " is past the end");
            }
            readHeader(position);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot read " + dataPath + " at " + position, ex);
        }
        final int id = OverflowRecordDescriptor.id(header, 0);
        if (!OverflowRecordDescriptor.isParityValid(header, 0) || 0 == id)
        {
            throw new QueueStorageException(dataPath + ": " + what + " at " + position + " has a bad header");
        }
        return id;
    }

    private void readHeader(final long position) throws IOException
    {
        readFully(headerBytes.clear(), position);
    }

    private void readFully(final ByteBuffer into, final long position) throws IOException
    {
        long at = position;
        while (into.hasRemaining())
        {
            final int n = data.read(into, at);
            if (n < 0)
            {
                throw new IOException("end of file at " + at);
            }
            at += n;
        }
    }

    private void writeFully(final ByteBuffer from, final long position) throws IOException
    {
        long at = position;
        while (from.hasRemaining())
        {
            at += data.write(from, at);
        }
    }
}
