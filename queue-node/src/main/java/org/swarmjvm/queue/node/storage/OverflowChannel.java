package org.swarmjvm.queue.node.storage;

/**
 * The disk-overflow part of one storage: where its chain of records starts and ends in {@code overflow.dat}, and
 * how many records and payload bytes it holds. The fields are what {@code ofchannels.csv} lists per storage,
 * plus the id every record header carries, and the storage's name and ring file, which {@code overflow.chains}
 * keeps for each id (see {@link OverflowChainDescriptor}).
 */
public final class OverflowChannel
{
    int id;
    long firstOffset;
    long lastOffset;
    long records;
    long bytes;
    String storage;
    long ringSequence;

    /**
     * @return the channel id in the record headers, 0 when none was assigned yet.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return offset of the oldest record in {@code overflow.dat}.
     */
    public long firstOffset()
    {
        return firstOffset;
    }

    /**
     * @return offset of the newest record in {@code overflow.dat}.
     */
    public long lastOffset()
    {
        return lastOffset;
    }

    /**
     * @return number of records.
     */
    public long records()
    {
        return records;
    }

    /**
     * @return payload bytes of the records, headers excluded.
     */
    public long bytes()
    {
        return bytes;
    }

    /**
     * @return true when no record is on disk for this storage.
     */
    public boolean isEmpty()
    {
        return 0 == records;
    }

    void set(final int id, final long firstOffset, final long lastOffset, final long records, final long bytes)
    {
        this.id = id;
        this.firstOffset = firstOffset;
        this.lastOffset = lastOffset;
        this.records = records;
        this.bytes = bytes;
    }

    void owner(final String storage, final long ringSequence)
    {
        this.storage = storage;
        this.ringSequence = ringSequence;
    }

    void clearRecords()
    {
        firstOffset = 0;
        lastOffset = 0;
        records = 0;
        bytes = 0;
    }
}
