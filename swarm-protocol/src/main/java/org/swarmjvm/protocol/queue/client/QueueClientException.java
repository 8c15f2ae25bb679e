package org.swarmjvm.protocol.queue.client;

import org.swarmjvm.protocol.SwarmStatus;

/**
 * A queue request that failed on every node it was tried on, or that a node refused with a status.
 */
public final class QueueClientException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient SwarmStatus status;

    /**
     * @param message what failed.
     * @param status  the last status a node answered, or {@code null} when the failure was an I/O error.
     * @param cause   the last I/O error, or {@code null}.
     */
    public QueueClientException(final String message, final SwarmStatus status, final Throwable cause)
    {
        super(message, cause);
        this.status = status;
    }

    /**
     * @return the last status a node answered, or {@code null} when the failure was an I/O error.
     */
    public SwarmStatus status()
    {
        return status;
    }
}
