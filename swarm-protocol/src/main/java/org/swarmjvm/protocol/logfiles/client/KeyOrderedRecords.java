package org.swarmjvm.protocol.logfiles.client;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the answers of several nodes (or one node's roughly ordered answer) into one stream in key order, which
 * the nodes do not give: each node streams its own storage order, and the legacy client hands batches on as they
 * arrive (spec §4.3). Hand this to each node's request, then {@link #forEachInKeyOrder} replays every record,
 * keys compared unsigned, records of equal keys in the order they arrived.
 * <p>
 * It copies every value: it holds the whole answer in memory, so it suits answers that fit in the heap.
 */
public final class KeyOrderedRecords implements LogfilesClient.RecordHandler
{
    /**
     * Receives the records in key order.
     */
    @FunctionalInterface
    public interface OrderedRecordHandler
    {
        /**
         * @param key   the record key.
         * @param value the record value (owned by the receiver).
         */
        void onRecord(long key, byte[] value);
    }

    private record Entry(long key, byte[] value)
    {
    }

    private static final Comparator<Entry> BY_UNSIGNED_KEY = (a, b) -> Long.compareUnsigned(a.key(), b.key());

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public void onRecord(final long key, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] value = new byte[length];
        buffer.getBytes(offset, value);
        entries.add(new Entry(key, value));
    }

    /**
     * @return records collected so far.
     */
    public int size()
    {
        return entries.size();
    }

    /**
     * Replays the records collected so far in key order (a stable sort: equal keys keep their arrival order).
     *
     * @param handler receives each record.
     */
    public void forEachInKeyOrder(final OrderedRecordHandler handler)
    {
        entries.sort(BY_UNSIGNED_KEY);
        for (final Entry entry : entries)
        {
            handler.onRecord(entry.key(), entry.value());
        }
    }
}
