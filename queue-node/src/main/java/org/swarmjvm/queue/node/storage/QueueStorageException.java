package org.swarmjvm.queue.node.storage;

/**
 * A storage file that cannot be used as it is (an inconsistent overflow index, a ring too small for its dump),
 * or an I/O failure on one; the message names the file and what is wrong with it. At start-up it aborts the node,
 * as in the original. (Damaged dumps and ring files do not: they are kept aside, see {@link Quarantine}.)
 */
public final class QueueStorageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file.
     */
    public QueueStorageException(final String message)
    {
        super(message);
    }

    /**
     * @param message what failed, naming the file.
     * @param cause   the I/O error.
     */
    public QueueStorageException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
