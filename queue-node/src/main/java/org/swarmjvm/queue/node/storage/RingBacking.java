package org.swarmjvm.queue.node.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;

/**
 * How much of a ring file's data region the file system has blocks for, and the making of more on the node's
 * blocking worker. A ring file is created sparse and memory-mapped: a store into a page the file system has no
 * block for faults, and on a full disk that fault (SIGBUS) kills the JVM. So the ring stores only below
 * {@link #backedTo()}, and the worker backs the pages ahead of the write position by writing zeros through a
 * {@link FileChannel}: a real allocation on tmpfs and ext4, which fails with "No space left on device" instead.
 * <p>
 * The ring writes its data region in order from offset 0 and wraps back to 0, so one bound says what is backed;
 * after the ring's first lap the whole region is, and no more work is done. Each backing doubles the backed part,
 * from {@link #MIN_WINDOW} to at most {@link #WINDOW} bytes at a time, never past the ring's capacity nor more
 * than a quarter of what the disk has free: a channel of a few records keeps to a few pages, as the sparse file
 * did, and small disks keep room for the disk overflow, the lease journals and the shutdown dumps. The next
 * backing starts once the write position is past the middle of the last one. A push that needs pages past the
 * backed part waits for the worker ({@link #WAITING}); it is refused ({@link #FULL}) only when the worker could
 * not back them.
 * <p>
 * Poller thread only, but for {@link Backing#run()}, which runs on the worker.
 */
final class RingBacking
{
    /** The record can be stored: the pages it needs are backed (or it goes to the disk overflow). */
    static final int READY = 0;
    /** The worker is backing the pages the record needs: ask again once a task given to it after this one ran. */
    static final int WAITING = 1;
    /** The disk could not back the pages the record needs. */
    static final int FULL = 2;

    /** Bytes backed at a time, at most. */
    static final int WINDOW = 4 << 20;
    /** Zeros written per call, and the first backing of a ring. */
    private static final int MIN_WINDOW = 64 << 10;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(MIN_WINDOW).asReadOnlyBuffer();

    /** The ring file; {@code null} for memory, which needs no backing. */
    private final StorageFile file;
    private final long dataOffset;
    private final int capacity;
    private final DiskFullOutage outage;
    private int backedTo;
    /** Past this end of a record, the next backing starts ahead of need. */
    private int aheadFrom;
    private Backing backing;
    /** Why the last backing a record waited for fell short, until a push is refused for it. */
    private IOException failure;

    /**
     * @param file   the storage's memory.
     * @param outage the node's log of refusals.
     */
    RingBacking(final StorageFile file, final DiskFullOutage outage)
    {
        final boolean mapped = null != file.path();
        this.file = mapped ? file : null;
        this.dataOffset = StorageFileDescriptor.dataOffset(file.channel().length());
        this.capacity = file.capacity();
        this.backedTo = mapped ? 0 : capacity;
        this.aheadFrom = backedTo;
        this.outage = outage;
    }

    /**
     * @return the end of the data region's part that is backed: the ring may store below it.
     */
    int backedTo()
    {
        return backedTo;
    }

    /**
     * Records what a ring file adopted after a crash is known to have blocks for: every byte its ring wrote.
     *
     * @param written the end of the data region's part written before.
     */
    void written(final int written)
    {
        backedTo = Math.max(backedTo, Math.min(written, capacity));
        aheadFrom = backedTo / 2;
    }

    /**
     * Backs the data region up to {@code end} now, blocking the caller: for the start-up, which loads records into
     * a new ring file before the node serves, and for a record that cannot wait for the worker (one dead-lettered).
     *
     * @param end the end of the data to be written.
     * @return {@code null} when it is backed, else why not (a full disk, or the worker backing this ring now).
     */
    IOException backNow(final int end)
    {
        if (end <= backedTo)
        {
            return null;
        }
        if (null != backing)
        {
            // The worker writes zeros from the backed end on: the ring must not write there before it is done.
            return new IOException("the blocking worker is backing the ring's pages");
        }
        final Backing now = newBacking(end);
        now.run();
        backed(now);
        return now.failure;
    }

    /**
     * Whether a record ending at {@code end} of the data region can be stored now; starts the backing of the
     * pages it needs, or of the next ones once the write position is past the middle of the last backing.
     *
     * @param end     where the record would end.
     * @param storage the storage's name, for the log.
     * @param worker  the node's blocking worker, which runs its tasks in order.
     * @return {@link #READY}, {@link #WAITING} or {@link #FULL}.
     */
    int prepare(final int end, final String storage, final Executor worker)
    {
        collect(storage);
        if (end > backedTo && null == backing)
        {
            if (null != failure)
            {
                outage.refused(storage, "the disk cannot back the pages of ring file " + file.path() + ": " +
                    failure.getMessage());
                failure = null;
                return FULL;
            }
            start(end, worker, storage);
        }
        if (end > backedTo)
        {
            return WAITING;
        }
        if (null == backing && backedTo < capacity && end > aheadFrom)
        {
            start(end, worker, storage);
        }
        return READY;
    }

    private void start(final int end, final Executor worker, final String storage)
    {
        backing = newBacking(end);
        worker.execute(backing);
        // An executor that ran it at once (a test's) is done already.
        collect(storage);
    }

    private Backing newBacking(final int end)
    {
        return new Backing(file.path(), dataOffset, backedTo, Math.max(end, backedTo),
            (int)Math.min(capacity, (long)backedTo + Math.max(MIN_WINDOW, Math.min(WINDOW, backedTo))));
    }

    private void collect(final String storage)
    {
        final Backing done = backing;
        if (null == done || !done.done)
        {
            return;
        }
        backing = null;
        final int before = backedTo;
        backed(done);
        if (done.backed < done.needed)
        {
            failure = done.failure;
        }
        else if (backedTo > before)
        {
            outage.backed(storage);
        }
    }

    private void backed(final Backing done)
    {
        aheadFrom = done.from + (done.backed - done.from) / 2;
        backedTo = done.backed;
    }

    /**
     * One backing on the worker: zeros from {@code from} to at least {@code needed} and, as far as a quarter of the
     * disk's free space goes, to {@code wanted} (offsets in the data region).
     */
    private static final class Backing implements Runnable
    {
        private final Path file;
        private final long dataOffset;
        private final int from;
        private final int needed;
        private final int wanted;
        /** Written on the worker before {@link #done}, read on the poller after it. */
        private int backed;
        private IOException failure;
        private volatile boolean done;

        Backing(final Path file, final long dataOffset, final int from, final int needed, final int wanted)
        {
            this.file = file;
            this.dataOffset = dataOffset;
            this.from = from;
            this.needed = needed;
            this.wanted = wanted;
            this.backed = from;
        }

        @Override
        public void run()
        {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
            {
                final long room = Files.getFileStore(file).getUsableSpace() / 4;
                final int target = Math.max(needed, (int)Math.min(wanted, from + room));
                final ByteBuffer zeros = ZEROS.duplicate();
                while (backed < target)
                {
                    zeros.clear().limit(Math.min(MIN_WINDOW, target - backed));
                    backed += channel.write(zeros, dataOffset + backed);
                }
            }
            catch (final IOException ex)
            {
                failure = ex;
            }
            finally
            {
                done = true;
            }
        }
    }
}
