package org.swarmjvm.queue.node.storage;

import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * A channel's lease journal being made on the node's blocking worker: written in full and mapped there
 * ({@link LeaseTable#map}), since writing its bytes (16 MiB by default) is disk I/O the poller thread, which serves
 * every connection, must not wait for. The poller thread starts it at the channel's first Take and, once it is
 * {@link #isDone() done}, loads the mapped journal into the channel's {@link LeaseTable}. The worker runs its tasks
 * in order, so a task given to it after this one (a waiting Take's wake-up) runs once the journal is made.
 */
final class LeaseJournalMaking implements Runnable
{
    private static final System.Logger LOG = System.getLogger(LeaseJournalMaking.class.getName());

    private final Path file;
    private final long length;
    private final Executor worker;
    /** Written on the worker before {@link #done}, read on the poller after it. */
    private MappedByteBuffer memory;
    private RuntimeException failure;
    private volatile boolean done;

    private LeaseJournalMaking(final Path file, final long length, final Executor worker)
    {
        this.file = file;
        this.length = length;
        this.worker = worker;
    }

    /**
     * Hands the making of a journal to the worker.
     *
     * @param file   the journal.
     * @param length its bytes.
     * @param worker the node's blocking worker, which runs its tasks in order.
     * @return the making, to be asked whether it is done.
     */
    static LeaseJournalMaking start(final Path file, final long length, final Executor worker)
    {
        final LeaseJournalMaking making = new LeaseJournalMaking(file, length, worker);
        worker.execute(making);
        return making;
    }

    @Override
    public void run()
    {
        try
        {
            memory = LeaseTable.map(file, length);
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
        finally
        {
            done = true;
        }
    }

    /**
     * @return true once the worker made the journal or failed to.
     */
    boolean isDone()
    {
        return done;
    }

    /**
     * @return the journal.
     */
    Path file()
    {
        return file;
    }

    /**
     * @return the mapped journal, once {@link #isDone() done}.
     * @throws RuntimeException what making it threw: a {@link QueueStorageException} naming the file and the cause
     *                          when it could not be made (a full disk).
     */
    MappedByteBuffer memory()
    {
        if (null != failure)
        {
            throw failure;
        }
        return memory;
    }

    /**
     * Its channel was removed before the journal was loaded: the worker unmaps and deletes it once it is made (its
     * tasks run in order), so no journal of a removed channel is left for the next start to read.
     */
    void abandon()
    {
        worker.execute(() ->
        {
            if (null != memory)
            {
                IoUtil.unmap(memory);
            }
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ex)
            {
                LOG.log(System.Logger.Level.WARNING,
                    "cannot delete the lease journal of a removed channel " + file + ": " + ex);
            }
        });
    }
}
