package org.swarmjvm.queue.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongLongConsumer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.swarmjvm.queue.node.storage.LeaseJournalDescriptor.*;

/**
 * The leased records of one channel, in its memory-mapped lease journal ({@link LeaseJournalDescriptor}): records
 * taken under a lease, and records given back (nacked, or their lease expired) that are ready again at the head
 * of the channel, each with its delivery count. A record given back after {@code maxDeliveries} deliveries goes to
 * the dead-letter channel instead. A restart ends every lease: its record is given back by the same rule.
 * <p>
 * Single-threaded (the poller's); the figures may be read from the stats thread, a moment old. Nothing is
 * allocated per record once the index maps have grown to the most records leased at once.
 */
public final class LeaseTable implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(LeaseTable.class.getName());
    /** Bytes written at a time while a journal's blocks are allocated. */
    private static final int ALLOCATION_CHUNK = 64 << 10;

    private final Path path;
    private final MappedByteBuffer memory;
    private final UnsafeBuffer journal;
    private final int halfLength;
    private final int maxDeliveries;
    private final DeadLetters deadLetters;
    /** Lease id to record offset, of every record leased or given back. */
    private final Long2LongHashMap records = new Long2LongHashMap(-1);
    /** Lease ids of the records given back, the head of the channel last. */
    private final LongArrayList returned = new LongArrayList();
    private final LongArrayList expiring = new LongArrayList();
    private final LongLongConsumer expiryCheck = this::checkExpiry;
    private long generation;
    private int activeHalf;
    private int appendAt;
    private long nextLeaseId;
    private long expiryNow;
    /**
     * No running lease ends before this (while {@link #leased} is above 0): the expiry check walks the records only
     * from then on, not on every turn of the poller while leases run.
     */
    private long soonestDeadlineNanos;
    /** Of the leases the expiry check's walk keeps running, the least time left. */
    private long soonestRemainingNanos;
    private int leased;
    private long redelivered;
    private long deadLettered;

    /**
     * Where a record goes that used up its deliveries.
     */
    @FunctionalInterface
    interface DeadLetters
    {
        /**
         * @param buffer holding the value.
         * @param offset of the value.
         * @param length of the value.
         */
        void push(DirectBuffer buffer, int offset, int length);
    }

    private LeaseTable(final Path path, final MappedByteBuffer memory, final int maxDeliveries,
        final DeadLetters deadLetters)
    {
        this.path = path;
        this.memory = memory;
        this.journal = new UnsafeBuffer(memory);
        this.halfLength = halfLength(memory.capacity());
        this.maxDeliveries = maxDeliveries;
        this.deadLetters = deadLetters;
    }

    /**
     * Makes or opens a channel's journal file, made at the given length if missing, and maps it. Every block of the
     * file is allocated before it is mapped (see {@link #allocate}); a journal that cannot be allocated is not
     * mapped, and a new one is deleted again (it held no record). Disk I/O: it runs on the blocking worker (or at
     * start), never on the poller thread; {@link #load} then reads the mapped journal.
     *
     * @param file      the journal; its folder is created if missing.
     * @param newLength bytes of a new journal; an existing one keeps its own length.
     * @return the mapped journal.
     * @throws DamagedFileException when the file has a length no journal can have.
     * @throws QueueStorageException when the file cannot be made, allocated (a full disk) or mapped; its message
     *                               names the file and the cause.
     */
    static MappedByteBuffer map(final Path file, final long newLength)
    {
        boolean made = true;
        try
        {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                made = hasMagic(channel);
                final long length = made ? channel.size() : newLength;
                if (length < HEADER_LENGTH + 2L * VALUE_OFFSET || length > Integer.MAX_VALUE)
                {
                    throw new DamagedFileException(length, length + " bytes long, not a length a journal can have");
                }
                allocate(channel, length);
                return channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
            }
        }
        catch (final IOException ex)
        {
            if (!made)
            {
                deleteUnmade(file, ex);
            }
            throw new QueueStorageException("cannot make lease journal " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads a channel's mapped journal, memory accesses only: every record leased when the last run ended is given
     * back (or dead-lettered), its delivery count kept; a new journal gets its header.
     *
     * @param file          the journal, from {@link #map}.
     * @param memory        its mapping, from {@link #map}.
     * @param maxDeliveries deliveries after which a record given back is dead-lettered.
     * @param deadLetters   where those records go.
     * @return the table.
     * @throws DamagedFileException when the file is not a lease journal (it is then unmapped).
     */
    static LeaseTable load(final Path file, final MappedByteBuffer memory, final int maxDeliveries,
        final DeadLetters deadLetters)
    {
        final LeaseTable table = new LeaseTable(file, memory, maxDeliveries, deadLetters);
        table.load();
        return table;
    }

    /**
     * A file without the magic held no record: it is new, or its making never completed (a crash, or a full
     * disk), and is made again at the configured length.
     */
    private static boolean hasMagic(final FileChannel channel) throws IOException
    {
        final ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
        while (magic.hasRemaining() && channel.read(magic, magic.position()) >= 0)
        {
            // read the magic, or as much of it as exists
        }
        return !Arrays.equals(new byte[MAGIC.length], magic.array());
    }

    /**
     * Writes every byte of the file up to {@code length}: what it holds where it has bytes, zeros beyond its end.
     * A store into a page of a mapped file that has no block on disk (a sparse file, as {@code setLength} makes)
     * makes the file system allocate one then, and when it is full the kernel answers with SIGBUS: the JVM raises
     * an InternalError on the poller thread at some later instruction and the node exits. A write allocates the
     * blocks now or fails here with an IOException (no space left on device), so the mapped journal never needs a
     * new block. Rewriting the bytes a file holds also fills the holes of a journal made sparse by an older version.
     */
    private static void allocate(final FileChannel channel, final long length) throws IOException
    {
        final ByteBuffer chunk = ByteBuffer.allocate(ALLOCATION_CHUNK);
        for (long at = 0; at < length; at += chunk.capacity())
        {
            chunk.clear().limit((int)Math.min(chunk.capacity(), length - at));
            while (chunk.hasRemaining() && channel.read(chunk, at + chunk.position()) >= 0)
            {
                // read what the file holds here; the rest of the chunk is zeros
            }
            Arrays.fill(chunk.array(), chunk.position(), chunk.limit(), (byte)0);
            chunk.position(0);
            while (chunk.hasRemaining())
            {
                channel.write(chunk, at + chunk.position());
            }
        }
    }

    private static void deleteUnmade(final Path file, final IOException cause)
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

    private void load()
    {
        final byte[] magic = new byte[MAGIC.length];
        journal.getBytes(MAGIC_OFFSET, magic);
        if (Arrays.equals(new byte[MAGIC.length], magic))
        {
            // New, or its creation never completed: it held no record.
            journal.setMemory(0, HEADER_LENGTH, (byte)0);
            journal.putInt(VERSION_OFFSET, VERSION, LITTLE_ENDIAN);
            journal.putLong(NEXT_LEASE_ID_OFFSET, 1, LITTLE_ENDIAN);
            journal.putLong(GENERATION_OFFSET, 1L << 1, LITTLE_ENDIAN);
            journal.putBytes(MAGIC_OFFSET, MAGIC);
        }
        else if (!Arrays.equals(MAGIC, magic) || VERSION != journal.getInt(VERSION_OFFSET, LITTLE_ENDIAN))
        {
            IoUtil.unmap(memory);
            throw new DamagedFileException(MAGIC_OFFSET, "no lease journal magic or version");
        }
        final long word = journal.getLong(GENERATION_OFFSET, LITTLE_ENDIAN);
        generation = word >>> 1;
        activeHalf = (int)(word & 1);
        nextLeaseId = journal.getLong(NEXT_LEASE_ID_OFFSET, LITTLE_ENDIAN);
        final LongArrayList replayed = new LongArrayList();
        final int end = halfStart(activeHalf) + halfLength;
        int at = halfStart(activeHalf);
        while (at + VALUE_OFFSET <= end)
        {
            final int state = journal.getInt(at + STATE_OFFSET, LITTLE_ENDIAN);
            if (STATE_END == state || (int)generation != journal.getInt(at + RECORD_GENERATION_OFFSET, LITTLE_ENDIAN))
            {
                break;
            }
            final int valueLength = journal.getInt(at + VALUE_LENGTH_OFFSET, LITTLE_ENDIAN);
            if (state > STATE_DONE || valueLength < 0 || valueLength > end - at - VALUE_OFFSET)
            {
                LOG.log(Level.ERROR, "Damaged lease journal " + path + " at offset " + at + ": state " + state +
                    ", value length " + valueLength + "; its records from there on are dropped");
                break;
            }
            final long leaseId = journal.getLong(at + LEASE_ID_OFFSET, LITTLE_ENDIAN);
            if (STATE_DONE != state)
            {
                records.put(leaseId, at);
                replayed.addLong(leaseId);
            }
            nextLeaseId = Math.max(nextLeaseId, leaseId + 1);
            at += recordLength(valueLength);
        }
        appendAt = at;
        // The oldest record ends at the head, so it is the first taken again.
        for (int i = replayed.size() - 1; i >= 0; i--)
        {
            final long leaseId = replayed.getLong(i);
            final int record = (int)records.get(leaseId);
            if (STATE_LEASED == journal.getInt(record + STATE_OFFSET, LITTLE_ENDIAN))
            {
                leased++;
                giveBack(leaseId, record);
            }
            else
            {
                returned.addLong(leaseId);
            }
        }
        if (!replayed.isEmpty())
        {
            LOG.log(Level.INFO, "Lease journal " + path + ": " + returned.size() + " records ready again at the " +
                "head, " + deadLettered + " dead-lettered");
        }
    }

    /**
     * Leases the head record given back earlier, if any.
     *
     * @param deadlineNanos when the lease ends, on {@link System#nanoTime()}.
     * @return the record's offset in {@link #journal()}, or -1 when no record was given back.
     */
    int takeReturned(final long deadlineNanos)
    {
        final LongArrayList returned = this.returned;
        if (returned.isEmpty())
        {
            return -1;
        }
        final long oldId = returned.removeAt(returned.size() - 1);
        final int record = (int)records.remove(oldId);
        final long leaseId = newLeaseId();
        journal.putLong(record + LEASE_ID_OFFSET, leaseId, LITTLE_ENDIAN);
        journal.putInt(record + DELIVERIES_OFFSET, deliveries(record) + 1, LITTLE_ENDIAN);
        setDeadline(record, deadlineNanos);
        journal.putIntOrdered(record + STATE_OFFSET, STATE_LEASED);
        records.put(leaseId, record);
        leased++;
        return record;
    }

    /**
     * Makes room for a record taken from the channel's storage, compacting the journal if needed; the value is
     * to be copied to {@link #valueOffset(int)} of the offset returned, then {@link #leaseNew} called.
     *
     * @param valueLength of the record.
     * @return the record's offset, or -1 when the journal cannot hold it.
     */
    int reserve(final int valueLength)
    {
        final int length = recordLength(valueLength);
        if (length > halfLength)
        {
            return -1;
        }
        if (appendAt + length > halfStart(activeHalf) + halfLength)
        {
            compact();
            if (appendAt + length > halfStart(activeHalf) + halfLength)
            {
                return -1;
            }
        }
        journal.putIntOrdered(appendAt + STATE_OFFSET, STATE_END);
        return appendAt;
    }

    /**
     * Leases the record whose value was copied into the room {@link #reserve} made.
     *
     * @param record        from {@link #reserve}.
     * @param valueLength   of the value copied.
     * @param deadlineNanos when the lease ends.
     */
    void leaseNew(final int record, final int valueLength, final long deadlineNanos)
    {
        final long leaseId = newLeaseId();
        journal.putInt(record + RECORD_GENERATION_OFFSET, (int)generation, LITTLE_ENDIAN);
        journal.putLong(record + LEASE_ID_OFFSET, leaseId, LITTLE_ENDIAN);
        journal.putInt(record + DELIVERIES_OFFSET, 1, LITTLE_ENDIAN);
        journal.putInt(record + VALUE_LENGTH_OFFSET, valueLength, LITTLE_ENDIAN);
        setDeadline(record, deadlineNanos);
        journal.putIntOrdered(record + STATE_OFFSET, STATE_LEASED);
        appendAt += recordLength(valueLength);
        records.put(leaseId, record);
        leased++;
    }

    /**
     * Drops a leased record for good.
     *
     * @param leaseId of its lease.
     * @return false when no lease of that id runs.
     */
    boolean ack(final long leaseId)
    {
        final int record = leasedRecord(leaseId);
        if (record < 0)
        {
            return false;
        }
        journal.putIntOrdered(record + STATE_OFFSET, STATE_DONE);
        records.remove(leaseId);
        leased--;
        return true;
    }

    /**
     * Gives a leased record back before its lease ends.
     *
     * @param leaseId of its lease.
     * @return false when no lease of that id runs.
     */
    boolean nack(final long leaseId)
    {
        final int record = leasedRecord(leaseId);
        if (record < 0)
        {
            return false;
        }
        giveBack(leaseId, record);
        return true;
    }

    /**
     * Sets a running lease's end.
     *
     * @param leaseId       of the lease.
     * @param deadlineNanos its new end.
     * @return false when no lease of that id runs.
     */
    boolean extend(final long leaseId, final long deadlineNanos)
    {
        final int record = leasedRecord(leaseId);
        if (record < 0)
        {
            return false;
        }
        setDeadline(record, deadlineNanos);
        return true;
    }

    /**
     * Gives back every record whose lease ended.
     *
     * @param nowNanos on {@link System#nanoTime()}.
     * @return the records given back (or dead-lettered).
     */
    int expire(final long nowNanos)
    {
        if (0 == leased || nowNanos - soonestDeadlineNanos < 0)
        {
            return 0;
        }
        expiryNow = nowNanos;
        soonestRemainingNanos = Long.MAX_VALUE;
        records.forEachLong(expiryCheck);
        soonestDeadlineNanos = nowNanos + soonestRemainingNanos;
        final LongArrayList expiring = this.expiring;
        final int count = expiring.size();
        for (int i = 0; i < count; i++)
        {
            final long leaseId = expiring.getLong(i);
            giveBack(leaseId, (int)records.get(leaseId));
        }
        expiring.clear();
        return count;
    }

    /**
     * Pops the head record given back, for a plain Pop: it is gone for good.
     *
     * @param dst    receives the value.
     * @param offset where the value goes.
     * @return the value's length, or -1 when no record was given back.
     */
    int popReturned(final MutableDirectBuffer dst, final int offset)
    {
        final LongArrayList returned = this.returned;
        if (returned.isEmpty())
        {
            return -1;
        }
        final int record = (int)records.remove(returned.removeAt(returned.size() - 1));
        final int length = valueLength(record);
        dst.putBytes(offset, journal, record + VALUE_OFFSET, length);
        journal.putIntOrdered(record + STATE_OFFSET, STATE_DONE);
        return length;
    }

    /**
     * @return the journal's memory, holding the values at {@link #valueOffset(int)}.
     */
    MutableDirectBuffer journal()
    {
        return journal;
    }

    /**
     * @param record offset.
     * @return the offset of its value.
     */
    static int valueOffset(final int record)
    {
        return record + VALUE_OFFSET;
    }

    /**
     * @param record offset.
     * @return its value's length.
     */
    int valueLength(final int record)
    {
        return journal.getInt(record + VALUE_LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param record offset.
     * @return how many times it was handed out.
     */
    int deliveries(final int record)
    {
        return journal.getInt(record + DELIVERIES_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param record offset.
     * @return the id of its lease.
     */
    long leaseId(final int record)
    {
        return journal.getLong(record + LEASE_ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return records given back and ready at the head.
     */
    public int ready()
    {
        return returned.size();
    }

    /**
     * @return records whose lease runs.
     */
    public int leased()
    {
        return leased;
    }

    /**
     * @return records given back for another delivery since the node started.
     */
    public long redelivered()
    {
        return redelivered;
    }

    /**
     * @return records moved to the dead-letter channel since the node started.
     */
    public long deadLettered()
    {
        return deadLettered;
    }

    /**
     * Unmaps the journal and deletes it: the channel was removed.
     */
    void delete()
    {
        close();
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot delete lease journal " + path, ex);
        }
    }

    /**
     * Unmaps the journal; the file stays for the next start.
     */
    @Override
    public void close()
    {
        IoUtil.unmap(memory);
    }

    private int leasedRecord(final long leaseId)
    {
        final int record = (int)records.get(leaseId);
        return record >= 0 && STATE_LEASED == journal.getInt(record + STATE_OFFSET, LITTLE_ENDIAN) ? record : -1;
    }

    private void giveBack(final long leaseId, final int record)
    {
        leased--;
        if (deliveries(record) >= maxDeliveries)
        {
            deadLetters.push(journal, record + VALUE_OFFSET, valueLength(record));
            journal.putIntOrdered(record + STATE_OFFSET, STATE_DONE);
            records.remove(leaseId);
            deadLettered++;
            return;
        }
        journal.putIntOrdered(record + STATE_OFFSET, STATE_RETURNED);
        returned.addLong(leaseId);
        redelivered++;
    }

    private void checkExpiry(final long leaseId, final long record)
    {
        final int at = (int)record;
        if (STATE_LEASED != journal.getInt(at + STATE_OFFSET, LITTLE_ENDIAN))
        {
            return;
        }
        final long remaining = journal.getLong(at + DEADLINE_OFFSET, LITTLE_ENDIAN) - expiryNow;
        if (remaining <= 0)
        {
            expiring.addLong(leaseId);
        }
        else
        {
            soonestRemainingNanos = Math.min(soonestRemainingNanos, remaining);
        }
    }

    /**
     * Writes a running lease's end (taken, or extended, perhaps to an earlier end) and keeps the expiry check's
     * bound at or before it; an ack or a later end leaves the bound early, which costs one walk that finds nothing.
     */
    private void setDeadline(final int record, final long deadlineNanos)
    {
        journal.putLong(record + DEADLINE_OFFSET, deadlineNanos, LITTLE_ENDIAN);
        if (0 == leased || deadlineNanos - soonestDeadlineNanos < 0)
        {
            soonestDeadlineNanos = deadlineNanos;
        }
    }

    private long newLeaseId()
    {
        final long leaseId = nextLeaseId++;
        journal.putLong(NEXT_LEASE_ID_OFFSET, nextLeaseId, LITTLE_ENDIAN);
        return leaseId;
    }

    /**
     * Copies the live records to the other half, then makes it the active one with one store: a crash before
     * that store leaves the active half as it was.
     */
    private void compact()
    {
        final int target = 1 - activeHalf;
        final long newGeneration = generation + 1;
        int to = halfStart(target);
        for (int from = halfStart(activeHalf); from < appendAt; )
        {
            final int length = recordLength(valueLength(from));
            final int state = journal.getInt(from + STATE_OFFSET, LITTLE_ENDIAN);
            if (STATE_LEASED == state || STATE_RETURNED == state)
            {
                journal.putIntOrdered(to + STATE_OFFSET, STATE_END);
                journal.putBytes(to + LEASE_ID_OFFSET, journal, from + LEASE_ID_OFFSET, length - LEASE_ID_OFFSET);
                journal.putInt(to + RECORD_GENERATION_OFFSET, (int)newGeneration, LITTLE_ENDIAN);
                journal.putIntOrdered(to + STATE_OFFSET, state);
                records.put(leaseId(to), to);
                to += length;
            }
            from += length;
        }
        journal.putLongVolatile(GENERATION_OFFSET, newGeneration << 1 | target);
        generation = newGeneration;
        activeHalf = target;
        appendAt = to;
    }

    private int halfStart(final int half)
    {
        return HEADER_LENGTH + half * halfLength;
    }
}
