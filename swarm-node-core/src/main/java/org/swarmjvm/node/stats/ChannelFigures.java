package org.swarmjvm.node.stats;

/**
 * The records and bytes of each channel of a node's storage, read by the metrics thread at scrape time (while the
 * node loads, serves and stops): the per-channel gauges cost the storage nothing between scrapes.
 */
@FunctionalInterface
public interface ChannelFigures
{
    /** The records figure of a storage that keeps no count of its records. */
    long RECORDS_UNKNOWN = -1;

    /**
     * Calls the visitor once per channel with its figures now. Called from the metrics thread, at any time.
     *
     * @param visitor told each channel.
     */
    void forEachChannel(Visitor visitor);

    /**
     * Calls the visitor once per channel with the bytes its storage holds for it now: its bytes, unless the
     * storage keeps the channel's values in another form (the DHT's compressed channels). Called from the metrics
     * thread, at any time.
     *
     * @param visitor told each channel.
     */
    default void forEachChannelStored(final StoredVisitor visitor)
    {
        forEachChannel((name, records, bytes) -> visitor.channel(name, bytes));
    }

    /**
     * Told one channel's figures.
     */
    @FunctionalInterface
    interface Visitor
    {
        /**
         * @param name    of the channel.
         * @param records it holds, or {@link #RECORDS_UNKNOWN}.
         * @param bytes   it holds.
         */
        void channel(String name, long records, long bytes);
    }

    /**
     * Told the bytes one channel's storage holds.
     */
    @FunctionalInterface
    interface StoredVisitor
    {
        /**
         * @param name        of the channel.
         * @param storedBytes its storage holds for it.
         */
        void channel(String name, long storedBytes);
    }
}
