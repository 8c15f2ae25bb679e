package org.swarmjvm.dht.node.storage;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.work.BlockingWorker;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;

/**
 * The DHT's storage rules written once for both protocols: each write runs its checks in the original's order and
 * answers an {@link Outcome}, which the legacy and neo handlers map to their own statuses. Checking the channel name
 * and decoding the request stay with the handlers; nothing here allocates.
 */
public final class DhtOperations
{
    /**
     * What a storage operation came to.
     */
    public enum Outcome
    {
        /** Done. */
        OK,
        /** The key is outside this node's range. */
        WRONG_NODE,
        /** The value is over the record limit. */
        VALUE_TOO_BIG,
        /** The value is empty. */
        EMPTY_VALUE,
        /** The node's size limit or the channel's capacity would be exceeded. */
        OUT_OF_MEMORY,
        /** There was no such record (Remove). */
        NO_RECORD
    }

    private final DhtStorage storage;
    private final DumpDirectory dumpDirectory;

    /**
     * @param storage       of the node.
     * @param dumpDirectory where RemoveChannel moves dump files from; {@code null} for a node that keeps none.
     */
    public DhtOperations(final DhtStorage storage, final DumpDirectory dumpDirectory)
    {
        this.storage = storage;
        this.dumpDirectory = dumpDirectory;
    }

    /**
     * @return the storage the operations run on.
     */
    public DhtStorage storage()
    {
        return storage;
    }

    /**
     * Put: key in range, value within the record limit, value not empty, node size limit; then the channel is
     * created if missing, the record stored and the channel's listeners notified.
     *
     * @param channelBuffer holding the channel name.
     * @param channelOffset of the name.
     * @param channelLength of the name.
     * @param key           of the record.
     * @param value         holding the value.
     * @param valueOffset   of the value.
     * @param valueLength   of the value.
     * @param valueTooBig   whether the value is over the protocol's record limit.
     * @return what came of it.
     */
    public Outcome put(
        final DirectBuffer channelBuffer, final int channelOffset, final int channelLength, final long key,
        final DirectBuffer value, final int valueOffset, final int valueLength, final boolean valueTooBig)
    {
        if (!storage.isResponsibleFor(key))
        {
            return Outcome.WRONG_NODE;
        }
        if (valueTooBig)
        {
            return Outcome.VALUE_TOO_BIG;
        }
        if (0 == valueLength)
        {
            return Outcome.EMPTY_VALUE;
        }
        if (storage.wouldExceedSizeLimit(valueLength))
        {
            return Outcome.OUT_OF_MEMORY;
        }
        final DhtChannel channel = storage.getOrCreateChannel(channelBuffer, channelOffset, channelLength);
        if (!channel.put(key, value, valueOffset, valueLength))
        {
            return Outcome.OUT_OF_MEMORY;
        }
        channel.notifyPut(key);
        return Outcome.OK;
    }

    /**
     * One record of a PutBatch, whose value was found not empty: key in range, node size limit, then stored
     * without notifying listeners.
     *
     * @param channel     the batch's channel.
     * @param key         of the record.
     * @param value       holding the value.
     * @param valueOffset of the value.
     * @param valueLength of the value.
     * @return {@link Outcome#OK}, {@link Outcome#WRONG_NODE} or {@link Outcome#OUT_OF_MEMORY}.
     */
    public Outcome putBatchRecord(
        final DhtChannel channel, final long key, final DirectBuffer value, final int valueOffset,
        final int valueLength)
    {
        if (!storage.isResponsibleFor(key))
        {
            return Outcome.WRONG_NODE;
        }
        if (storage.wouldExceedSizeLimit(valueLength) || !channel.put(key, value, valueOffset, valueLength))
        {
            return Outcome.OUT_OF_MEMORY;
        }
        return Outcome.OK;
    }

    /**
     * Remove: key in range, then the record is removed and, if it existed, the channel's listeners told.
     *
     * @param channelBuffer holding the channel name.
     * @param channelOffset of the name.
     * @param channelLength of the name.
     * @param key           of the record.
     * @return {@link Outcome#OK}, {@link Outcome#WRONG_NODE} or {@link Outcome#NO_RECORD}.
     */
    public Outcome remove(
        final DirectBuffer channelBuffer, final int channelOffset, final int channelLength, final long key)
    {
        if (!storage.isResponsibleFor(key))
        {
            return Outcome.WRONG_NODE;
        }
        return remove(storage.channel(channelBuffer, channelOffset, channelLength), key);
    }

    /**
     * Removes a record whose key is known to be in range and tells the channel's listeners if it existed.
     *
     * @param channel holding the record, or {@code null} when missing.
     * @param key     of the record.
     * @return {@link Outcome#OK} or {@link Outcome#NO_RECORD}.
     */
    public Outcome remove(final DhtChannel channel, final long key)
    {
        if (null == channel || !channel.remove(key))
        {
            return Outcome.NO_RECORD;
        }
        channel.notifyRemove(key);
        return Outcome.OK;
    }

    /**
     * RemoveChannel: drops the channel, its records and its Listen and Mirror requests; when it existed and the node
     * keeps dumps, its dump file moves to {@code deleted/} on the blocking worker, so that it is not loaded again,
     * and the worker runs {@code onFileMoved} after the move. A missing channel counts as removed.
     *
     * @param name        of the channel, a valid name.
     * @param worker      of the node, which moves the file off the poller thread.
     * @param onFileMoved run on the worker once the file moved: the handler answers then.
     * @return true when the file's move was submitted (answer after {@code onFileMoved}); false when there is
     *         nothing to wait for (answer now).
     */
    public boolean removeChannel(final String name, final BlockingWorker worker, final Runnable onFileMoved)
    {
        if (!storage.removeChannel(name) || null == dumpDirectory)
        {
            return false;
        }
        worker.submit(() ->
        {
            dumpDirectory.moveToDeleted(name);
            onFileMoved.run();
        });
        return true;
    }

    /**
     * A read (Get, Exists) of a record, without a range check.
     *
     * @param channelBuffer holding the channel name.
     * @param channelOffset of the name.
     * @param channelLength of the name.
     * @param key           of the record.
     * @return the channel holding the record, or {@code null} when the record or the channel is missing.
     */
    public DhtChannel channelHolding(
        final DirectBuffer channelBuffer, final int channelOffset, final int channelLength, final long key)
    {
        final DhtChannel channel = storage.channel(channelBuffer, channelOffset, channelLength);
        return null != channel && channel.exists(key) ? channel : null;
    }
}
