package org.swarmjvm.queue.node.storage;

/**
 * A ring file whose header cannot be trusted: what is wrong and where, for the log line; the file is then kept
 * in the {@link Quarantine} with every record it held.
 */
final class DamagedFileException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param offset  of the damaged field in the file.
     * @param problem what is wrong with it.
     */
    DamagedFileException(final long offset, final String problem)
    {
        super(problem);
        this.offset = offset;
    }

    /**
     * @return the offset of the damaged field in the file.
     */
    long offset()
    {
        return offset;
    }
}
