package org.swarmjvm.cli.rebalance;

/**
 * A rebalance that cannot start or go on, with what kind of trouble it is.
 */
public final class RebalanceException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind
    {
        /** The ranges the nodes report do not form a set this tool can work from (a gap, a foreign overlap). */
        RANGES,
        /** A node could not be reached, or its connection broke. */
        UNREACHABLE,
        /** A node refused a request or could not move every record. */
        REFUSED,
        /** The nodes do not have the planned ranges at the end, or hold a different number of records. */
        VERIFY
    }

    private final Kind kind;

    /**
     * @param kind    of trouble.
     * @param message saying which node and what.
     * @param cause   or {@code null}.
     */
    public RebalanceException(final Kind kind, final String message, final Throwable cause)
    {
        super(message, cause);
        this.kind = kind;
    }

    /**
     * @return the kind of trouble.
     */
    public Kind kind()
    {
        return kind;
    }
}
