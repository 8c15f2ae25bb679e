package org.swarmjvm.queue.node.storage;

import org.swarmjvm.protocol.codec.ChannelName;

/**
 * How leased delivery behaves on a node ({@code [Leases]} of the config file).
 *
 * @param maxDeliveries    deliveries after which a record given back (nacked or expired) goes to the dead-letter
 *                         channel instead of the head of its channel.
 * @param deadLetterSuffix appended to a channel's name to name its dead-letter channel.
 * @param journalLength    bytes of a new lease journal (one per channel that has been taken from), written in full
 *                         when it is made (its blocks allocated on disk), then memory-mapped.
 */
public record LeaseSettings(int maxDeliveries, String deadLetterSuffix, long journalLength)
{
    /** Default of {@code max_deliveries}. */
    public static final int DEFAULT_MAX_DELIVERIES = 5;
    /**
     * Default of {@code dead_letter_suffix}: {@code <channel>.dead} is not a valid channel name (no dot in the
     * channel-name rule), so {@code <channel>-dead}.
     */
    public static final String DEFAULT_DEAD_LETTER_SUFFIX = "-dead";
    /** Default of {@code journal_size}: 16 MiB. */
    public static final long DEFAULT_JOURNAL_LENGTH = 16L << 20;
    /** Smallest {@code journal_size}. */
    public static final long MIN_JOURNAL_LENGTH = 64L << 10;
    /** Largest {@code journal_size}: 1 GiB, within one mapping. */
    public static final long MAX_JOURNAL_LENGTH = 1L << 30;
    /** Longest {@code dead_letter_suffix}. */
    public static final int MAX_SUFFIX_LENGTH = 32;

    /** The defaults. */
    public static final LeaseSettings DEFAULTS =
        new LeaseSettings(DEFAULT_MAX_DELIVERIES, DEFAULT_DEAD_LETTER_SUFFIX, DEFAULT_JOURNAL_LENGTH);

    /**
     * @throws IllegalArgumentException naming the bad setting and its value.
     */
    public LeaseSettings
    {
        if (maxDeliveries < 1)
        {
            throw new IllegalArgumentException("max_deliveries must be at least 1, not " + maxDeliveries);
        }
        if (!ChannelName.isValid(deadLetterSuffix, MAX_SUFFIX_LENGTH))
        {
            throw new IllegalArgumentException("dead_letter_suffix must be 1 to " + MAX_SUFFIX_LENGTH +
                " characters of [A-Za-z0-9_-], not '" + deadLetterSuffix + "'");
        }
        if (journalLength < MIN_JOURNAL_LENGTH || journalLength > MAX_JOURNAL_LENGTH)
        {
            throw new IllegalArgumentException("journal_size must be " + MIN_JOURNAL_LENGTH + " to " +
                MAX_JOURNAL_LENGTH + " bytes, not " + journalLength);
        }
    }
}
