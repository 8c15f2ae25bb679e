package org.swarmjvm.logfiles.node.storage;

import org.agrona.DirectBuffer;

/**
 * Decides which record values a scan returns (GetAllFilter, GetRangeFilter, GetRangeRegex).
 */
@FunctionalInterface
public interface RecordFilter
{
    /** Lets every record through. */
    RecordFilter ALL = (buffer, offset, length) -> true;

    /**
     * @param buffer holding the value.
     * @param offset of the value.
     * @param length of the value.
     * @return true when the record is returned.
     * @throws MatchLimitExceededException when matching took too long; the scan then ends, as the original's
     *                                     does when PCRE hits its match limit.
     */
    boolean matches(DirectBuffer buffer, int offset, int length);
}
