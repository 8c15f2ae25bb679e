package org.swarmjvm.logfiles.node.storage;

/**
 * A regular expression needed more work on one value than allowed. The scan ends quietly with the records found
 * so far, as the original's does when PCRE reports its match limit.
 */
public final class MatchLimitExceededException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param limit the character reads allowed per value.
     */
    public MatchLimitExceededException(final long limit)
    {
        super("regular expression exceeded " + limit + " character reads on one value", null, false, false);
    }
}
